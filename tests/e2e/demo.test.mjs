// End-to-end: the demo page with real Streams and a TaskJS bundle, against the CCP simulator.
// The same flow runs with the reference amazon-connect-taskjs@2.0.0 and with our bundle, and
// both must show the same events.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { OURS_BUNDLE, openDemo, simFrame, startHarness } from './harness.mjs';
import { compareFlows, runFlow } from './flow.mjs';

let harness;
const runs = {};

before(async () => {
  harness = await startHarness();
});

after(async () => {
  if (harness) await harness.close();
});

// The agent APIs' failures come back from the simulator through Streams to the callbacks.
async function apiErrors(which) {
  const page = await openDemo(harness, which);
  await simFrame(page).evaluate(() => ccpSimulator.failNext({ method: 'createTaskContact', type: 'ThrottlingException', message: 'Rate exceeded', status: 429 }));
  const out = await page.evaluate(async () => {
    const agent = new connect.Agent();
    const message = (e) => (e instanceof Error ? e.message : typeof e === 'string' ? JSON.parse(e).message : String(e && e.message));
    const call = (f) => new Promise((resolve) => {
      try {
        f({ success: (d) => resolve({ ok: d }), failure: (e) => resolve({ err: message(e) }) });
      } catch (e) {
        resolve({ thrown: e.message });
      }
    });
    const [endpoint] = await new Promise((res) => agent.getEndpoints(agent.getAllQueueARNs(), { success: (d) => res(d.endpoints) }));
    return {
      unknownTemplate: await call((cb) => agent.getTaskTemplate({ id: 'does-not-exist' }, cb)),
      tooMany: await call((cb) => agent.listTaskTemplates({ maxResults: 500 }, cb)),
      unknownContact: await call((cb) => agent.updateContact({ contactId: 'no-such-contact', name: 'x' }, cb)),
      throttled: await call((cb) => agent.createTask({ name: 'x', endpoint }, cb)),
      inactive: await call((cb) => agent.createTask({ name: 'x', taskTemplateId: 'c9e3a1b4-5d6f-4a7b-8c8d-9e0f1a2b3c4d' }, cb)),
      listed: await call((cb) => agent.listTaskTemplates({ status: 'INACTIVE' }, cb)),
    };
  });
  await page.close();
  assert.match(out.unknownTemplate.err, /does-not-exist.*not found/);
  assert.match(out.tooMany.err, /maxResults/);
  assert.match(out.unknownContact.err, /no-such-contact.*not found/);
  assert.equal(out.throttled.err, 'Rate exceeded');
  assert.match(out.inactive.err, /INACTIVE/);
  assert.deepEqual(out.listed.ok.TaskTemplates.map((t) => t.Name), ['Legacy escalation']);
}

test('reference amazon-connect-taskjs@2.0.0: events, transfer to a new contactId, create task', async () => {
  runs.reference = await runFlow(harness, 'reference');
});

test('taskjs-rs bundle: the same flow shows the same events', async (t) => {
  if (!fs.existsSync(OURS_BUNDLE)) {
    t.skip('dist/amazon-connect-task.js is not built (npm run release)');
    return;
  }
  const ours = await runFlow(harness, 'ours');
  compareFlows(ours, runs.reference || (await runFlow(harness, 'reference')));
});

test('API errors from the simulator reach the callbacks (reference)', async () => {
  await apiErrors('reference');
});

test('API errors from the simulator reach the callbacks (taskjs-rs)', async (t) => {
  if (!fs.existsSync(OURS_BUNDLE)) {
    t.skip('dist/amazon-connect-task.js is not built (npm run release)');
    return;
  }
  await apiErrors('ours');
});

test('taskjs-rs: the create-task form shows every problem of a template\'s rules beside its field, before anything is sent', async (t) => {
  if (!fs.existsSync(OURS_BUNDLE)) {
    t.skip('dist/amazon-connect-task.js is not built (npm run release)');
    return;
  }
  const page = await openDemo(harness, 'ours');
  const form = page.locator('#create-task');
  await form.locator('select[name="template"]').selectOption({ label: 'Refund request' });
  await page.waitForSelector('#create-task[data-template="b8d2f0a3-4c5e-4f6a-9b7c-8d9e0f1a2b3c"]');
  await form.locator('input[name="name"]').fill('Refund order 1042');
  await form.locator('[data-ref="Amount"]').fill('19.99');
  await form.locator('[data-ref="Order URL"]').fill('');
  const sentBefore = await simFrame(page).evaluate(() => ccpSimulator.calls().filter((c) => /create/i.test(c.method)).length);
  await form.getByRole('button', { name: 'Create task' }).click();
  await page.waitForSelector('#create-task[data-checked]');
  const errors = await page.locator('.field-error').evaluateAll((nodes) =>
    Object.fromEntries(nodes.filter((n) => n.textContent).map((n) => [n.dataset.errorFor, n.textContent])));
  assert.deepEqual(errors, { 'ref:Order URL': 'references.Order URL is required by template field "Order URL"' });
  assert.match(await page.locator('.form-result').textContent(), /Not sent: 1 field does not meet the template/);
  const sentAfter = await simFrame(page).evaluate(() => ccpSimulator.calls().filter((c) => /create/i.test(c.method)).length);
  assert.equal(sentAfter, sentBefore, 'nothing was sent');
  assert.deepEqual(page.problems, []);
  await page.close();
});
