// The bundle under `require` in plain Node, the way contact-centre apps load TaskJS in their
// Jest suites: no window, document or self, and a `connect` the test mocks, with method-name
// enums and an AWS SDK uuid stub holding other values than the real ones. The agent methods
// must call the mocked client with the mocked names, and sessions must route messages from a
// mock websocket manager.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(ROOT, process.env.TASKJS_BUNDLE || 'dist/amazon-connect-task.js');
if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it first (npm run release)`);

// What Streams' connect.assertNotNull throws, as consumers' mocks usually copy it.
class ValueError extends Error {}
const calls = [];
const client = {
  mode: 'success',
  call(method, params, callbacks) {
    calls.push({ method, params });
    if (this.mode === 'success') callbacks.success({ contactId: 'new-contact' });
    else callbacks.failure({ message: 'rejected' });
  },
};
const logged = [];
globalThis.connect = {
  ClientMethods: { CREATE_TASK_CONTACT: 'mocked.createTaskContact' },
  TaskTemplatesClientMethods: {
    CREATE_TEMPLATED_TASK: 'mocked.createTemplatedTask',
    UPDATE_CONTACT: 'mocked.updateContact',
    LIST_TASK_TEMPLATES: 'mocked.listTaskTemplates',
    GET_TASK_TEMPLATE: 'mocked.getTaskTemplate',
  },
  Agent: function Agent() {},
  core: {
    getClient: () => client,
    getAgentDataProvider: () => ({ getInstanceId: () => 'mocked-instance' }),
  },
  assertNotNull(value, name) {
    if (value === null || value === undefined) throw new ValueError(`${name} must be provided`);
    return value;
  },
  getLog: () => ({ error: (...args) => { logged.push(args); return { withException: () => {} }; } }),
};
globalThis.AWS = { util: { uuid: { v4: () => 'fixed-token-from-aws-sdk' } } };

assert.equal(typeof window, 'undefined');
assert.equal(typeof document, 'undefined');
assert.equal(typeof self, 'undefined');
const api = createRequire(import.meta.url)(BUNDLE);

const agent = new connect.Agent();
const ENDPOINT = { endpointARN: 'arn:aws:connect:us-east-1:1:instance/i/transfer-destination/qc-7', endpointId: 'x', type: 'queue', name: 'Q' };
const sent = (f) => {
  calls.length = 0;
  const results = [];
  f({ success: (d) => results.push(['success', d]), failure: (e) => results.push(['failure', e]) });
  return { calls: calls.splice(0), results };
};

test('loading installs onto the mocked connect and exports the same objects', () => {
  assert.equal(api.TaskSession, connect.TaskSession);
  assert.equal(api.ReferenceType, connect.ReferenceType);
  assert.equal(typeof api.version, 'string');
  for (const m of ['createTask', 'updateContact', 'listTaskTemplates', 'getTaskTemplate']) {
    assert.equal(typeof connect.Agent.prototype[m], 'function', m);
  }
});

test('each agent method calls the mocked client with the method name the enums hold now', () => {
  let r = sent((cb) => agent.createTask({ name: 'Call back', endpoint: ENDPOINT }, cb));
  assert.deepEqual(r.calls, [{ method: 'mocked.createTaskContact', params: { name: 'Call back',
    endpoint: { endpointARN: ENDPOINT.endpointARN, type: 'queue', name: 'Q' }, idempotencyToken: 'fixed-token-from-aws-sdk' } }]);
  assert.deepEqual(r.results, [['success', { contactId: 'new-contact' }]]);
  r = sent((cb) => agent.createTask({ name: 'From template', taskTemplateId: 'tpl', endpoint: ENDPOINT }, cb));
  assert.deepEqual(r.calls, [{ method: 'mocked.createTemplatedTask', params: { Name: 'From template', TaskTemplateId: 'tpl', QuickConnectId: 'qc-7' } }]);
  r = sent((cb) => agent.updateContact({ contactId: 'c-1', name: 'Renamed' }, cb));
  assert.deepEqual(r.calls, [{ method: 'mocked.updateContact', params: { ContactId: 'c-1', Name: 'Renamed' } }]);
  r = sent((cb) => agent.listTaskTemplates({ status: 'active', maxResults: 5 }, cb));
  assert.deepEqual(r.calls, [{ method: 'mocked.listTaskTemplates', params: { instanceId: 'mocked-instance', queryParams: { status: 'ACTIVE', maxResults: 5 } } }]);
  r = sent((cb) => agent.getTaskTemplate({ id: 'tpl' }, cb));
  assert.deepEqual(r.calls, [{ method: 'mocked.getTaskTemplate', params: { instanceId: 'mocked-instance', templateParams: { id: 'tpl' } } }]);
});

test('the enums are read at call time; without them (Streams before 2.2) the names Streams has had since', () => {
  connect.ClientMethods.CREATE_TASK_CONTACT = 'changed.createTaskContact';
  let r = sent((cb) => agent.createTask({ name: 'n', endpoint: ENDPOINT }, cb));
  assert.equal(r.calls[0].method, 'changed.createTaskContact');
  const saved = [connect.ClientMethods, connect.TaskTemplatesClientMethods];
  delete connect.ClientMethods;
  delete connect.TaskTemplatesClientMethods;
  try {
    r = sent((cb) => agent.createTask({ name: 'n', endpoint: ENDPOINT }, cb));
    assert.equal(r.calls[0].method, 'createTaskContact');
    r = sent((cb) => agent.getTaskTemplate({ id: 'tpl' }, cb));
    assert.equal(r.calls[0].method, 'getTaskTemplate');
  } finally {
    [connect.ClientMethods, connect.TaskTemplatesClientMethods] = saved;
  }
});

test('the token comes from AWS.util.uuid.v4 when it gives a string, otherwise a UUID v4 of our own', () => {
  const v4 = AWS.util.uuid.v4;
  try {
    for (const stub of [() => 42, undefined, () => { throw new Error('no SDK'); }]) {
      AWS.util.uuid.v4 = stub;
      const r = sent((cb) => agent.createTask({ name: 'n', endpoint: ENDPOINT }, cb));
      assert.match(r.calls[0].params.idempotencyToken, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  } finally {
    AWS.util.uuid.v4 = v4;
  }
});

test('required fields still throw the mocked assertNotNull error, and nothing is sent', () => {
  for (const [method, input, label] of [
    ['createTask', undefined, 'Task contact object'],
    ['createTask', { endpoint: ENDPOINT }, 'Task name'],
    ['createTask', { name: 'n' }, 'Task endpoint'],
    ['updateContact', {}, 'Task contact id'],
    ['listTaskTemplates', null, 'Query params for listTaskTemplates'],
    ['getTaskTemplate', {}, 'Task template id'],
  ]) {
    calls.length = 0;
    assert.throws(() => agent[method](input, { success() {}, failure() {} }), (e) => e instanceof ValueError && e.message === `${label} must be provided`);
    assert.deepEqual(calls, []);
  }
});

test('validation errors reach failure (or reject), naming the field', async () => {
  const r = sent((cb) => agent.createTask({ name: 'x'.repeat(513), endpoint: ENDPOINT }, cb));
  assert.deepEqual(r.calls, []);
  assert.equal(r.results[0][1].name, 'TaskValidationError');
  assert.equal(r.results[0][1].field, 'name');
  await assert.rejects(agent.listTaskTemplates({ maxResults: 0 }), (e) => e.field === 'queryParams.maxResults');
  assert.deepEqual(await agent.getTaskTemplate({ id: 'tpl' }), { contactId: 'new-contact' });
});

test('a session routes messages from a mock websocket manager', async () => {
  const listeners = {};
  const manager = {
    topics: [],
    subscribeTopics(t) { this.topics.push(...t); },
    onMessage(topic, f) { (listeners[topic] ??= []).push(f); return () => { listeners[topic] = listeners[topic].filter((g) => g !== f); }; },
    onConnectionGain(f) { listeners.gain = [f]; return () => { listeners.gain = []; }; },
    onConnectionLost(f) { listeners.lost = [f]; return () => { listeners.lost = []; }; },
    onInitFailure(f) { listeners.failure = [f]; return () => { listeners.failure = []; }; },
  };
  const session = connect.TaskSession.create({ contactId: 'c-1', initialContactId: 'i-1', websocketManager: manager });
  const got = [];
  session.onTransferSucceeded((data, name) => got.push([name, data.Id]));
  session.onMessage((data, name) => got.push([name, data.Id]));
  session.onConnectionLost((data, name) => got.push([name]));
  assert.deepEqual(await session.connect(), { _debug: undefined, connectSuccess: true, connectCalled: true });
  assert.deepEqual(manager.topics, ['aws/task']);
  const emit = (obj) => listeners['aws/task'].forEach((f) => f({ topic: 'aws/task', content: JSON.stringify(obj) }));
  emit({ Id: 'm1', ContactId: 'c-1', ContentType: 'application/vnd.amazonaws.connect.event.transfer.succeeded' });
  emit({ Id: 'm2', InitialContactId: 'other' });
  emit({ Id: 'm3', InitialContactId: 'i-1', ContactId: 'c-2' });
  listeners.lost.forEach((f) => f());
  listeners['aws/task'].forEach((f) => f({ topic: 'aws/task', content: '{not json' }));
  session.cleanUp();
  assert.deepEqual(got, [['TRANSFER_SUCCEEDED', 'm1'], ['INCOMING_MESSAGE', 'm1'], ['INCOMING_MESSAGE', 'm3'], ['CONNECTION_LOST']]);
  assert.deepEqual(listeners['aws/task'], [], 'cleanUp removed our listener');
  assert.equal(logged.length, 1, 'the bad message was logged through connect.getLog()');
});
