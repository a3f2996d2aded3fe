//! This WebAssembly instance: entering it, and replacing it after a failed call.
//!
//! A call can fail part way through its work: a trap (a panic aborts; an allocation failure;
//! `unreachable`), or the engine's RangeError deep in a caller's recursion, which unwinds our
//! frames without running their epilogues. The instance's state may then be half updated (a
//! `RefCell` left borrowed, the shadow stack pointer not restored). So:
//! - every export enters through [`enter`] (`exports.rs` makes that so): it checks the stack and
//!   counts the call in progress until it returns;
//! - the loader's watch (`js/watch.js`) sees every exception leave a call and asks
//!   [`needs_renewal`]: more calls in progress than the page has open means one stopped part
//!   way; so does a shadow stack that has leaked too far (`runtime/stack.rs`);
//! - once no call is in progress the watch calls [`renew`], and wasm-bindgen makes a fresh
//!   instance of the module at the next call, which the watch makes at once (`recover`);
//! - a fresh instance's first call derives its state from the record (`record.rs`,
//!   `live.rs`). Every function the page holds forwards to an export (`js/shim.js`), so it
//!   reaches the fresh instance; a closure would not (wasm-bindgen refuses to call an old
//!   instance's).
//!
//! Each recovery is counted in the record and logged through `connect.getLog()` a microtask
//! later.

use crate::runtime::stack::{self, Headroom};
use crate::state::{live, record};
use crate::sys::builtins::in_a_microtask;
use crate::sys::logger::log_error;
use std::cell::Cell;
use wasm_bindgen::JsValue;

thread_local! {
    /// Whether this instance has its state: derived from the record on its first call (a fresh
    /// instance), or there was no record to derive it from (the first instance).
    static READY: Cell<bool> = const { Cell::new(false) };
    /// Calls that passed the stack check and have not returned: the calls in progress, plus
    /// any that stopped part way.
    static IN_PROGRESS: Cell<u32> = const { Cell::new(0) };
    /// Whether this instance derived its state from the record and no one has asked since.
    static RESTORED: Cell<bool> = const { Cell::new(false) };
}

#[cfg(feature = "trap-for-tests")]
thread_local! {
    /// Every entry so far (tests/stress/guards.test.mjs checks that each export enters).
    pub static ENTRIES: Cell<u32> = const { Cell::new(0) };
}

/// A call in progress, from [`enter`] until it returns.
#[must_use]
pub struct Entered(());

impl Drop for Entered {
    fn drop(&mut self) {
        IN_PROGRESS.set(IN_PROGRESS.get() - 1);
    }
}

/// The way into the instance, first thing in every export: checks that there is `headroom` of
/// stack for the call (and on a fresh instance for deriving its state too: a call that fails
/// here has changed nothing), counts it in progress, and on a fresh instance derives the state from the
/// record. Deriving cut short (the stack again), or a record that cannot be read, fails this
/// call and leaves it in progress: the watch renews the instance again, and the next one starts
/// over. No call runs on a state not yet derived.
pub fn enter(headroom: Headroom) -> Entered {
    #[cfg(feature = "trap-for-tests")]
    ENTRIES.with(|e| e.set(e.get() + 1));
    let ready = READY.get();
    stack::ensure_headroom(if ready { headroom } else { headroom.max(Headroom::Rebuild) });
    IN_PROGRESS.set(IN_PROGRESS.get() + 1);
    let entered = Entered(());
    if !ready {
        start();
    }
    entered
}

/// An instance's first call: the first instance finds no record yet (`install` makes it); a
/// fresh one derives its state from the record, and counts and reports the recovery.
fn start() {
    // A panic aborts (a trap) and the watch renews the instance; std's own hook would only
    // format a message nobody reads, with what stack is left.
    std::panic::set_hook(Box::new(|_| {}));
    stack::record_top();
    let found = match record::find() {
        Ok(found) => found,
        Err(error) => wasm_bindgen::throw_val(error),
    };
    let Some(page) = found else { return READY.set(true) };
    let sessions = live::derive(&page);
    // Logged a microtask later, on a stack of its own: this call may be deep in the caller's,
    // and Streams' logger takes more than the stack check leaves.
    let _ = in_a_microtask(&page.shim().recovered(sessions).into());
    READY.set(true);
    RESTORED.set(true);
    page.count_recovery();
}

/// Whether this instance derived its state from the record since the last time this was asked:
/// the watch's check, after a renewal, that it got a fresh instance.
pub fn take_restored() -> bool {
    RESTORED.replace(false)
}

/// Logs a recovery through `connect.getLog()` (component `task`).
pub fn report(sessions: u32) {
    let text = "TaskJS recovered from a failed call with a fresh WebAssembly instance; live sessions restored: %s";
    log_error(text, &JsValue::from(sessions), None);
}

/// Whether this instance must be replaced, asked by the watch after an exception left a call,
/// with `open` the calls the page still has in progress: a call stopped part way (more in
/// progress here than open), or the shadow stack has leaked too far.
pub fn needs_renewal(open: u32) -> bool {
    IN_PROGRESS.get() > open || stack::drifted()
}

/// Asks wasm-bindgen for a fresh instance at the next call into the module.
pub fn renew() {
    wasm_bindgen::handler::schedule_reinit();
}
