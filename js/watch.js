// Every call from the page into the module passes through here (the loader hands the shim these
// wrappers in place of wasm-bindgen's exports). A call can fail part way through its work: a
// trap, or the engine's RangeError when the caller is deep in its own recursion. When an
// exception leaves a call, the module is asked whether its state may be half updated
// (`needsRenewal`); if so, once no call is in progress, it asks wasm-bindgen for a fresh
// instance (`renew`) and enters it at once (`recover`), which derives its state from the record
// of what the page built (src/state/instance.rs).

// Exports that are not calls from the page.
const UNWATCHED = new Set(['initSync', 'start', 'needsRenewal', 'renew', 'recover']);
// Where the module is: READY takes calls; CHECK asks whether an exception left it half
// updated; RENEW and RESTORE replace it once no call is in progress.
const READY = 0, CHECK = 1, RENEW = 2, RESTORE = 3;
const RECOVERING = 'TaskJS is recovering from a failed call; call again once the current call has returned';
// Calls stopped by the module's own stack check change nothing, but wasm-bindgen's wrapper had
// already taken handles for their arguments, which stay taken: after this many, renew anyway.
const OUT_OF_STACK_MAX = 1000;

// `start()` instantiates the module, unless it has: the first call into it does that first.
export function watch(glue, start) {
  let state = READY;
  let open = 0; // calls in progress
  let outOfStack = 0; // calls that ran out of stack since the last renewal
  let waiting = false; // settling is to be finished a microtask later

  // Moves the module towards READY as far as it can now; returns the error that stopped it. A
  // fresh instance is made only when `renewing`: at once where the stack has room for it
  // (`room`), or else a microtask later (`later`), on a stack of its own and before any event can
  // reach the old instance. Deep in a caller's recursion, making one could fail at every level
  // on the way back, and each holds its own memory. Calls meanwhile fail.
  function settle(renewing) {
    try {
      for (;;) {
        if (state === CHECK) {
          let renew = true; // an instance that traps when asked needs renewal too
          try { renew = glue.needsRenewal(open); } catch (e) { if (!(e instanceof WebAssembly.RuntimeError)) throw e; }
          state = renew ? RENEW : READY;
        } else if (state === READY || open > 0 || !renewing) {
          return null;
        } else if (state === RENEW) {
          glue.renew();
          outOfStack = 0;
          state = RESTORE;
        } else {
          // wasm-bindgen makes the fresh instance at this call, and entering it derives its
          // state; it answers whether it did (if making it failed, the old one answers no). Cut
          // short, it leaves its call in progress, which the next question notices.
          state = CHECK;
          state = glue.recover() ? READY : RENEW;
          if (state === RENEW) return null; // asked again by the next call, not in a loop here
        }
      }
    } catch (e) {
      return e;
    }
  }
  // Whether the stack has room to make and enter a fresh instance: far more than that takes.
  function room() {
    const down = (n) => n === 0 || down(n - 1);
    try { return down(2000); } catch { return false; }
  }
  // Never throws: a call that has done its work returns, whatever the stack has left.
  function later() {
    if (waiting) return;
    try { queueMicrotask(() => { waiting = false; settle(true); }); waiting = true; } catch { /* the next call asks again */ }
  }

  const watched = {};
  for (const [name, f] of Object.entries(glue)) {
    if (typeof f !== 'function' || UNWATCHED.has(name)) { watched[name] = f; continue; }
    if (f.length > 4) throw new Error(`watch: ${name} takes ${f.length} arguments; the wrapper passes 4`);
    watched[name] = function (a, b, c, d) {
      start();
      if (state !== READY) {
        // A call must not enter an instance that may be half updated: it fails as settling did,
        // or until the instance is renewed (once the call in progress returns, for a subscriber
        // calling back in; a microtask later, deep in a caller's recursion).
        const failed = settle(room());
        if (state !== READY) { later(); throw failed || new Error(RECOVERING); }
      }
      open++;
      try {
        return f(a, b, c, d);
      } catch (e) {
        // A trap can come from outside our entry points' bookkeeping (in the glue's allocation
        // of an argument, say), so a trap always means a fresh instance.
        if (e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && ++outOfStack >= OUT_OF_STACK_MAX)) state = RENEW;
        else if (state === READY) state = CHECK;
        throw e;
      } finally {
        open--;
        // (A call that has done its work returns, even with no stack left to settle.)
        try { if (state !== READY && (settle(open === 0 && room()) || state !== READY)) later(); } catch { /* the next call settles */ }
      }
    };
  }
  return watched;
}
