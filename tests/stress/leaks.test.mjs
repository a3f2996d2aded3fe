// Leaks: 10,000 create/connect/cleanUp cycles must leave the wasm linear memory, the wasm
// externref table and the callbacks registered on Streams' WebSocketProvider where they were.
//
// Linear memory and the externref table only ever grow, so "back to the starting value" is
// checked as "no growth after a warm-up": 2,000 cycles first (the allocator and the table reach
// their working size), then 10,000 more must not grow either. Chromium runs with --expose-gc and
// the test collects garbage every 500 cycles, so that session objects the page dropped are
// finalised (a FinalizationRegistry frees sessions that were never connected) at the same
// points in both phases. The allocator's bytes in use (connect.TaskJS.stats().heapBytesInUse)
// must also come back to exactly their value after the warm-up. The figures are printed as
// test diagnostics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages({ extraArgs: ['--js-flags=--expose-gc'] });
before(pages.before);
after(pages.after);

// Runs in the page: the cycle named by `kind`, `warmup` then `cycles` times; returns the figures.
async function cyclesInPage({ kind, warmup, cycles }) {
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      window.gc();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  const p = KIT.provider();
  const figures = (label) => ({ label, ...KIT.wasm(), live: p.live() });
  let delivered = 0;
  let keeper = null;
  if (kind === 'beside a long-lived session') {
    keeper = connect.TaskSession.create({ contactId: 'keep-c', initialContactId: 'keep-i', websocketManager: p.ws });
    keeper.onMessage(() => {});
    await keeper.connect();
  }
  const one = async (i) => {
    if (kind === 'unsubscribe functions') {
      const unsubscribe = keeper.onMessage(() => { delivered++; });
      keeper.onTransferFailed(() => {})();
      unsubscribe();
      return;
    }
    const s = connect.TaskSession.create({ contactId: `c-${i}`, initialContactId: `i-${i}`, websocketManager: p.ws });
    s.onMessage(() => { delivered++; });
    s.onConnectionEstablished(() => { delivered++; });
    if (kind === 'cleanUp before connect resolves') {
      s.connect();
      s.cleanUp();
    } else {
      await s.connect();
      s.cleanUp();
    }
  };
  if (kind === 'unsubscribe functions') {
    keeper = connect.TaskSession.create({ contactId: 'keep-c', initialContactId: 'keep-i', websocketManager: p.ws });
    await keeper.connect();
  }
  const start = figures('start');
  const run = async (n, offset) => {
    for (let i = 0; i < n; i++) {
      await one(offset + i);
      if ((i + 1) % 500 === 0) await settle();
    }
    await settle();
  };
  await run(warmup, 0);
  const warm = figures(`after ${warmup} warm-up cycles`);
  delivered = 0;
  await run(cycles, warmup);
  const end = figures(`after ${cycles} more cycles`);
  if (kind === 'cleanUp before connect resolves') await new Promise((r) => setTimeout(r, 0));
  // A message for every cycle's contact after all the cleanUps: nobody may get it.
  const afterCleanUp = delivered;
  for (let i = 0; i < 50; i++) p.task({ ContactId: `c-${warmup + i}`, InitialContactId: `i-${warmup + i}` });
  return { start, warm, end, deliveredAfterCleanUp: delivered - afterCleanUp, deliveredDuring: afterCleanUp };
}

const KINDS = ['create, subscribe, connect, cleanUp', 'beside a long-lived session',
  'cleanUp before connect resolves', 'unsubscribe functions'];

for (const kind of KINDS) {
  test(`10,000 cycles (${kind}): wasm memory and provider callbacks return to their starting values`, async (t) => {
    const { result: r, uncaught, pageErrors, health } = await pages.run(cyclesInPage, { kind, warmup: 2000, cycles: 10000 });
    for (const f of [r.start, r.warm, r.end]) {
      t.diagnostic(`${f.label}: wasm memory ${f.memoryBytes} bytes${f.viaHook ? ' (hook)' : ''}, ` +
        `heap in use ${f.heapBytes}, ` +
        `externref table ${f.externrefTableLength}, callbacks on the provider ${f.live.total}`);
    }
    await t.test('allocator bytes in use return to their value after the warm-up', () => {
      assert.equal(typeof r.end.heapBytes, 'number', 'connect.TaskJS.stats().heapBytesInUse');
      assert.equal(r.end.heapBytes, r.warm.heapBytes);
    });
    assert.ok(r.start.memoryBytes > 0, 'the wasm memory was found');
    assert.equal(typeof r.warm.externrefTableLength, 'number', 'the externref table was found');
    assert.equal(r.end.memoryBytes, r.warm.memoryBytes, 'linear memory grew during 10,000 cycles');
    assert.equal(r.end.externrefTableLength, r.warm.externrefTableLength, 'externref table grew');
    assert.deepEqual(r.end.live, r.start.live, 'callbacks on the WebSocketProvider');
    assert.equal(r.deliveredAfterCleanUp, 0, 'a cleaned-up session still received messages');
    if (kind === 'cleanUp before connect resolves' || kind === 'unsubscribe functions') {
      assert.equal(r.deliveredDuring, 0, 'CONNECTION_ESTABLISHED or a message reached a removed subscriber');
    }
    assert.deepEqual(uncaught, []);
    assert.deepEqual(pageErrors, []);
    assert.equal(health, 'ok');
  });
}
