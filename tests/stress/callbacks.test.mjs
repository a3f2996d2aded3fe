// Hostile subscribers: callbacks that throw anything, and callbacks that re-enter the library
// (subscribe, unsubscribe, cleanUp, connect, or make Streams deliver another event) while an
// event is being delivered. Nothing may crash, reach Streams as an exception, or reach the wrong
// contact, and the bundle must keep working afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// In the page: `scenario` (source of an async function (p, log, send) => extra) runs with a
// provider, a `log` array the callbacks write to, and `send(obj)` that emits an aws/task message
// and records anything thrown back at the emitter.
async function inPage(scenario) {
  const p = KIT.provider();
  const log = [];
  const thrown = [];
  const guard = (f) => { try { f(); } catch (e) { thrown.push(`${e && e.name}: ${e && e.message}`); } };
  const send = (obj) => guard(() => p.task(obj));
  const extra = await (0, eval)(`(${scenario})`)(p, log, send, guard);
  return { log, thrown, extra: extra ?? null, errorsLogged: KIT.logCounts.ERROR || 0, live: p.live() };
}

async function check(scenario) {
  const r = await pages.run(inPage, scenario.toString());
  assert.deepEqual(r.result.thrown, [], 'exceptions reached Streams');
  assert.deepEqual(r.uncaught, []);
  assert.deepEqual(r.pageErrors, []);
  assert.equal(r.health, 'ok', 'the bundle still works afterwards');
  return r.result;
}

test('subscribers that throw anything are logged; the others still run', async () => {
  const r = await check(async (p, log, send, guard) => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = [new Error('plain'), null, undefined, 'a string', 42, Symbol('sym'), 10n,
      { get message() { throw new Error('message getter'); }, toString() { throw new Error('toString'); } },
      proxy, new Proxy(function () {}, { get() { throw new Error('any get'); } })];
    const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
    for (const hook of ['onMessage', 'onTransferFailed', 'onConnectionEstablished', 'onConnectionBroken', 'onConnectionLost']) {
      throwing.forEach((value, i) => {
        s[hook](() => { throw value; });
        s[hook]((d, ev) => log.push(`${ev}:${i}`));
      });
    }
    await s.connect();
    send({ ContactId: 'c', ContentType: KIT.CT.transferFailed });
    guard(() => p.lost());
    guard(() => p.gain());
    guard(() => p.initFailure());
    s.cleanUp();
    return throwing.length;
  });
  const n = r.extra;
  for (const ev of ['CONNECTION_ESTABLISHED', 'TRANSFER_FAILED', 'INCOMING_MESSAGE', 'CONNECTION_LOST', 'CONNECTION_BROKEN']) {
    const times = ev === 'CONNECTION_ESTABLISHED' ? 2 : 1;
    assert.equal(r.log.filter((x) => x.startsWith(`${ev}:`)).length, n * times, ev);
  }
  assert.ok(r.errorsLogged >= n * 6, `every throw is logged (${r.errorsLogged} errors logged)`);
});

test('subscribing and unsubscribing from inside a callback affects the next event, not this one', async () => {
  const r = await check(async (p, log, send) => {
    const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
    await s.connect();
    let stopSecond = null;
    s.onMessage((d) => {
      log.push(`first:${d.n}`);
      if (d.n === 1) {
        s.onMessage((d2) => log.push(`added:${d2.n}`));
        stopSecond();
        stopSecond();
      }
    });
    stopSecond = s.onMessage((d) => log.push(`second:${d.n}`));
    const stopSelf = s.onMessage((d) => { log.push(`self:${d.n}`); stopSelf(); });
    send({ ContactId: 'c', n: 1 });
    send({ ContactId: 'c', n: 2 });
    s.cleanUp();
  });
  // Like Streams' EventBus: the list of this delivery was fixed when it started.
  assert.deepEqual(r.log, ['first:1', 'second:1', 'self:1', 'first:2', 'added:2']);
});

test('cleanUp from inside a callback: of itself, and of another session the same message targets', async () => {
  const r = await check(async (p, log, send) => {
    const a = connect.TaskSession.create({ contactId: 'c-a', initialContactId: 'i-a', websocketManager: p.ws });
    const b = connect.TaskSession.create({ contactId: 'c-b', initialContactId: 'i-b', websocketManager: p.ws });
    await a.connect();
    await b.connect();
    a.onTransferSucceeded((d) => { log.push(`a-transfer:${d.n}`); a.cleanUp(); a.cleanUp(); });
    a.onMessage((d) => log.push(`a-message:${d.n}`));
    b.onMessage((d) => log.push(`b-message:${d.n}`));
    // A message for both (A by its initial id, B by its contact id): A cleans up B.
    a.onTaskExpiring((d) => { log.push(`a-expiring:${d.n}`); b.cleanUp(); });
    send({ InitialContactId: 'i-a', ContactId: 'c-b', ContentType: KIT.CT.taskExpiring, n: 1 });
    send({ ContactId: 'c-b', n: 2 });
    send({ ContactId: 'c-a', ContentType: KIT.CT.transferSucceeded, n: 3 });
    send({ ContactId: 'c-a', n: 4 });
    return p.live();
  });
  assert.deepEqual(r.log, ['a-expiring:1', 'a-message:1', 'a-transfer:3']);
  assert.equal(r.extra.total, 0, 'both sessions cleaned up: nothing left on the provider');
});

test('connect() from inside a callback: the same session again, and a new session for the contact', async () => {
  const r = await check(async (p, log, send) => {
    const a = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
    let second = null;
    a.onMessage((d) => {
      log.push(`a:${d.n}`);
      if (d.n === 1) {
        a.connect();
        second = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
        second.onMessage((d2) => log.push(`second:${d2.n}`));
        second.connect();
      }
    });
    await a.connect();
    send({ ContactId: 'c', n: 1 });
    send({ ContactId: 'c', n: 2 });
    await new Promise((r) => setTimeout(r, 0));
    a.cleanUp();
    second.cleanUp();
  });
  assert.deepEqual(r.log.filter((x) => !x.startsWith('second:1')), ['a:1', 'a:2', 'second:2']);
});

test('a callback that makes Streams deliver another message synchronously (nested delivery)', async () => {
  const r = await check(async (p, log, send) => {
    const a = connect.TaskSession.create({ contactId: 'c-a', initialContactId: 'i-a', websocketManager: p.ws });
    const b = connect.TaskSession.create({ contactId: 'c-b', initialContactId: 'i-b', websocketManager: p.ws });
    await a.connect();
    await b.connect();
    const nestedErrors = [];
    a.onMessage((d) => {
      log.push(`a:${d.n}`);
      if (d.n === 1) {
        try { p.task({ ContactId: 'c-b', n: 2 }); } catch (e) { nestedErrors.push(`${e.name}: ${e.message}`); }
      }
    });
    b.onMessage((d) => log.push(`b:${d.n}`));
    send({ ContactId: 'c-a', n: 1 });
    send({ ContactId: 'c-a', n: 3 });
    a.cleanUp();
    b.cleanUp();
    return nestedErrors;
  });
  assert.deepEqual(r.extra, [], 'the nested delivery threw into Streams');
  assert.deepEqual(r.log, ['a:1', 'b:2', 'a:3']);
});

test('a connection event from inside a callback (nested connection gain and loss)', async () => {
  const r = await check(async (p, log, send, guard) => {
    const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
    await s.connect();
    const nestedErrors = [];
    let depth = 0;
    s.onConnectionEstablished(() => {
      log.push(`established:${depth}`);
      if (depth++ === 0) {
        try { p.gain(); } catch (e) { nestedErrors.push(`${e.name}: ${e.message}`); }
      }
    });
    s.onConnectionLost(() => {
      log.push('lost');
      try { p.gain(); } catch (e) { nestedErrors.push(`${e.name}: ${e.message}`); }
    });
    s.onMessage(() => {
      log.push('message');
      try { p.lost(); } catch (e) { nestedErrors.push(`${e.name}: ${e.message}`); }
    });
    guard(() => p.gain());
    send({ ContactId: 'c' });
    s.cleanUp();
    return nestedErrors;
  });
  assert.deepEqual(r.extra, [], 'a nested connection event threw into Streams');
  assert.deepEqual(r.log, ['established:0', 'established:1', 'message', 'lost', 'established:2']);
});

test('repeated misuse that throws back to the page does not wear the bundle out', async () => {
  // Each of these throws an Error to the caller. 20,000 of them must leave the bundle working.
  const r = await check(async (p, log, send, guard) => {
    const errors = new Set();
    const s = connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: p.ws });
    for (let i = 0; i < 20000; i++) {
      try { s.onMessage('not a function'); } catch (e) { errors.add(`${e.name}: ${e.message}`); }
      try { connect.TaskSession.create(); } catch (e) { errors.add(`${e.name}: ${e.message}`); }
    }
    return [...errors];
  });
  assert.ok(r.extra.every((e) => !e.startsWith('RuntimeError')), r.extra.join(' | '));
});
