// Hostile websocket messages: huge strings, deep nesting, __proto__/constructor keys and ids,
// content that is not a string or not an object. Each must be handled without an exception
// reaching Streams, without polluting prototypes, and without reaching another contact's session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// Runs `scenario` (source of an async function (p, session, send) => extra) in the page with two
// recording sessions on one provider: A (contact 'c-a', initial 'i-a') and B ('c-b', 'i-b').
// `send(content, topic?)` emits through Streams and records anything thrown back at it.
async function withSessions(scenario) {
  const p = KIT.provider();
  const a = KIT.recordingSession(p, 'c-a', 'i-a');
  const b = KIT.recordingSession(p, 'c-b', 'i-b');
  await a.session.connect();
  await b.session.connect();
  a.got.length = 0;
  b.got.length = 0;
  const thrown = [];
  const send = (...args) => {
    try { p.send(...args); } catch (e) { thrown.push(`${e && e.name}: ${e && e.message}`); }
  };
  const extra = await (0, eval)(`(${scenario})`)(p, { a, b }, send);
  const summary = (got) => got.map(([ev, d]) => [ev, d && typeof d === 'object' ? (d.tag ?? null) : d]);
  return { a: summary(a.got), b: summary(b.got), thrown, pollution: KIT.pollution(), extra: extra ?? null,
    wasm: KIT.wasm(), errorsLogged: KIT.logCounts.ERROR || 0 };
}

async function check(scenario) {
  const r = await pages.run(withSessions, scenario.toString());
  assert.deepEqual(r.result.thrown, [], 'exceptions reached Streams');
  assert.deepEqual(r.result.pollution, [], 'a prototype was polluted');
  assert.deepEqual(r.uncaught, []);
  assert.deepEqual(r.pageErrors, []);
  assert.equal(r.health, 'ok', 'the bundle still works afterwards');
  return r.result;
}

test('huge strings: 16 MB content, 1 MB contact ids, 8 MB of bad JSON', async (t) => {
  const r = await check(async (p, s, send) => {
    const big = 'x'.repeat(16 * 1024 * 1024);
    send(JSON.stringify({ ContactId: 'c-a', tag: 'big-payload', Data: big }));
    const id = 'k'.repeat(1024 * 1024);
    const session = KIT.recordingSession(p, id, `${id}-initial`);
    await session.session.connect();
    session.got.length = 0;
    send(JSON.stringify({ ContactId: id, tag: 'huge-id' }));
    send(JSON.stringify({ ContactId: `${id.slice(1)}j`, tag: 'almost-the-huge-id' }));
    send(JSON.stringify({ InitialContactId: `${id}-initial`, ContactId: 'c-b', tag: 'huge-initial-and-b' }));
    send(`{"ContactId":"c-a","tag":"truncated","Data":"${big.slice(0, 8 * 1024 * 1024)}`);
    send(JSON.stringify({ ContactId: 'c-a', ContentType: big, tag: 'huge-content-type' }));
    session.session.cleanUp();
    return session.got.map(([ev, d]) => [ev, d.tag]);
  });
  t.diagnostic(`wasm memory afterwards: ${r.wasm?.memoryBytes} bytes`);
  assert.deepEqual(r.a, [['INCOMING_MESSAGE', 'big-payload'], ['INCOMING_MESSAGE', 'huge-content-type']]);
  assert.deepEqual(r.b, [['INCOMING_MESSAGE', 'huge-initial-and-b']]);
  assert.deepEqual(r.extra, [['INCOMING_MESSAGE', 'huge-id'], ['INCOMING_MESSAGE', 'huge-initial-and-b']]);
});

test('deeply nested content: 100,000 levels of arrays and objects', async () => {
  const r = await check(async (p, s, send) => {
    const depth = 100000;
    send(`{"ContactId":"c-a","tag":"deep-array","x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    send(`{"ContactId":"c-a","tag":"deep-object","x":${'{"y":'.repeat(depth)}1${'}'.repeat(depth)}}`);
    send(`{"x":${'{"ContactId":'.repeat(depth)}"c-b"${'}'.repeat(depth)},"tag":"nested-id"}`);
    send(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    send(`{"ContactId":"c-b","tag":"unclosed","x":${'['.repeat(depth)}`);
  });
  // A JSON parser may refuse extreme depth (then the message is dropped and logged); if it
  // parses, the message goes to A. Never to B: its id is nested, not at the top.
  for (const [ev, tag] of r.a) {
    assert.equal(ev, 'INCOMING_MESSAGE');
    assert.ok(['deep-array', 'deep-object'].includes(tag), tag);
  }
  assert.deepEqual(r.b, []);
});

test('__proto__, constructor and other Object.prototype names as keys, ids and content types', async () => {
  const r = await check(async (p, s, send) => {
    const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    const sessions = names.map((n) => KIT.recordingSession(p, n, `initial:${n}`));
    for (const x of sessions) await x.session.connect();
    sessions.forEach((x) => { x.got.length = 0; });
    // Objects that try to pollute when parsed or copied.
    send('{"__proto__":{"polluted":"yes"},"ContactId":"c-a","tag":"proto-key"}');
    send('{"constructor":{"prototype":{"polluted":"yes"}},"ContactId":"c-a","tag":"constructor-key"}');
    send('{"ContactId":"c-b","tag":"proto-in-data","Data":{"__proto__":{"hacked":1},"constructor":{"prototype":{"hacked":1}}}}');
    // Content types named like Object.prototype members: onMessage only.
    for (const ct of names) send(JSON.stringify({ ContactId: 'c-a', ContentType: ct, tag: `ct:${ct}` }));
    // Ids named like Object.prototype members: only the session with that very id.
    for (const n of names) send(JSON.stringify({ ContactId: n, tag: `id:${n}` }));
    for (const n of names) send(JSON.stringify({ InitialContactId: `initial:${n}`, ContactId: 'nobody', tag: `initial:${n}` }));
    // Nobody has an id of undefined here: a message without ids reaches no one.
    send(JSON.stringify({ tag: 'no-ids' }));
    const byName = names.map((n, i) => [n, sessions[i].got.map(([ev, d]) => [ev, d.tag])]);
    sessions.forEach((x) => x.session.cleanUp());
    return byName;
  });
  const names = r.extra.map(([n]) => n);
  assert.equal(names.length, 7);
  assert.deepEqual(r.a, [['INCOMING_MESSAGE', 'proto-key'], ['INCOMING_MESSAGE', 'constructor-key'],
    ...names.map((n) => ['INCOMING_MESSAGE', `ct:${n}`])]);
  assert.deepEqual(r.b, [['INCOMING_MESSAGE', 'proto-in-data']]);
  for (const [n, got] of r.extra) {
    assert.deepEqual(got, [['INCOMING_MESSAGE', `id:${n}`], ['INCOMING_MESSAGE', `initial:${n}`]], n);
  }
});

test('content that is not a string, and JSON that is not an object, is dropped', async () => {
  const r = await check(async (p, s, send) => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const trap = new Proxy({}, { get() { throw new Error('get trap'); }, getPrototypeOf() { throw new Error('proto trap'); },
      ownKeys() { throw new Error('ownKeys trap'); } });
    const good = JSON.stringify({ ContactId: 'c-a', tag: 'should-not-arrive' });
    for (const content of [null, undefined, 0, 42, NaN, true, 10n, Symbol('s'), () => good,
      { ContactId: 'c-a', tag: 'object' }, [good], new String(good), proxy, trap, new Uint8Array([123, 125])]) {
      send(content);
    }
    for (const json of ['42', '"c-a"', 'null', 'true', '[]', `[${good}]`, '"{\\"ContactId\\":\\"c-a\\"}"']) send(json);
    // The message object itself with a throwing getter for content.
    p.upstream.emit(connect.WebSocketEvents.ALL_MESSAGE, { topic: 'aws/task', get content() { throw new Error('getter'); } });
    send(JSON.stringify({ ContactId: 'c-a', tag: 'still-works' }));
  });
  assert.deepEqual(r.a, [['INCOMING_MESSAGE', 'still-works']]);
  assert.deepEqual(r.b, []);
});

test('ids compare as === does: numbers, booleans, null and NaN', async () => {
  const r = await check(async (p, s, send) => {
    const mk = (contactId, initialContactId) => KIT.recordingSession(p, contactId, initialContactId);
    const list = [mk(1, 'i-1'), mk('1', 'i-one'), mk(null, 'i-null'), mk(NaN, NaN), mk(true, 'i-true'), mk(-0, 'i-zero')];
    for (const x of list) await x.session.connect();
    list.forEach((x) => { x.got.length = 0; });
    for (const id of [1, '1', null, true, 0, 'true', 'NaN']) send(JSON.stringify({ ContactId: id, tag: String(id) }));
    send('{"ContactId":NaN,"tag":"not-json"}');
    return list.map((x) => x.got.map(([, d]) => d.tag));
  });
  assert.deepEqual(r.extra, [['1'], ['1'], ['null'], [], ['true'], ['0']]);
  assert.deepEqual(r.a, []);
  assert.deepEqual(r.b, []);
});
