// A session object outlives its session: after cleanUp() (or once the page drops it) it must
// stay inert forever, however many sessions come after it. Its methods must never reach a newer
// session, which would deliver one contact's messages to another contact's subscriber.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages } from './support.mjs';

const pages = usePages({ extraArgs: ['--js-flags=--expose-gc'] });
before(pages.before);
after(pages.after);

const CYCLES = 5000;

test(`a cleaned-up session's methods never reach any of the next ${CYCLES} sessions`, async () => {
  const { result, uncaught, pageErrors, health } = await pages.run(async (cycles) => {
    const p = KIT.provider();
    const stale = connect.TaskSession.create({ contactId: 'old', initialContactId: 'old-i', websocketManager: p.ws });
    await stale.connect();
    stale.cleanUp();
    const problems = [];
    for (let n = 1; n <= cycles && problems.length < 3; n++) {
      const s = connect.TaskSession.create({ contactId: `new-${n}`, initialContactId: `new-i-${n}`, websocketManager: p.ws });
      const got = [];
      s.onMessage(() => got.push('owner'));
      await s.connect();
      stale.onMessage(() => got.push('stale onMessage'));
      stale.cleanUp();
      await stale.connect().then(() => got.push('stale connect resolved'), () => {});
      p.task({ ContactId: `new-${n}` });
      if (got.join() !== 'owner') problems.push(`session ${n}: ${got.join(', ') || 'nothing delivered'}`);
      s.cleanUp();
    }
    return problems;
  }, CYCLES);
  assert.deepEqual(result, []);
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
  assert.equal(health, 'ok');
});

test(`collecting an old session object never removes a newer session (${CYCLES} sessions later)`, async () => {
  const { result, uncaught, pageErrors } = await pages.run(async (cycles) => {
    const p = KIT.provider();
    const settle = async () => {
      for (let i = 0; i < 3; i++) { window.gc(); await new Promise((r) => setTimeout(r, 0)); }
    };
    // Sixteen cleaned-up session objects, kept alive for now.
    const OLD = 16;
    const olds = [];
    for (let k = 0; k < OLD; k++) {
      const o = connect.TaskSession.create({ contactId: `old-${k}`, initialContactId: 'old-i', websocketManager: p.ws });
      o.cleanUp();
      olds.push(o);
    }
    const problems = [];
    for (let n = 0; n < cycles && problems.length < 3; n++) {
      // A new session, not connected yet, while an old object is dropped and collected. Old
      // object k is dropped during cycle 4096 * m + k - OLD (one of them per cycle, in turn),
      // which is when a 12-bit generation counter would hand its id out again.
      const s = connect.TaskSession.create({ contactId: `new-${n}`, initialContactId: `new-i-${n}`, websocketManager: p.ws });
      const got = [];
      s.onMessage(() => got.push('owner'));
      const k = (n + OLD) % 4096;
      if (n + OLD >= 4096 && k < OLD && olds[k]) {
        olds[k] = null;
        await settle();
      }
      const r = await s.connect().then(() => 'connected', (e) => `rejected: ${e && e._debug && e._debug.message}`);
      p.task({ ContactId: `new-${n}` });
      if (r !== 'connected' || got.join() !== 'owner') problems.push(`session ${n}: ${r}, got ${got.join(', ') || 'nothing'}`);
      s.cleanUp();
    }
    return problems;
  }, CYCLES);
  assert.deepEqual(result, []);
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});
