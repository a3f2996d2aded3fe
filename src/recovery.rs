//! Recovering from a failed call.
//!
//! A call can fail part way through its work: a trap (a panic aborts; an allocation failure;
//! `unreachable`), or the engine's RangeError deep in a caller's recursion, which unwinds our
//! frames without running their epilogues. The instance's state may then be half updated (a
//! `RefCell` left borrowed, the shadow stack pointer not restored). So:
//! - each entry point counts itself in progress ([`entry_checks`]) until it returns;
//! - the loader's watch (`js/watch.js`) sees every exception leave a call and asks
//!   [`needs_renewal`]: more calls in progress than the page has open means one stopped part
//!   way; so does a shadow stack that has leaked too far (`stack.rs`);
//! - once no call is in progress the watch calls [`renew`], and wasm-bindgen makes a fresh
//!   instance of the module before the next call (`wasm_bindgen::handler`);
//! - the fresh instance's first call rebuilds the registry from the ledger (`ledger.rs`): every
//!   live session with its subscribers in order, its websocket binding and its place in
//!   connection order. The page's functions are bound exported functions, so they reach the
//!   fresh instance; closures would not (wasm-bindgen refuses to call an old instance's).
//!
//! Each recovery is counted in `connect.TaskJS.stats()` and logged through `connect.getLog()`
//! a microtask later.

use crate::binding;
use crate::entry::{bind1, glue};
use crate::core::events::TaskEvent;
use crate::core::subscribers::Subscribers;
use crate::ledger::{self, Counter, Ledger};
use crate::registry::{self, Registry, Session};
use crate::{session, stack, streams};
use js_sys::{Array, Map};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Whether this instance has its registry: from `install` (the first instance), or
    /// rebuilt from the ledger on its first call (a fresh one).
    static READY: Cell<bool> = const { Cell::new(false) };
    /// Calls that passed the stack check and have not returned: the calls in progress, plus
    /// any that stopped part way.
    static IN_PROGRESS: Cell<u32> = const { Cell::new(0) };
}

/// Runs when an instance starts: the first, or a fresh one after a failed call. (A fresh one
/// rebuilds on its first call, which has checked its stack: the start itself may run deep in
/// a caller's stack.)
#[wasm_bindgen(start)]
fn start() {
    // A panic aborts (a trap) and the watch renews the instance; std's own hook would only
    // format a message nobody reads, with what stack is left.
    std::panic::set_hook(Box::new(|_| {}));
    stack::record_top();
}

/// The first instance has its registry from the start (`install`).
pub fn installed() {
    READY.set(true);
}

/// A call in progress, from [`entry_checks`] until it returns.
pub struct InProgress(());

impl Drop for InProgress {
    fn drop(&mut self) {
        IN_PROGRESS.set(IN_PROGRESS.get() - 1);
    }
}

/// Checks on the way into a call: that there is stack enough for it, and on a fresh instance
/// for the rebuild too (first: a call that fails here has changed nothing), then counts it in
/// progress, and on a fresh instance's first call rebuilds the registry.
#[must_use]
pub fn entry_checks() -> InProgress {
    if READY.get() {
        stack::ensure_headroom();
    } else {
        stack::ensure_headroom_for_rebuild();
    }
    IN_PROGRESS.set(IN_PROGRESS.get() + 1);
    let call = InProgress(());
    if !READY.get() {
        recover();
    }
    call
}

/// Asked by the watch after an exception left a call, with `open` the calls the page still
/// has in progress: whether this instance must be replaced, because a call stopped part way
/// (more in progress here than open) or the shadow stack has leaked too far.
#[wasm_bindgen(js_name = needsRenewal)]
pub fn needs_renewal(open: u32) -> bool {
    IN_PROGRESS.get() > open || stack::drifted()
}

/// Asks wasm-bindgen for a fresh instance before the next call (the watch calls this when no
/// call is in progress).
#[wasm_bindgen]
pub fn renew() {
    wasm_bindgen::handler::schedule_reinit();
}

/// A fresh instance's first call: rebuilds the registry from the ledger, counts and logs the
/// recovery. A rebuild cut short (the stack again), or a ledger that cannot be read, fails
/// this call and leaves it in progress: the watch renews the instance again, and the next
/// one rebuilds from the start. The call never runs on an empty registry.
fn recover() {
    let ledger = match ledger::find() {
        Ok(Some(ledger)) => ledger,
        Ok(None) => return READY.set(true), // nothing installed from this module: nothing to lose
        Err(error) => wasm_bindgen::throw_val(error),
    };
    ledger::remember(&ledger);
    let sessions = rebuild(&ledger);
    // Logged a microtask later, on a stack of its own: this call may be deep in the caller's,
    // and Streams' logger takes more than the stack check leaves.
    let report = glue(|g| bind1(&g.recovery_report, &sessions.into()));
    let _ = streams::in_a_microtask(&report);
    READY.set(true);
    ledger::next(Counter::Recoveries);
}

/// Logs a recovery through `connect.getLog()` (component `task`).
pub fn report(sessions: u32) {
    let text = "TaskJS recovered from a failed call with a fresh WebAssembly instance; live sessions restored: %s";
    streams::log_error(text, &JsValue::from(sessions), None);
}

/// The registry as the ledger records it; returns how many sessions it restored. Reads the
/// ledger's maps as arrays of entries (no callbacks from JavaScript, which would take stack).
fn rebuild(ledger: &Ledger) -> u32 {
    registry::with(|r| *r = Registry::default());
    binding::forget_keys();
    for entry in Array::from(&ledger.bindings().entries()).iter() {
        let entry: Array = entry.unchecked_into();
        binding::restore(as_id(&entry.get(0)), &entry.get(1).unchecked_into());
    }
    let sessions = Array::from(&ledger.sessions().entries());
    for entry in sessions.iter() {
        let entry: Array = entry.unchecked_into();
        let (id, record): (u32, Array) = (as_id(&entry.get(0)), entry.get(1).unchecked_into());
        let mut subscribers = Subscribers::default();
        let subscriptions = record.get(ledger::SUBSCRIPTIONS).unchecked_into::<Map>();
        for subscription in Array::from(&subscriptions.entries()).iter() {
            let subscription: Array = subscription.unchecked_into();
            let detail: Array = subscription.get(1).unchecked_into();
            if let Some(&event) = TaskEvent::ALL.get(as_id(&detail.get(0)) as usize) {
                subscribers.add(event, as_id(&subscription.get(0)), detail.get(1).unchecked_into());
            }
        }
        let restored = Session {
            contact_id: record.get(ledger::CONTACT_ID),
            initial_contact_id: record.get(ledger::INITIAL_CONTACT_ID),
            manager: record.get(ledger::MANAGER),
            subscribers,
            bound_to: None,
        };
        registry::with(|r| r.sessions.insert(id.into(), restored));
    }
    // In connection order, which is the order messages reach the sessions in.
    for id in Array::from(&ledger.connected()).iter() {
        session::rejoin(as_id(&id));
    }
    sessions.length()
}

/// An id the ledger holds (a JavaScript number).
fn as_id(v: &JsValue) -> u32 {
    v.as_f64().unwrap_or(0.0) as u32
}
