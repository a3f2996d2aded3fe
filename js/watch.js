// Every call from the page into the module passes through here (the loader hands `install`
// these wrappers in place of wasm-bindgen's exports). A call can fail part way through its
// work: a trap, or the engine's RangeError when the caller is deep in its own recursion. When
// an exception leaves a call, the module is asked whether its state may be half updated
// (`needsRenewal`); if so, once no call is in progress, it asks wasm-bindgen for a fresh
// instance (`renew`), which restores the live sessions on its first call (src/recovery.rs).

// Exports that are not calls from the page.
const UNWATCHED = new Set(['default', 'initSync', 'install', 'needsRenewal', 'renew']);

export function watch(glue) {
  let open = 0; // calls in progress
  let unchecked = false; // an exception left a call; the module has not been asked yet
  let renewing = false; // the module needs a fresh instance once no call is in progress
  let verifying = false; // renewed, and the fresh instance not yet seen to answer
  // Calls that ran out of stack since the last renewal. One stopped at the module's own stack
  // check has changed nothing, but wasm-bindgen's wrapper had already taken handles for its
  // arguments, which stay taken: after this many, the instance is renewed anyway.
  let outOfStack = 0;
  const OUT_OF_STACK_MAX = 1000;

  // Whether the module needs a fresh instance; an instance that traps when asked does.
  function ask() {
    try {
      return glue.needsRenewal(open);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) return true;
      throw e;
    }
  }

  // Asks, and renews when it may. Deep in a caller's stack these calls can fail too: then
  // the flags stay set, the next call tries again, and what failed is returned.
  function settle() {
    try {
      if (unchecked || verifying) {
        renewing = ask() || renewing;
        unchecked = verifying = false;
      }
      if (renewing && open === 0) {
        glue.renew();
        renewing = false;
        outOfStack = 0;
        // wasm-bindgen makes the fresh instance at the next call into the module: this one.
        // If the stack runs out while it does, it keeps the old instance, so verify.
        verifying = true;
        renewing = ask();
        verifying = false;
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
      if (unchecked || renewing || verifying) {
        // A call must not enter an instance that may be half updated: it fails as settling
        // did, or, made from inside a call still in progress (a subscriber calling back in),
        // until that call has returned and the instance is renewed.
        const failed = settle();
        if (failed || unchecked || renewing || verifying) {
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
        if (unchecked || renewing) settle();
      }
    };
  }
  return watched;
}
