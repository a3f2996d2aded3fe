// The agent desktop in Jest (jsdom), on the real Amazon Connect Streams and taskjs-rs, against a
// simulated CCP from taskjs-rs/testing: no Connect instance, no network.
import 'amazon-connect-streams';
import 'taskjs-rs';
import { simulateCcp, taskTemplate, waitUntil } from 'taskjs-rs/testing';
import { startDesktop } from '../src/desktop.js';

const callbackTemplate = taskTemplate({
  name: 'Customer callback',
  fields: [
    { name: 'Name', type: 'NAME' },
    { name: 'Callback number', type: 'TEXT' },
    { name: 'Case URL', type: 'URL' },
  ],
  required: ['Name', 'Callback number'],
});

let ccp;

// One desktop for the file, as in the browser; each test starts from a fresh CCP.
beforeAll(async () => {
  connect.getLog().setEchoLevel(connect.LogLevel.ERROR);
  document.body.innerHTML = '<main id="app"></main><aside id="ccp"></aside>';
  ccp = simulateCcp({
    agent: {
      name: 'Ana Agent',
      routingProfile: { name: 'Support', queues: ['Support', 'Billing'] },
      quickConnects: [
        { type: 'queue', name: 'Billing queue', queue: 'Billing' },
        { type: 'agent', name: 'Sam (supervisor)' },
      ],
    },
    templates: [callbackTemplate],
  });
  startDesktop({ root: document.getElementById('app'), ccpContainer: document.getElementById('ccp'), ccpUrl: ccp.ccpUrl });
  await ccp.ready();
  await waitUntil(() => document.querySelector('.agent').textContent === 'Ana Agent', { what: 'the agent name' });
});

afterAll(() => ccp.close());

beforeEach(async () => {
  await ccp.reset();
  await waitUntil(() => !document.querySelector('.task'), { what: 'no tasks on the desktop' });
});

// The card of a task, once it shows `text`.
const card = (contactId) => document.querySelector(`[data-contact-id="${contactId}"]`);
const shows = (contactId, text) => waitUntil(() => card(contactId)?.textContent.includes(text), { what: `task ${contactId} to show "${text}"` });
// Active, with its TaskJS session open (so that the app hears its transfer and expiry events).
const active = async (contactId) => {
  await shows(contactId, 'Active');
  await waitUntil(() => card(contactId).dataset.session === 'open', { what: `the session of task ${contactId}` });
};
const click = (contactId, label) => [...card(contactId).querySelectorAll('button')].find((b) => b.textContent === label).click();
// The create-task form on the callback template, once its fields show.
const chooseCallbackTemplate = async () => {
  await waitUntil(() => document.querySelector('option[value]:not([value=""])'), { what: 'the templates' });
  const select = document.querySelector('select[name="template"]');
  select.value = callbackTemplate.Id;
  select.dispatchEvent(new Event('change'));
  await waitUntil(() => document.querySelector('[data-field="Callback number"]'), { what: 'the template fields' });
};

test('an incoming task shows its details and is accepted through Streams', async () => {
  const { contactId } = await ccp.addTask({
    name: 'Call back Ana',
    description: 'About order 1042',
    references: { Order: { type: 'URL', value: 'https://example.com/orders/1042' } },
  });
  await shows(contactId, 'Incoming');
  expect(card(contactId).textContent).toContain('About order 1042');
  expect(card(contactId).textContent).toContain('Order: https://example.com/orders/1042');

  click(contactId, 'Accept');
  const accept = await ccp.nextCall('acceptContact');
  expect(accept.params).toEqual({ contactId });
  await shows(contactId, 'Active');
});

test('a rejected or missed task can be closed', async () => {
  const rejected = await ccp.addTask({ name: 'Not for me' });
  await shows(rejected.contactId, 'Incoming');
  click(rejected.contactId, 'Reject');
  await shows(rejected.contactId, 'Rejected');
  click(rejected.contactId, 'Close');
  await ccp.waitForContact(rejected.contactId, 'cleared');

  const missed = await ccp.addTask({ name: 'Nobody answered' });
  await shows(missed.contactId, 'Incoming');
  await ccp.missTask(missed.contactId);
  await shows(missed.contactId, 'Missed');
  click(missed.contactId, 'Close');
  await ccp.waitForContact(missed.contactId, 'cleared');
  await waitUntil(() => !card(missed.contactId), { what: 'the missed task to go' });
});

test('ending a task puts it in after contact work; closing it clears it', async () => {
  const { contactId } = await ccp.addTask({ name: 'Refund', state: 'connected' });
  await shows(contactId, 'Active');
  click(contactId, 'End task');
  const end = await ccp.nextCall('destroyConnection');
  expect(end.params.contactId).toBe(contactId);
  await shows(contactId, 'After contact work');
  click(contactId, 'Close');
  await ccp.waitForContact(contactId, 'cleared');
  await waitUntil(() => !card(contactId), { what: 'the card to go' });
});

test('a transfer to a quick connect: in progress, failed, then transferred', async () => {
  const { contactId } = await ccp.addTask({ name: 'Billing question', state: 'connected' });
  await active(contactId);
  await waitUntil(() => card(contactId).querySelector('option'), { what: 'the quick connects' });

  click(contactId, 'Transfer');
  const transfer = await ccp.nextCall('createAdditionalConnection');
  expect(transfer.params.endpoint.name).toBe('Billing queue');
  await shows(contactId, 'Transfer in progress');

  await ccp.transferFailed(contactId);
  await shows(contactId, 'Transfer failed: the task is still yours.');

  click(contactId, 'Transfer');
  await shows(contactId, 'Transfer in progress');
  await ccp.transferSucceeded(contactId);
  await shows(contactId, 'Transferred.');
  await shows(contactId, 'After contact work');
});

test('the expiry warning, then expiry, as the clock moves', async () => {
  const now = await ccp.now();
  const { contactId } = await ccp.addTask({ name: 'Slow task', state: 'connected', expiresAt: now + 3 * 3600 * 1000 });
  await active(contactId);

  await ccp.advanceClock(61 * 60 * 1000); // the warning comes two hours before expiry
  await shows(contactId, 'Expires soon');
  await ccp.advanceClock(2 * 3600 * 1000);
  await shows(contactId, 'Expired.');
  await shows(contactId, 'After contact work');
});

test('a scheduled task arrives at its time', async () => {
  const inAnHour = Math.floor((await ccp.now()) / 1000) + 3600;
  const { contactId } = await ccp.addTask({ name: 'Follow up', scheduledTime: inAnHour });
  expect(card(contactId)).toBeNull();
  await ccp.advanceClock(3600 * 1000);
  await shows(contactId, 'Follow up');
});

test('creates a task from a template', async () => {
  await chooseCallbackTemplate();
  document.querySelector('input[name="name"]').value = 'Call Ana back';
  document.querySelector('[data-field="Callback number"]').value = '+15550100';
  document.querySelector('form button[type="submit"]').click();

  const create = await ccp.nextCall('createTask');
  expect(create.method).toBe('createTemplatedTask');
  expect(create.params).toMatchObject({
    TaskTemplateId: callbackTemplate.Id,
    Name: 'Call Ana back',
    References: { 'Callback number': { Type: 'STRING', Value: '+15550100' } },
  });
  await waitUntil(() => document.querySelector('.result').textContent.startsWith('Task created'), { what: 'the result' });
});

test("the template's rules are checked before anything is sent", async () => {
  await chooseCallbackTemplate();
  document.querySelector('input[name="name"]').value = 'No number';
  document.querySelector('form button[type="submit"]').click();

  await waitUntil(() => document.querySelector('.result').textContent.includes('Callback number'), { what: 'the problem' });
  expect(await ccp.calls({ method: 'createTask' })).toEqual([]);
});

test('when Amazon Connect fails or does not answer, the form says so', async () => {
  connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 300 });
  await chooseCallbackTemplate();
  document.querySelector('input[name="name"]').value = 'Call Ana back';
  document.querySelector('[data-field="Callback number"]').value = '+15550100';
  const result = () => document.querySelector('.result').textContent;

  await ccp.answerNext('createTask', { fail: { type: 'ThrottlingException', message: 'Rate exceeded', status: 429 } });
  document.querySelector('form button[type="submit"]').click();
  await waitUntil(() => result() === 'Not created: Rate exceeded', { what: 'the service error' });

  await ccp.answerNext('createTask', { never: true });
  document.querySelector('form button[type="submit"]').click();
  await waitUntil(() => result().includes('did not answer in time'), { what: 'the time-out' });
  connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 60000 });
});

test('the header tells when the websocket is lost and back', async () => {
  const status = () => document.querySelector('.websocket').textContent;
  await ccp.websocketLost();
  await waitUntil(() => status() === 'Offline: reconnecting…', { what: 'the offline note' });
  await ccp.websocketGained();
  await waitUntil(() => status() === '', { what: 'the note to go' });
});
