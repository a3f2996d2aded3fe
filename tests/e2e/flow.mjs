// The end-to-end flow on the demo page: real Streams (initCCP against the CCP simulator), a
// TaskJS bundle, task contacts and their media controllers, every task event, a transfer to a new
// contactId, websocket loss and init failure, the create-task form and updateContact. Used by
// tests/e2e/demo.test.mjs and, once per Streams release, by tests/matrix.
import assert from 'node:assert/strict';
import path from 'node:path';
import { OUTPUT, card, countEvents, normalizedLogs, openDemo, simFrame, waitForEvent } from './harness.mjs';

const TASK_EVENTS = [
  ['Transfer initiated', 'TRANSFER_INITIATED', 'transfer.initiated'],
  ['Transfer succeeded', 'TRANSFER_SUCCEEDED', 'transfer.succeeded'],
  ['Transfer failed', 'TRANSFER_FAILED', 'transfer.failed'],
  ['Expire warning', 'TASK_EXPIRING', 'expire.warning'],
  ['Expired', 'TASK_EXPIRED', 'expire.complete'],
];
const PREFIX = 'application/vnd.amazonaws.connect.event.';

const button = (page, contactId, name) => card(page, contactId).getByRole('button', { name, exact: true });

async function cardIds(page) {
  return page.locator('.contact-card').evaluateAll((nodes) =>
    nodes.map((n) => ({ contactId: n.dataset.contactId, initialContactId: n.dataset.initialContactId })));
}

// Submits the create-task form and returns {result, errors: {field: message}}.
async function submitForm(page) {
  const before = Number(await page.locator('#create-task').getAttribute('data-submits') || 0);
  await page.locator('#create-task').getByRole('button', { name: 'Create task' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('#create-task').dataset.submits || 0) > n, before);
  const result = page.locator('.form-result');
  const errors = await page.locator('.field-error').evaluateAll((nodes) =>
    Object.fromEntries(nodes.filter((n) => n.textContent).map((n) => [n.dataset.errorFor, n.textContent])));
  return { text: await result.textContent(), contactId: await result.getAttribute('data-contact-id'), errors };
}

async function waitForCardConnected(page, contactId) {
  await page.waitForSelector(`.contact-card[data-contact-id="${contactId}"][data-session="connected"]`);
}

export async function runFlow(harness, which, { streams } = {}) {
  const page = await openDemo(harness, which, { streams });
  const [a, b] = await cardIds(page);
  assert.equal(a.contactId, a.initialContactId, 'first task: not transferred yet');
  assert.notEqual(b.contactId, b.initialContactId, 'second task: transferred before, ids differ');
  const hasLostHook = (await card(page, a.contactId).getAttribute('data-hooks')).split(' ').includes('onConnectionLost');

  // Every aws/task event, on the first task.
  for (const [label, hook, type] of TASK_EVENTS) {
    await button(page, a.contactId, label).click();
    await waitForEvent(page, a.contactId, hook);
    const entry = card(page, a.contactId).locator(`.event[data-event="${hook}"]`).last();
    assert.equal(await entry.getAttribute('data-content-type'), PREFIX + type);
    assert.equal(await entry.getAttribute('data-contact-id'), a.contactId);
    assert.match(await entry.textContent(), new RegExp(type.replace('.', '\\.')));
  }
  // onMessage follows each specific event.
  await waitForEvent(page, a.contactId, 'INCOMING_MESSAGE', TASK_EVENTS.length);

  // An event about the second task reaches only its session (routed by its ids).
  await button(page, b.contactId, 'Transfer initiated').click();
  await waitForEvent(page, b.contactId, 'TRANSFER_INITIATED');
  assert.equal(await countEvents(page, a.contactId, 'TRANSFER_INITIATED'), 1);

  // Websocket lost: the page sees it; events sent meanwhile are lost. Regained: sessions hear it.
  await page.click('[data-sim="connectionLost"]');
  await page.waitForSelector('[data-status="websocket"][data-value="lost"]');
  if (hasLostHook) {
    await waitForEvent(page, a.contactId, 'CONNECTION_LOST');
    await waitForEvent(page, b.contactId, 'CONNECTION_LOST');
  }
  await button(page, a.contactId, 'Expire warning').click(); // dropped: the websocket is down
  await page.click('[data-sim="connectionGained"]');
  await page.waitForSelector('[data-status="websocket"][data-value="connected"]');
  await waitForEvent(page, a.contactId, 'CONNECTION_ESTABLISHED');
  await waitForEvent(page, b.contactId, 'CONNECTION_ESTABLISHED');

  // A transfer that changes the contactId and keeps the initialContactId.
  await button(page, a.contactId, 'Transfer → new contactId').click();
  await waitForEvent(page, a.contactId, 'TRANSFER_SUCCEEDED', 2);
  const moved = card(page, a.contactId).locator('.event[data-event="TRANSFER_SUCCEEDED"]').last();
  const newId = await moved.getAttribute('data-contact-id');
  assert.notEqual(newId, a.contactId, 'the event names the new contact');
  assert.equal(await moved.getAttribute('data-initial-contact-id'), a.initialContactId);
  await waitForCardConnected(page, newId);
  assert.equal(await card(page, newId).getAttribute('data-initial-contact-id'), a.initialContactId);
  await page.waitForSelector(`.contact-card[data-contact-id="${a.contactId}"][data-state="ended"][data-session="closed"]`);

  // The new contact's session gets events; the ended one's was cleaned up by Streams (the newest
  // Streams does; what an older one does, the matrix compares between the bundles).
  await button(page, newId, 'Expire warning').click();
  await waitForEvent(page, newId, 'TASK_EXPIRING');
  if (!streams) {
    assert.equal(await countEvents(page, a.contactId, 'TASK_EXPIRING'), 1, 'dropped and post-cleanUp events never arrive');
  }

  // Websocket init failure: open sessions report a broken connection.
  await page.click('[data-sim="initFailure"]');
  await waitForEvent(page, b.contactId, 'CONNECTION_BROKEN');
  await waitForEvent(page, newId, 'CONNECTION_BROKEN');
  await page.click('[data-sim="connectionGained"]');
  await waitForEvent(page, newId, 'CONNECTION_ESTABLISHED');

  // Create-task form: errors next to their field, then a templated and a plain task.
  const form = page.locator('#create-task');
  await form.locator('input[name="name"]').fill('x'.repeat(513));
  let r = await submitForm(page);
  assert.match(r.errors.name || '', /512/, `name error shown next to the name field: ${JSON.stringify(r)}`);

  await form.locator('select[name="template"]').selectOption({ label: 'Refund request' });
  await page.waitForSelector('#create-task[data-template="b8d2f0a3-4c5e-4f6a-9b7c-8d9e0f1a2b3c"]');
  assert.equal(await form.locator('[data-ref]').count(), 4, 'the template fields are shown');
  await form.locator('input[name="name"]').fill('Refund order 1042');
  r = await submitForm(page);
  assert.match(r.errors['ref:Order URL'] || '', /Order URL/, `required template field: ${JSON.stringify(r)}`);

  await form.locator('[data-ref="Order URL"]').fill('https://example.com/orders/1042');
  await form.locator('[data-ref="Amount"]').fill('19.99');
  // With an endpoint: the form passes the connect.Endpoint that agent.getEndpoints returned.
  await form.locator('select[name="endpoint"]').selectOption({ label: 'BasicQueue (queue)' });
  r = await submitForm(page);
  assert.deepEqual(r.errors, {});
  assert.match(r.text, /Task created/);
  await waitForCardConnected(page, r.contactId);
  assert.equal(await card(page, r.contactId).locator('.card-title').textContent(), 'Refund order 1042');

  await form.locator('select[name="template"]').selectOption({ label: 'No template (plain task)' });
  await form.locator('input[name="name"]').fill('Follow up with Ana');
  await form.locator('select[name="endpoint"]').selectOption({ label: 'BasicQueue (queue)' });
  await form.locator('input[name="link"]').fill('https://example.com/cases/77');
  r = await submitForm(page);
  assert.deepEqual(r.errors, {});
  await waitForCardConnected(page, r.contactId);

  // updateContact from a card renames the task in the agent snapshot.
  await card(page, b.contactId).locator('input[name="name"]').fill('Review flagged invoice (updated)');
  await card(page, b.contactId).getByRole('button', { name: 'Update' }).click();
  await page.waitForFunction((id) => document.querySelector(`.contact-card[data-contact-id="${id}"] .card-title`)
    .textContent.endsWith('(updated)'), b.contactId);

  // The templated task went out with the quick connect id of the endpoint chosen in the form.
  const templated = await simFrame(page).evaluate(() => ccpSimulator.calls()
    .filter((c) => c.method === 'createTemplatedTask').map((c) => c.params));
  const created = templated.at(-1);
  assert.match(created && created.QuickConnectId || '', /^[0-9a-f-]{36}$/, JSON.stringify(templated));
  assert.equal('Endpoint' in created, false);

  const calls = await simFrame(page).evaluate(() => ccpSimulator.calls().map((c) => c.method));
  for (const m of ['listTaskTemplates', 'getEndpoints', 'getTaskTemplate', 'createTemplatedTask', 'createTaskContact', 'updateContact']) {
    assert.ok(calls.includes(m), `${m} reached the simulator`);
  }

  if (!streams) await page.screenshot({ path: path.join(OUTPUT, `demo-${which}.png`), fullPage: true });
  const logs = await normalizedLogs(page);
  assert.deepEqual(page.problems, [], 'no page errors');
  await page.close();
  return { logs, hasLostHook };
}


// Our flow shows the reference's events; we also report the connection loss (a hook the
// reference does not have).
export function compareFlows(ours, reference) {
  assert.ok(ours.hasLostHook, 'taskjs-rs sessions have onConnectionLost');
  const withoutLost = ours.logs.map((c) => ({ ...c, events: c.events.filter((e) => e.event !== 'CONNECTION_LOST') }));
  assert.deepEqual(withoutLost, reference.logs);
  const lost = ours.logs.flatMap((c) => c.events).filter((e) => e.event === 'CONNECTION_LOST');
  assert.ok(lost.length >= 2 && lost.every((e) => e.eventArg === 'CONNECTION_LOST'));
}
