// The agent desktop in Chromium, on the real Amazon Connect Streams and taskjs-rs, against a
// simulated CCP served by taskjs-rs/testing: the app loads it as its ccpUrl; the test drives it.
import { test as base, expect } from '@playwright/test';
import { startCcpServer, taskTemplate } from 'taskjs-rs/testing';

const callbackTemplate = taskTemplate({
  name: 'Customer callback',
  fields: [{ name: 'Name', type: 'NAME' }, { name: 'Callback number', type: 'TEXT' }],
  required: ['Name', 'Callback number'],
});

// One CCP server per worker; a fresh simulated CCP for each test, and the desktop loaded on it.
const test = base.extend({
  ccpServer: [async ({}, use) => {
    const ccpServer = await startCcpServer();
    await use(ccpServer);
    await ccpServer.close();
  }, { scope: 'worker' }],
  ccp: async ({ ccpServer, page }, use) => {
    const ccp = ccpServer.simulator({
      agent: { name: 'Ana Agent', quickConnects: [{ type: 'queue', name: 'Billing queue', queue: 'BasicQueue' }] },
      templates: [callbackTemplate],
    });
    await page.goto(`/?ccpUrl=${encodeURIComponent(ccp.ccpUrl)}`);
    await ccp.ready();
    await expect(page.locator('.agent')).toHaveText('Ana Agent');
    await use(ccp);
    await ccp.close();
  },
});

const card = (page, contactId) => page.locator(`[data-contact-id="${contactId}"]`);

test('a task: accepted, transferred, failed back, ended and closed', async ({ page, ccp }) => {
  const { contactId } = await ccp.addTask({ name: 'Billing question', description: 'Invoice 77 looks wrong' });
  const task = card(page, contactId);
  await expect(task).toContainText('Incoming');
  await expect(task).toContainText('Invoice 77 looks wrong');

  await task.getByRole('button', { name: 'Accept' }).click();
  await expect(task).toContainText('Active');
  await expect(task).toHaveAttribute('data-session', 'open');

  await task.getByRole('button', { name: 'Transfer' }).click();
  const transfer = await ccp.nextCall('createAdditionalConnection');
  expect(transfer.params.endpoint.name).toBe('Billing queue');
  await expect(task).toContainText('Transfer in progress');
  await ccp.transferFailed(contactId);
  await expect(task).toContainText('Transfer failed: the task is still yours.');

  await task.getByRole('button', { name: 'End task' }).click();
  await expect(task).toContainText('After contact work');
  await task.getByRole('button', { name: 'Close' }).click();
  await ccp.waitForContact(contactId, 'cleared');
  await expect(task).toHaveCount(0);
});

test('expiry: the warning, then the task ends', async ({ page, ccp }) => {
  const now = await ccp.now();
  const { contactId } = await ccp.addTask({ name: 'Slow task', state: 'connected', expiresAt: now + 3 * 3600 * 1000 });
  const task = card(page, contactId);
  await expect(task).toHaveAttribute('data-session', 'open');
  await ccp.advanceClock(61 * 60 * 1000);
  await expect(task).toContainText('Expires soon');
  await ccp.advanceClock(2 * 3600 * 1000);
  await expect(task).toContainText('Expired.');
  await expect(task).toContainText('After contact work');
});

test('creates a task from a template; says so when Amazon Connect does not answer', async ({ page, ccp }) => {
  await page.evaluate(() => connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 500 }));
  await page.getByLabel('Template').selectOption({ label: 'Customer callback' });
  await page.getByLabel('Name').fill('Call Ana back');
  await page.locator('[data-field="Callback number"]').fill('+15550100');

  await page.getByRole('button', { name: 'Create task' }).click();
  const create = await ccp.nextCall('createTask');
  expect(create.params).toMatchObject({ TaskTemplateId: callbackTemplate.Id, Name: 'Call Ana back' });
  await expect(page.locator('.result')).toContainText('Task created');

  await ccp.answerNext('createTask', { never: true });
  await page.getByRole('button', { name: 'Create task' }).click();
  await expect(page.locator('.result')).toContainText('did not answer in time');
});
