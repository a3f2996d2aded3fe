// The simulator's model without a page: controls, the lifecycle and its refusals, scripted
// answers, the clock, the waits and their messages. (Pages: in-process.test.mjs, server.test.mjs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CcpSimulator } from '../../www/sim/simulator.js';
import { runControl } from '../../www/sim/controls.js';
import { idFromName } from '../../www/sim/ids.js';

const control = (sim, name, ...args) => runControl(sim, name, args);

// A page that records what the CCP sends it and answers nothing.
function page(sim) {
  const got = [];
  const port = sim.connect((m) => got.push(m));
  port.receive({ event: 'outer_context_info', data: { streamsVersion: 'test' } });
  return { got, port, api: (method, params) => {
    const requestId = `r${got.length}-${Math.random()}`;
    port.receive({ event: 'api_request', data: { requestId, method, params } });
    const answer = got.find((m) => m.event === 'api_response' && m.data.requestId === requestId);
    return answer && answer.data;
  } };
}

test('an offered task is accepted, ended into after contact work, and cleared; each step only from its states', () => {
  const sim = new CcpSimulator();
  const { contactId } = control(sim, 'addTask', { name: 'Call Ana' });
  assert.equal(control(sim, 'contact', contactId).state, 'connecting');
  assert.throws(() => control(sim, 'endTask', contactId), { name: 'SimulatorError', message: `endTask: contact ${contactId} is connecting; endTask is allowed only when a contact is connected or paused` });
  assert.equal(control(sim, 'acceptTask', contactId).state, 'connected');
  assert.throws(() => control(sim, 'clearTask', contactId), /clearTask: contact .* is connected; clearTask is allowed only when a contact is ended, missed, rejected or error/);
  assert.equal(control(sim, 'pauseTask', contactId).state, 'paused');
  assert.equal(control(sim, 'resumeTask', contactId).connectionState, 'connected');
  const ended = control(sim, 'endTask', contactId);
  assert.deepEqual([ended.state, ended.connectionState], ['ended', 'disconnected']);
  assert.deepEqual(control(sim, 'clearTask', contactId), { contactId, state: 'cleared' });
  assert.throws(() => control(sim, 'acceptTask', contactId), { message: `No contact ${contactId} in the agent's snapshot (it was cleared); contacts: none` });
});

test("the page's contact requests are refused from the wrong state with the CCP's errors", () => {
  const sim = new CcpSimulator();
  const p = page(sim);
  const { contactId } = control(sim, 'addTask', { name: 'T', state: 'connected' });
  const parse = (answer) => JSON.parse(answer.err);
  assert.deepEqual(parse(p.api('clearContact', { contactId })), {
    type: 'InvalidStateException', message: 'Cannot clear contact: invalid state TALKING',
    stack: ['InvalidStateException: Cannot clear contact: invalid state TALKING'], retryStatus: 'NONE', statusCode: 400,
  });
  assert.equal(parse(p.api('completeContact', { contactId })).message, 'contact cannot be completed, Invalid state.');
  assert.equal(parse(p.api('acceptContact', { contactId })).message, 'Cannot accept contact: invalid state TALKING');
  assert.equal(parse(p.api('clearContact', { contactId: 'nope' })).type, 'ContactNotFoundException');
  const { connectionId } = sim.agent.find(contactId).connections[0];
  assert.deepEqual(p.api('destroyConnection', { contactId, connectionId }).data, {});
  assert.equal(control(sim, 'contact', contactId).state, 'ended');
  assert.equal(parse(p.api('destroyConnection', { contactId, connectionId })).message, 'Cannot destroy connection: invalid state ENDED');
  assert.deepEqual(p.api('clearContact', { contactId }).data, {});
  assert.equal(control(sim, 'contact', contactId), null);
  const rejected = control(sim, 'addTask', { name: 'R' });
  assert.deepEqual(p.api('rejectContact', { contactId: rejected.contactId }).data, {});
  assert.equal(control(sim, 'contact', rejected.contactId).state, 'rejected');
  assert.deepEqual(control(sim, 'calls').map((c) => [c.method, c.status]), [
    ['clearContact', 'failed'], ['completeContact', 'failed'], ['acceptContact', 'failed'], ['clearContact', 'failed'],
    ['destroyConnection', 'answered'], ['destroyConnection', 'failed'], ['clearContact', 'answered'], ['rejectContact', 'answered'],
  ]);
});

test('a transfer to a quick connect starts with transfer.initiated; the test ends it; phone numbers are refused', async () => {
  const sim = new CcpSimulator({ agent: { quickConnects: [{ type: 'queue', name: 'Billing', queue: 'BasicQueue' }, { type: 'phone_number', name: 'Desk' }] } });
  const p = page(sim);
  p.port.receive({ event: 'webSocket::subscribe', data: ['aws/task'] });
  const { contactId } = control(sim, 'addTask', { name: 'T', state: 'connected' });
  const [billing, desk] = sim.profile.endpoints;
  assert.match(JSON.parse(p.api('createAdditionalConnection', { contactId, endpoint: desk }).err).message, /phone number endpoint 'Desk'/);
  assert.deepEqual(p.api('createAdditionalConnection', { contactId, endpoint: billing }).data, {});
  await Promise.resolve();
  assert.deepEqual(control(sim, 'taskEvents').map((e) => [e.kind, e.delivered]), [['transferInitiated', true]]);
  assert.deepEqual(control(sim, 'contact', contactId).transfer, { to: 'Billing', method: 'createAdditionalConnection' });
  const done = control(sim, 'transferSucceeded', contactId, { newContactId: 'new-1' });
  assert.deepEqual([done.content.ContactId, done.content.InitialContactId], ['new-1', contactId]);
  assert.equal(control(sim, 'contact', contactId).state, 'ended');
  assert.deepEqual([control(sim, 'contact', 'new-1').state, control(sim, 'contact', 'new-1').previousContactId], ['connecting', contactId]);
  assert.throws(() => control(sim, 'transferFailed', contactId), /transferFailed: contact .* is ended; transferFailed is allowed only when a contact is connecting, connected or paused/);
});

test('scripted answers: fail with a service error, delay, never; unknown methods and shapes are refused', async () => {
  const sim = new CcpSimulator();
  const p = page(sim);
  control(sim, 'answerNext', 'createTask', { fail: { type: 'ThrottlingException', message: 'Rate exceeded', status: 429 } });
  control(sim, 'answerNext', 'listTaskTemplates', { delay: 30 });
  control(sim, 'answerNext', 'getTaskTemplate', { never: true });
  const params = { instanceId: sim.state().instanceId, queryParams: {} };
  assert.deepEqual(JSON.parse(p.api('createTemplatedTask', { Name: 'x', TaskTemplateId: sim.templates[0].Id }).err), { type: 'ThrottlingException', message: 'Rate exceeded', status: 429 });
  assert.equal(p.api('listTaskTemplates', params), undefined, 'not answered yet');
  assert.equal(p.api('getTaskTemplate', { ...params, templateParams: { id: sim.templates[0].Id } }), undefined);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(control(sim, 'calls').map((c) => c.status), ['failed', 'answered', 'unanswered']);
  assert.throws(() => control(sim, 'answerNext', 'createTsk', { never: true }), /answerNext: unknown method 'createTsk'; methods: createTask, getEndpoints/);
  assert.throws(() => control(sim, 'answerNext', 'createTask', { nver: true }), /answerNext answer: unknown field 'nver'; allowed: fail, delay, never/);
  assert.throws(() => control(sim, 'answerNext', 'createTask', { never: true, delay: 5 }), /never cannot be combined/);
});

test('the clock: scheduled tasks arrive and tasks expire (warning two hours before) when it is advanced', () => {
  const sim = new CcpSimulator();
  page(sim).port.receive({ event: 'webSocket::subscribe', data: ['aws/task'] });
  const now = control(sim, 'now');
  const later = control(sim, 'addTask', { name: 'Later', scheduledTime: Math.floor(now / 1000) + 600 });
  assert.equal(control(sim, 'contact', later.contactId), null);
  const soon = control(sim, 'addTask', { name: 'Soon', state: 'connected', expiresAt: now + 3 * 3600e3 });
  control(sim, 'advanceClock', 600e3);
  assert.equal(control(sim, 'contact', later.contactId).state, 'connecting');
  control(sim, 'advanceClock', 3600e3);
  assert.deepEqual(control(sim, 'taskEvents').map((e) => e.kind), ['expireWarning']);
  control(sim, 'advanceClock', 2 * 3600e3);
  assert.deepEqual(control(sim, 'taskEvents').map((e) => e.kind), ['expireWarning', 'expireComplete']);
  assert.equal(control(sim, 'contact', soon.contactId).state, 'ended');
  assert.equal(sim.agent.toAgentData().snapshot.skew >= 3 * 3600e3, true, 'the snapshot carries the clock as skew');
  assert.throws(() => control(sim, 'advanceClock', -1), /advanceClock needs a number of milliseconds >= 0/);
});

test('waits resolve on what happens, and time out naming what they waited for and what there is', async () => {
  const sim = new CcpSimulator({ timeout: 50 });
  await assert.rejects(control(sim, 'ready'), { message: 'Timed out after 50 ms waiting for a page to load the CCP (connect.core.initCCP) (no page has loaded the CCP)' });
  const p = page(sim);
  assert.deepEqual(await control(sim, 'ready'), { pages: 1, streamsVersion: 'test' });
  const next = control(sim, 'nextCall', 'createTask');
  p.api('getEndpoints', {});
  p.api('createTaskContact', { name: 'x' });
  assert.equal((await next).method, 'createTaskContact');
  await assert.rejects(control(sim, 'nextCall', 'createTask'), { message: 'Timed out after 50 ms waiting for the next createTask call (calls so far: getEndpoints, createTaskContact)' });
  const { contactId } = control(sim, 'addTask', { name: 'T' });
  await assert.rejects(control(sim, 'waitForContact', contactId, 'ended', { timeout: 20 }), { message: `Timed out after 20 ms waiting for contact ${contactId} to be ended (it is connecting)` });
  const cleared = control(sim, 'waitForContact', contactId, 'cleared');
  control(sim, 'rejectTask', contactId);
  control(sim, 'clearTask', contactId);
  assert.deepEqual(await cleared, { contactId, state: 'cleared' });
  assert.throws(() => control(sim, 'waitForContact', contactId, 'done'), /unknown state 'done'; states: connecting, connected, paused, ended, missed, rejected, error, cleared/);
});

test('misuse is named: unknown controls, options, fields, queues, templates; impossible websocket steps', () => {
  assert.throws(() => new CcpSimulator({ agnet: {} }), /CCP simulator options: unknown field 'agnet'; allowed: post, agent/);
  const sim = new CcpSimulator();
  assert.throws(() => control(sim, 'hangUp'), /Unknown control 'hangUp'; controls: setAgent, setTemplates, addTask/);
  assert.throws(() => control(sim, 'addTask', { nmae: 'x' }), /addTask: unknown field 'nmae'; allowed: contactId/);
  assert.throws(() => control(sim, 'addTask', { queue: 'Nope' }), /No queue 'Nope' in the agent's routing profile; queues: BasicQueue, Support/);
  assert.throws(() => control(sim, 'addTask', { templateId: 'nope' }), /addTask: no task template 'nope'/);
  assert.throws(() => control(sim, 'addTask', { state: 'ended' }), /state must be connecting \(offered\) or connected/);
  assert.throws(() => control(sim, 'setTemplates', [{ Id: 't', Name: 'T', Fields: [{ Id: { Name: 'x' }, Type: 'COLOR' }] }]), /field 'x' has Type 'COLOR'/);
  assert.throws(() => control(sim, 'setAgent', { quickConnects: [{ type: 'queue', name: 'Q', queue: 'Nope' }] }), /no queue 'Nope' in the routing profile/);
  sim.ws.open();
  assert.throws(() => control(sim, 'websocketGained'), /websocketGained: the websocket is connected/);
  control(sim, 'websocketLost');
  assert.throws(() => control(sim, 'websocketLost'), /websocketLost: the websocket is lost/);
});

test('reset gives a fresh CCP with the same agent, quick connect ids and templates', () => {
  const sim = new CcpSimulator({ agent: { routingProfile: { queues: ['A'] } } });
  const before = sim.profile.endpoints.map((e) => e.endpointARN);
  control(sim, 'addTask', { name: 'T' });
  control(sim, 'setTemplates', []);
  control(sim, 'reset');
  assert.deepEqual(sim.profile.endpoints.map((e) => e.endpointARN), before);
  assert.equal(sim.state().contacts.length, 0);
  assert.equal(sim.templates.length, 3);
  assert.equal(idFromName('queue', 'A'), idFromName('queue', 'A'));
  assert.match(idFromName('queue', 'A'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
});
