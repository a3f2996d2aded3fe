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

  // Asks, and renews when it may. Deep in a caller's stack these calls can fail too: then
  // the flags stay set, the next call tries again, and what failed is returned.
  function settle() {
    try {
      if (unchecked) {
        renewing = glue.needsRenewal(open) || renewing;
        unchecked = false;
      }
      if (renewing && open === 0) {
        glue.renew();
        renewing = false;
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
      if (unchecked || renewing) {
        // A call must not enter an instance that may be half updated: it fails as settling did.
        const failed = settle();
        if (failed && (unchecked || open === 0)) throw failed;
      }
      open++;
      try {
        return f(a, b, c, d);
      } catch (e) {
        unchecked = true;
        // A trap can come from outside our entry points' bookkeeping (in the glue's allocation
        // of an argument, say), so a trap always means a fresh instance.
        if (e instanceof WebAssembly.RuntimeError) renewing = true;
        throw e;
      } finally {
        open--;
        if (unchecked || renewing) settle();
      }
    };
  }
  return watched;
}
