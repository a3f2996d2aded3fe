// The bundle in jsdom, loaded the way Jest's jsdom environment loads a module: the code runs in
// the jsdom window's context (which has no TextEncoder or TextDecoder) with CommonJS `module`
// and `exports`, after the test has mocked `connect` on the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(ROOT, process.env.TASKJS_BUNDLE || 'dist/amazon-connect-task.js');
if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it first (npm run release)`);

test('under jsdom: it loads, installs onto a mocked connect, routes messages and sends requests', async () => {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'outside-only' });
  const { window } = dom;
  assert.equal(window.TextEncoder, undefined, 'jsdom has no TextEncoder (the case this test is about)');
  const calls = [];
  window.eval(`window.connect = {
    ClientMethods: { CREATE_TASK_CONTACT: 'jsdom.createTaskContact' },
    Agent: function Agent() {},
    core: { getClient: () => ({ call: (m, p, cb) => { window.sent.push([m, p]); cb.success({ ok: true }); } }) },
  }; window.sent = [];`);
  const module = { exports: {} };
  const load = vm.runInContext(`(function (module, exports) {\n${readFileSync(BUNDLE, 'utf8')}\n})`, dom.getInternalVMContext());
  load(module, module.exports);
  const api = module.exports;
  assert.equal(api.TaskSession, window.connect.TaskSession);

  // A session on a mock websocket manager, with the messages in non-ASCII text.
  const session = window.eval(`
    window.got = [];
    window.listeners = {};
    const manager = {
      subscribeTopics() {},
      onMessage(topic, f) { listeners[topic] = f; return () => { delete listeners[topic]; }; },
      onConnectionGain() { return () => {}; },
      onConnectionLost() { return () => {}; },
      onInitFailure() { return () => {}; },
    };
    const s = connect.TaskSession.create({ contactId: 'c-é', initialContactId: 'i-1', websocketManager: manager });
    s.onMessage((data, name) => got.push([name, data.Id, data.Note]));
    s`);
  await session.connect();
  window.eval(`listeners['aws/task']({ topic: 'aws/task', content: JSON.stringify({ Id: 'm1', ContactId: 'c-é', Note: 'Grüße 😀' }) })`);
  assert.deepEqual(JSON.parse(JSON.stringify(window.got)), [['INCOMING_MESSAGE', 'm1', 'Grüße 😀']]);

  window.eval(`new connect.Agent().createTask({ name: 'Rückruf 😀', endpoint: { endpointARN: 'a/qc', type: 'queue' } }, { success() {}, failure(e) { throw e; } })`);
  const [[method, params]] = JSON.parse(JSON.stringify(window.sent));
  assert.equal(method, 'jsdom.createTaskContact');
  assert.equal(params.name, 'Rückruf 😀');
  assert.match(params.idempotencyToken, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  session.cleanUp();
  assert.deepEqual(Object.keys(window.listeners), []);
  window.close();
});
