// Every call from the page into the module passes through here (the loader hands `install`
// these wrappers in place of wasm-bindgen's exports, and the shim forwards to them). A call can
// fail part way through its work: a trap, or the engine's RangeError when the caller is deep in
// its own recursion. When an exception leaves a call, the module is asked whether its state may
// be half updated (`needsRenewal`); if so, once no call is in progress, it asks wasm-bindgen for
// a fresh instance (`renew`) and enters it at once (`recover`), which derives its state from the
// record of what the page built (src/state/instance.rs).

// Exports that are not calls from the page.
const UNWATCHED = new Set(['default', 'initSync', 'needsRenewal', 'renew', 'recover']);

export function watch(glue) {
  let open = 0; // calls in progress
  let unchecked = false; // an exception left a call; the module has not been asked yet
  let renewing = false; // the module needs a fresh instance once no call is in progress
  let restoring = false; // renewed, and the fresh instance not yet entered
  // Calls that ran out of stack since the last renewal. One stopped at the module's own stack
  // check has changed nothing, but wasm-bindgen's wrapper had already taken handles for its
  // arguments, which stay taken: after this many, the instance is renewed anyway.
  let outOfStack = 0;
  const OUT_OF_STACK_MAX = 1000;

  // Asks, renews and recovers when it may. Deep in a caller's stack these calls can fail too:
  // then the flags stay set, and what failed is returned; the caller tries again a microtask
  // later (on a stack of its own, before any event can reach an old instance), and the next
  // call tries again too.
  function settle() {
    try {
      if (unchecked) {
        // An instance that traps when asked needs renewal too.
        try { renewing = glue.needsRenewal(open) || renewing; } catch (e) { if (!(e instanceof WebAssembly.RuntimeError)) throw e; renewing = true; }
        unchecked = false;
      }
      if (renewing && open === 0) {
        glue.renew();
        renewing = false;
        restoring = true;
        outOfStack = 0;
      }
      if (restoring && open === 0) {
        // wasm-bindgen makes the fresh instance at this call, and entering it derives its state;
        // it answers whether it did (if making it failed, the old one answers no). Cut short, it
        // leaves its call in progress, which the next question notices.
        unchecked = true;
        renewing = !glue.recover();
        restoring = unchecked = false;
      }
      return null;
    } catch (e) {
      return e;
    }
  }

  const watched = {};
  for (const name of Object.keys(glue)) {
    const f = glue[name];
    watched[name] = typeof f !== 'function' || UNWATCHED.has(name) ? f : function (a, b, c, d) {
      if (unchecked || renewing || restoring) {
        // A call must not enter an instance that may be half updated: it fails as settling
        // did, or, made from inside a call still in progress (a subscriber calling back in),
        // until that call has returned and the instance is renewed.
        const failed = settle();
        if (failed || unchecked || renewing || restoring) {
          throw failed || new Error('TaskJS is recovering from a failed call; call again once the current call has returned');
        }
      }
      open++;
      try {
        return f(a, b, c, d);
      } catch (e) {
        unchecked = true;
        // A trap can come from outside our entry points' bookkeeping (in the glue's allocation
        // of an argument, say), so a trap always means a fresh instance.
        if (e instanceof WebAssembly.RuntimeError) renewing = true;
        if (e instanceof RangeError && ++outOfStack >= OUT_OF_STACK_MAX) renewing = true;
        throw e;
      } finally {
        open--;
        if ((unchecked || renewing || restoring) && (settle() || renewing || restoring)) queueMicrotask(settle);
      }
    };
  }
  return watched;
}
