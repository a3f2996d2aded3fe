// Every export enters the instance first (src/exports.rs: the stack check, the count of calls in
// progress, a fresh instance's state), which the recovery guarantee depends on. In the
// `trap-for-tests` build, connect.TaskJS.__entries() counts the entries: each export the module
// has is called once, through the watch as the page's functions call it, and must have entered
// once. An export written without the guard fails here, whatever its name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePages, buildTrap } from './support.mjs';

const pages = usePages();
before(pages.before);
after(pages.after);

// The watch's own questions (asked of an instance that may be broken: they must not enter it),
// wasm-bindgen's loader, the deliberate trap, and exports that are not functions (enums).
const NOT_ENTERING = ['default', 'initSync', 'needsRenewal', 'renew', 'trapForTests'];

async function callEveryExport(notEntering) {
  const exports = connect.TaskJS.__exports;
  const entries = connect.TaskJS.__entries;
  const counts = {};
  for (const name of Object.keys(exports)) {
    if (typeof exports[name] !== 'function' || notEntering.includes(name)) continue;
    const before = entries();
    try {
      // One argument that suits every parameter: an object, which numbers and enums read as 0.
      const zero = { valueOf: () => 0 };
      const returned = exports[name](zero, zero, zero, zero);
      if (returned instanceof Promise) returned.catch(() => {});
    } catch (e) {
      // Many refuse such arguments: what matters is that they entered first.
    }
    counts[name] = entries() - before - 1; // less this call of entries() itself
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { counts, recoveries: connect.TaskJS.stats().recoveries };
}

test('every export enters the instance exactly once per call (trap-for-tests build)', async (t) => {
  const bundle = buildTrap();
  const { result, uncaught, pageErrors } = await pages.run(callEveryExport, NOT_ENTERING, { bundle });
  t.diagnostic(JSON.stringify(result.counts));
  const names = Object.keys(result.counts);
  // The exports the page's functions reach are among them.
  for (const name of ['sessionCreate', 'sessionOn', 'sessionConnect', 'sessionCleanUp', 'deliverMessage', 'agentCall', 'stats', 'recover']) {
    assert.ok(names.includes(name), `${name} was called`);
  }
  assert.deepEqual(names.filter((n) => result.counts[n] !== 1), [], 'exports that did not enter exactly once');
  assert.equal(result.recoveries, 0, 'no call was cut short');
  assert.deepEqual(uncaught, []);
  assert.deepEqual(pageErrors, []);
});
