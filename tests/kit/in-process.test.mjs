// simulateCcp beside the real Streams releases in jsdom, with the taskjs-rs bundle: Streams'
// initCCP, agent and contact API, and TaskJS sessions run unchanged against the simulator.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { simulateCcp } from '../../testing/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const { JSDOM } = require('jsdom');
const BUNDLE = fs.existsSync(path.join(ROOT, 'dist/amazon-connect-task.js'))
  ? path.join(ROOT, 'dist/amazon-connect-task.js')
  : path.join(ROOT, 'node_modules/amazon-connect-taskjs/dist/amazon-connect-task.js');
const STREAMS = ['streams-2.2', 'streams-2.13', 'streams-2.18', 'amazon-connect-streams'];

// A jsdom page with a Streams release and the TaskJS bundle, and the CCP simulated under it.
function openPage(streams, options = {}) {
  const dom = new JSDOM('<div id="ccp"></div>', { runScripts: 'outside-only', url: 'https://desk.example.test/' });
  const win = dom.window;
  win.eval(fs.readFileSync(path.join(ROOT, 'node_modules', streams, 'release/connect-streams.js'), 'utf8'));
  win.eval(fs.readFileSync(BUNDLE, 'utf8'));
  win.connect.getLog().setEchoLevel(win.connect.LogLevel.ERROR);
  const ccp = simulateCcp({ window: win, ...options });
  const messages = [];
  win.addEventListener('message', (e) => messages.push(e));
  win.connect.core.initCCP(win.document.getElementById('ccp'), { ccpUrl: ccp.ccpUrl, loginPopup: false });
  return { win, connect: win.connect, ccp, messages, close: () => { ccp.close(); win.close(); } };
}

// Values from the page's realm, compared as plain data.
const plain = (v) => JSON.parse(JSON.stringify(v));
const callbacks = (fn) => new Promise((resolve) => fn({ success: (data) => resolve({ ok: data }), failure: (err) => resolve({ err }) }));
const until = async (fn, what) => {
  for (let i = 0; i < 200; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out: ${what}`);
};

for (const streams of STREAMS) {
  test(`${streams}: initCCP, the agent, an offered task accepted, ended, cleared; a wrong clear refused; task events to the session`, async () => {
    const page = openPage(streams, { agent: { name: 'Ana', quickConnects: [{ type: 'queue', name: 'Billing', queue: 'BasicQueue' }] } });
    const { connect, ccp } = page;
    try {
      await ccp.ready();
      const agent = await until(() => connect.agent.initialized && new connect.Agent(), 'the agent');
      assert.equal(agent.getName(), 'Ana');
      const frame = page.win.document.querySelector('iframe').contentWindow;
      assert.ok(page.messages.every((e) => e.source === frame && e.origin === 'https://simulator.my.connect.aws'), 'messages come from the CCP window and origin');
      const { ok: { endpoints } } = await callbacks((cb) => agent.getEndpoints(agent.getAllQueueARNs(), cb));
      assert.deepEqual(plain(endpoints.map((e) => [e.name, e.type, e.queue && e.queue.name])), [['Billing', 'queue', 'BasicQueue']]);

      const events = [];
      connect.contact((c) => {
        c.onConnecting(() => events.push('connecting'));
        c.onConnected(() => events.push('connected'));
        c.onACW(() => events.push('acw'));
        c.onDestroy(() => events.push('destroyed'));
      });
      const { contactId } = await ccp.addTask({ name: 'Call Ana', references: { Order: { type: 'URL', value: 'https://x.test/1' } } });
      const contact = await until(() => agent.getContacts(connect.ContactType.TASK).find((c) => c.getContactId() === contactId), 'the task');
      assert.deepEqual([contact.getState().type, contact.getName(), contact.getReferences().Order.value], ['connecting', 'Call Ana', 'https://x.test/1']);
      assert.deepEqual(plain(await callbacks((cb) => contact.accept(cb))), { ok: {} });
      await ccp.waitForContact(contactId, 'connected');

      const session = await contact.getAgentConnection().getMediaController();
      const heard = [];
      session.onTransferInitiated((d) => heard.push(d.ContentType.split('.').slice(-2).join('.')));
      session.onTaskExpiring((d) => heard.push(d.ContentType.split('.').slice(-2).join('.')));
      await ccp.transferInitiated(contactId);
      await ccp.expireWarning(contactId);
      await until(() => heard.length === 2, 'the task events');
      assert.deepEqual(plain(heard), ['transfer.initiated', 'expire.warning']);

      const refused = await callbacks((cb) => contact.clear(cb));
      assert.deepEqual(JSON.parse(refused.err), { type: 'InvalidStateException', message: 'Cannot clear contact: invalid state TALKING', stack: ['InvalidStateException: Cannot clear contact: invalid state TALKING'], retryStatus: 'NONE', statusCode: 400 });
      assert.deepEqual(plain(await callbacks((cb) => contact.getAgentConnection().destroy(cb))), { ok: {} });
      await ccp.waitForContact(contactId, 'ended');
      assert.deepEqual(plain(await callbacks((cb) => contact.clear(cb))), { ok: {} });
      await ccp.waitForContact(contactId, 'cleared');
      await until(() => events.includes('destroyed'), 'destroyed');
      assert.deepEqual(events, ['connecting', 'connected', 'acw', 'destroyed']);
      assert.deepEqual((await ccp.calls()).map((c) => c.method).filter((m) => m !== 'getEndpoints'),
        ['acceptContact', 'clearContact', 'destroyConnection', 'clearContact']);
    } finally {
      page.close();
    }
  });
}

// A connected task on the page's CCP, as the agent's contact.
async function connectedTask({ connect, ccp }) {
  await ccp.ready();
  const { contactId } = await ccp.addTask({ name: 'T', state: 'connected' });
  const agent = new connect.Agent();
  const contact = await until(() => agent.getContacts().find((c) => c.getContactId() === contactId), 'the task');
  return { agent, contactId, contact };
}

for (const streams of ['streams-2.13', 'streams-2.18', 'amazon-connect-streams']) test(`${streams}: pause and resume; transfer() to a quick connect where Streams has it (2.18 and later)`, async () => {
  const page = openPage(streams);
  const { ccp } = page;
  try {
    const { agent, contactId, contact } = await connectedTask(page);
    assert.deepEqual(plain(await callbacks((cb) => contact.pause(cb))), { ok: {} });
    await ccp.waitForContact(contactId, 'paused');
    assert.equal(JSON.parse((await callbacks((cb) => contact.pause(cb))).err).message, 'Cannot pause contact: invalid state PAUSED');
    assert.deepEqual(plain(await callbacks((cb) => contact.resume(cb))), { ok: {} });
    await ccp.waitForContact(contactId, 'connected');
    const { ok: { endpoints } } = await callbacks((cb) => agent.getEndpoints(agent.getAllQueueARNs(), cb));
    const support = endpoints.find((e) => e.name === 'Support');
    if (typeof contact.transfer !== 'function') {
      assert.equal(streams, 'streams-2.13');
      return;
    }
    await new Promise((resolve, reject) => contact.transfer(support, { success: resolve, failure: reject }));
    const call = await ccp.nextCall('transferContact');
    assert.equal(call.params.endpoint.endpointARN, support.endpointARN);
    assert.equal('endpointId' in call.params.endpoint, false, 'Streams sends the endpoint without its endpointId');
    assert.deepEqual((await ccp.contact(contactId)).transfer, { to: 'Support', method: 'transferContact' });
  } finally {
    page.close();
  }
});

test('the websocket: lost and regained, failing to initialise; a request with no answer ends in TaskTimeoutError', async () => {
  const page = openPage('amazon-connect-streams');
  const { connect, ccp } = page;
  try {
    const { agent, contactId, contact } = await connectedTask(page);
    const session = await contact.getAgentConnection().getMediaController();
    const heard = [];
    session.onConnectionLost(() => heard.push('lost'));
    session.onConnectionEstablished(() => heard.push('established'));
    session.onConnectionBroken(() => heard.push('broken'));
    await ccp.websocketLost();
    const dropped = await ccp.transferInitiated(contactId);
    assert.equal(dropped.delivered, false, 'an event sent while the websocket is down is lost');
    await ccp.websocketGained();
    await ccp.websocketInitFailure();
    await until(() => heard.length === 3, 'the connection events');
    assert.deepEqual(heard, ['lost', 'established', 'broken']);

    connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 100 });
    await ccp.answerNext('updateContact', { never: true });
    const outcome = await callbacks((cb) => agent.updateContact({ contactId, name: 'Renamed' }, cb));
    assert.equal(outcome.err.name, 'TaskTimeoutError');
    assert.equal((await ccp.nextCall('updateContact')).status, 'unanswered');
  } finally {
    page.close();
  }
});

test('simulateCcp without a DOM says what it needs', () => {
  assert.throws(() => simulateCcp({ window: {} }), /simulateCcp needs a DOM: run it in a jsdom test environment/);
});
