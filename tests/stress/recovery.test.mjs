// One failed call never disables TaskJS for the rest of the page (issue 13).
//
// - Callers at the very end of the JavaScript stack: each agent method and each session method
//   is called from a recursion that has just hit RangeError, on the way back out, over and over.
//   Calls there fail with the engine's RangeError, and their unwinding skips our frames'
//   epilogues; afterwards the bundle must still work: a session created before gets a new
//   message exactly once, a new session works, createTask sends its request.
// - A forced trap (a build with the `trap-for-tests` feature: connect.TaskJS.__trap panics,
//   which aborts), once outside and once inside a borrow of the registry: the same checks, and
//   the recovery is counted in connect.TaskJS.stats() and logged through connect.getLog().
// - Two copies of the bundle on one page: a recovery in one rebuilds from its own record.
// (Hostile input sizes, the other half, are in hostile-sizes.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages, startBrowser, buildTrap, OURS, STREAMS, WASM_PROBE, KIT as KIT_SCRIPT } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// In the page: a connected session, then `call` made at the stack's edge `rounds` times, then
// what the page observes. `call` is the source of a function (agent, session, p) => void.
async function atTheStackEdge({ call, rounds }) {
  const p = KIT.provider();
  const got = [];
  const old = connect.TaskSession.create({ contactId: 'old-c', initialContactId: 'old-i', websocketManager: p.ws });
  old.onMessage((d) => got.push(d.Id));
  old.onTransferFailed((d) => got.push(`failed:${d.Id}`));
  await old.connect();
  const sent = [];
  connect.core.getClient = () => ({ call: (method, params, cb) => { sent.push(method); cb.success({}); } });
  connect.core.getAgentDataProvider = () => ({ getInstanceId: () => 'instance-1' });
  const agent = Object.create(connect.Agent.prototype);
  const op = (0, eval)(`(${call})`);
  const errors = {};
  const kept = []; // what the calls returned, kept alive (a dropped, unconnected session is forgotten)
  for (let round = 0; round < rounds; round++) {
    let succeeded = 0;
    // Recurse until the stack runs out; on the way back, call at every level until the call
    // succeeds three times: from where it fails before reaching the module, through where it
    // fails part way, to where it has room enough.
    const dive = () => {
      try { dive(); } catch (e) { if (!(e instanceof RangeError)) throw e; }
      if (succeeded < 3) {
        try { kept.push(op(agent, old, p)); succeeded++; } catch (e) { errors[e.name] = (errors[e.name] || 0) + 1; }
      }
    };
    try { dive(); } catch (e) { errors[`escaped ${e.name}`] = true; }
    await null; // a task of its own: an instance broken deep in the stack is renewed a microtask later
  }
  await new Promise((resolve) => setTimeout(resolve, 0)); // recoveries are logged a microtask later
  sent.length = 0;
  got.length = 0;
  const afterwards = [];
  const attempt = (f) => { try { f(); } catch (e) { afterwards.push(`${e.name}: ${e.message}`); } };
  attempt(() => p.task({ Id: 'after', ContactId: 'old-c', ContentType: KIT.CT.transferFailed }));
  attempt(() => p.task({ Id: 'again', InitialContactId: 'old-i' }));
  attempt(() => agent.createTask({ name: 'n', endpoint: { endpointARN: 'a/qc', type: 'queue' } }, { success() {}, failure() {} }));
  let stats;
  attempt(() => { stats = connect.TaskJS.stats(); });
  return { errors, afterwards, got, sent, stats, returned: kept.length, logged: KIT.logTexts.filter((t) => /recovered/.test(t)).length };
}

const CALLS = {
  createTask: (agent) => agent.createTask({ name: 'n', endpoint: { endpointARN: 'a/qc', type: 'queue' } }, { success() {}, failure() {} }),
  updateContact: (agent) => agent.updateContact({ contactId: 'c', name: 'x', references: { r: { type: 'URL', value: 'u' } } }, { success() {}, failure() {} }),
  listTaskTemplates: (agent) => agent.listTaskTemplates({ status: 'active', maxResults: 5 }, { success() {}, failure() {} }),
  getTaskTemplate: (agent) => agent.getTaskTemplate({ id: 't' }),
  'TaskSession.create': (agent, old, p) => connect.TaskSession.create({ contactId: 'x', initialContactId: 'y', websocketManager: p.ws }),
  'session.onX': (agent, old) => old.onTaskExpired(() => {})(),
  'session.connect': (agent, old) => old.connect(),
  'session.cleanUp': (agent, old, p) => {
    const s = connect.TaskSession.create({ contactId: 'z', initialContactId: 'w', websocketManager: p.ws });
    s.connect();
    s.cleanUp();
  },
};

for (const [name, call] of Object.entries(CALLS)) {
  test(`${name} at the stack's edge, 200 times: the bundle keeps working`, async (t) => {
    const { result: r, uncaught, pageErrors, health } = await pages.run(atTheStackEdge, { call: call.toString(), rounds: 200 });
    t.diagnostic(`errors at the edge: ${JSON.stringify(r.errors)}; recoveries: ${r.stats && r.stats.recoveries}`);
    assert.ok(r.errors.RangeError > 0, 'the calls did reach the stack edge');
    assert.deepEqual(r.afterwards, [], 'calls after the failures');
    assert.deepEqual(Object.keys(r.errors).filter((k) => k.startsWith('escaped')), []);
    // The session made before the failures gets each message once, its subscribers in order.
    assert.deepEqual(r.got, ['failed:after', 'after', 'again']);
    assert.deepEqual(r.sent, ['createTaskContact']);
    assert.equal(r.stats.connectedSessions >= 1, true);
    // No session is lost or made up by a call that failed part way: the session made before,
    // and one for each create that returned (a cleanUp cut short may leave its own behind).
    if (name !== 'session.cleanUp') {
      assert.equal(r.stats.sessions, 1 + (name === 'TaskSession.create' ? r.returned : 0));
    }
    assert.equal(r.logged, r.stats.recoveries, 'each recovery is logged');
    assert.equal(health, 'ok');
    assert.deepEqual(uncaught, []);
    assert.deepEqual(pageErrors, []);
  });
}

// cleanUp() at the stack's edge, on a websocket manager of its own, 200 times: whatever the calls
// cut short, once every session is cleaned up (again, for those whose cleanUp threw) nothing of
// ours stays on the manager.
async function cleanUpsAtTheEdge({ rounds }) {
  const p = KIT.provider();
  const sessions = [];
  const errors = {};
  for (let round = 0; round < rounds; round++) {
    let succeeded = 0;
    const dive = () => {
      try { dive(); } catch (e) { if (!(e instanceof RangeError)) throw e; }
      if (succeeded < 3) {
        try {
          const s = connect.TaskSession.create({ contactId: `c${round}`, initialContactId: `i${round}`, websocketManager: p.ws });
          sessions.push(s);
          s.connect();
          s.cleanUp();
          succeeded++;
        } catch (e) { errors[e.name] = (errors[e.name] || 0) + 1; }
      }
    };
    try { dive(); } catch (e) { errors[`escaped ${e.name}`] = true; }
    await null;
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const s of sessions) s.cleanUp();
  p.task({ Id: 'to nobody', ContactId: 'c0' });
  const stats = connect.TaskJS.stats();
  return { errors, live: p.live().total, attachedManagers: stats.attachedManagers, sessions: stats.sessions };
}

test('cleanUp() at the stack\'s edge, 200 times, on a manager of its own: once every session is cleaned up, nothing of ours stays on it', async (t) => {
  const { result: r, uncaught, pageErrors } = await pages.run(cleanUpsAtTheEdge, { rounds: 200 });
  t.diagnostic(`errors at the edge: ${JSON.stringify(r.errors)}`);
  assert.ok(r.errors.RangeError > 0, 'the calls did reach the stack edge');
  assert.deepEqual(Object.keys(r.errors).filter((k) => k.startsWith('escaped')), []);
  assert.deepEqual({ live: r.live, attachedManagers: r.attachedManagers, sessions: r.sessions }, { live: 0, attachedManagers: 0, sessions: 0 });
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});

// A release that did not finish (docs/reliability.md: a cleanUp() cut short, or a remover that
// throws) leaves our callbacks on the manager; the manager's next event finds them delivering to
// no session and removes them. Here each remover throws the first time it is called.
async function removersThatThrowOnce() {
  const p = KIT.provider();
  for (const hook of ['onMessage', 'onConnectionGain', 'onConnectionLost', 'onInitFailure']) {
    const register = p.ws[hook];
    p.ws[hook] = function (...args) {
      const remove = register.apply(this, args);
      let calls = 0;
      return function () { if (calls++ === 0) throw new Error('remover down'); return remove.apply(this, arguments); };
    };
  }
  const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
  await s.connect();
  const connected = p.live().total;
  let threw = null;
  try { s.cleanUp(); } catch (e) { threw = `${e.name}: ${e.message}`; }
  const left = p.live().total;
  const got = [];
  const other = connect.TaskSession.create({ contactId: 'other', initialContactId: 'other', websocketManager: KIT.provider().ws });
  other.onMessage((m) => got.push(m.Id));
  p.task({ Id: 'to nobody', ContactId: 'c' });
  return { connected, threw, left, afterEvent: p.live().total, attachedManagers: connect.TaskJS.stats().attachedManagers, got };
}

test('our callbacks left on a manager by a release that did not finish are removed at its next event', async () => {
  const { result: r, uncaught, pageErrors } = await pages.run(removersThatThrowOnce, {});
  assert.ok(r.connected > 0, 'the session registered its callbacks');
  assert.equal(r.threw, null, 'cleanUp() does not throw what the manager threw');
  assert.ok(r.left > 0, 'the removers threw: our callbacks are still on the manager');
  assert.equal(r.afterEvent, 0, 'the next event removed them');
  assert.equal(r.attachedManagers, 0, 'and the record no longer counts the manager');
  assert.deepEqual(r.got, [], 'the event reached no session');
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});

async function trapInPage() {
  const p = KIT.provider();
  const got = [];
  const old = connect.TaskSession.create({ contactId: 'old-c', initialContactId: 'old-i', websocketManager: p.ws });
  old.onMessage((d) => got.push(d.Id));
  old.onTransferFailed((d) => got.push(`failed:${d.Id}`));
  const unsubscribed = old.onTaskExpired(() => got.push('removed before the trap'));
  unsubscribed();
  await old.connect();
  const sent = [];
  connect.core.getClient = () => ({ call: (method) => sent.push(method) });
  const trapped = [];
  for (const inRegistry of [false, true]) {
    try { connect.TaskJS.__trap(inRegistry); } catch (e) { trapped.push(`${e.name}: ${e.message}`); }
  }
  p.task({ Id: 'after', ContactId: 'old-c', ContentType: KIT.CT.transferFailed });
  p.task({ Id: 'expired', ContactId: 'old-c', ContentType: KIT.CT.taskExpired });
  Object.create(connect.Agent.prototype).createTask({ name: 'n', endpoint: { endpointARN: 'a/qc', type: 'queue' } }, { success() {}, failure() {} });
  old.cleanUp();
  p.task({ Id: 'after cleanUp', ContactId: 'old-c' });
  await new Promise((resolve) => setTimeout(resolve, 0)); // recoveries are logged a microtask later
  return { trapped, got, sent, stats: connect.TaskJS.stats(), logged: KIT.logTexts.filter((t) => /recovered/.test(t)), live: p.live() };
}

test('a forced trap (a panic, also with the registry borrowed): live sessions keep their subscribers, new calls work', async (t) => {
  const bundle = buildTrap();
  const { result: r, uncaught, pageErrors, health } = await pages.run(trapInPage, undefined, { bundle });
  t.diagnostic(JSON.stringify(r.trapped));
  assert.equal(r.trapped.length, 2);
  assert.ok(r.trapped.every((e) => /^RuntimeError/.test(e)), 'the trapping call reports the trap');
  assert.deepEqual(r.got, ['failed:after', 'after', 'expired']);
  assert.deepEqual(r.sent, ['createTaskContact']);
  assert.equal(r.stats.recoveries, 2);
  assert.equal(r.logged.length, 2);
  assert.match(r.logged[0], /fresh WebAssembly instance/);
  assert.equal(r.live.total, 0, 'cleanUp after the recovery removed our callbacks from the provider');
  assert.equal(health, 'ok');
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});

test('two copies of the bundle on one page: a recovery in the first rebuilds its own sessions, and the second is untouched', async () => {
  const bundle = buildTrap();
  const b = await startBrowser();
  try {
    const { page, errors, close } = await b.open([WASM_PROBE, STREAMS, bundle, 'tests/stress/keep-first-copy.js', OURS, KIT_SCRIPT]);
    const r = await page.evaluate(async () => {
      KIT.quietLog();
      const first = window.__firstCopy;
      const p = KIT.provider();
      const got = { first: [], second: [] };
      const a = first.TaskSession.create({ contactId: 'a-c', initialContactId: 'a-i', websocketManager: p.ws });
      const s = connect.TaskSession.create({ contactId: 'b-c', initialContactId: 'b-i', websocketManager: p.ws });
      a.onMessage((d) => got.first.push(d.Id));
      s.onMessage((d) => got.second.push(d.Id));
      await a.connect();
      await s.connect();
      let trapped = null;
      try { first.TaskJS.__trap(false); } catch (e) { trapped = e.name; }
      p.task({ Id: '1', ContactId: 'a-c' });
      p.task({ Id: '2', ContactId: 'b-c' });
      const counts = (stats) => [stats.sessions, stats.connectedSessions, stats.recoveries];
      return { trapped, got, first: counts(first.TaskJS.stats()), second: counts(connect.TaskJS.stats()) };
    });
    assert.equal(r.trapped, 'RuntimeError');
    assert.deepEqual(r.got, { first: ['1'], second: ['2'] });
    assert.deepEqual(r.first, [1, 1, 1], 'the first copy: its own session only, one recovery');
    assert.deepEqual(r.second, [1, 1, 0], 'the second copy: its session, no recovery');
    assert.deepEqual(errors, []);
    await close();
  } finally {
    await b.close();
  }
});

// A session object the page made before a recovery: its methods live on a shared prototype and
// forward to whichever instance is current, so it still subscribes, connects and cleans up.
async function sessionMadeBefore() {
  const p = KIT.provider();
  const got = [];
  const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
  s.onMessage((d) => got.push(`before:${d.Id}`));
  let trapped = null;
  try { connect.TaskJS.__trap(true); } catch (e) { trapped = e.name; }
  const afterRecovery = connect.TaskJS.stats();
  s.onMessage((d, name) => got.push(`after:${d.Id}:${name}`));
  const established = [];
  s.onConnectionEstablished((d) => established.push(d.connectSuccess));
  const result = await s.connect();
  p.task({ Id: '1', ContactId: 'c' });
  s.cleanUp();
  p.task({ Id: 'after cleanUp', ContactId: 'c' });
  return { trapped, got, established, result, afterRecovery, stats: connect.TaskJS.stats(), live: p.live() };
}

test('a session object made before a recovery still subscribes, connects and cleans up after it', async () => {
  const bundle = buildTrap();
  const { result: r, uncaught, pageErrors, health } = await pages.run(sessionMadeBefore, undefined, { bundle });
  assert.equal(r.trapped, 'RuntimeError');
  assert.equal(r.afterRecovery.recoveries, 1);
  assert.equal(r.afterRecovery.sessions, 1, 'the unconnected session was restored');
  assert.deepEqual([r.result.connectSuccess, r.result.connectCalled], [true, true]);
  assert.deepEqual(r.established, [true]);
  assert.deepEqual(r.got, ['before:1', 'after:1:INCOMING_MESSAGE']);
  assert.equal(r.stats.sessions, 0);
  assert.equal(r.live.total, 0, 'cleanUp removed our callbacks from the provider');
  assert.equal(health, 'ok');
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});
