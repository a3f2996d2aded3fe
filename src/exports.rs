//! Every way JavaScript calls into the module: the exports, each written once.
//!
//! The page never holds these directly: it holds the shim's forwarders (`js/shim.js`), which
//! call them through the loader's watch (`js/watch.js`), so a call reaches whichever
//! WebAssembly instance is current and a call that fails part way is noticed. Each export is
//! named as JavaScript calls it, and [`exports!`] makes it enter the instance first
//! (`state::instance::enter`: the stack check, the count of calls in progress, a fresh
//! instance's state): an export cannot skip that, and tests/stress/guards.test.mjs checks that
//! each one enters.

#![allow(non_snake_case)] // each export is spelled as JavaScript calls it

use crate::api::{agent, config, delivery, install, session, template};
use crate::core::agent_method::AgentMethod;
use crate::core::events::TaskEvent;
use crate::core::settlement::Answer;
use crate::runtime::stack::Headroom;
use crate::state::instance;
use crate::state::record::SubscriptionKey;
use crate::state::request::PendingRequest;
use crate::sys::shim::Shim;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// Exports, each entering the instance before its body runs: with [`Headroom::Call`] of stack,
/// or, for an item written `@request fn` (an agent request and its answers), [`Headroom::Request`].
macro_rules! exports {
    ($($(#[$meta:meta])* $(@$deep:ident)? fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? $body:block)*) => {$(
        $(#[$meta])*
        #[wasm_bindgen]
        pub fn $name($($arg: $ty),*) $(-> $ret)? {
            let _entered = instance::enter(exports!(@headroom $($deep)?));
            $body
        }
    )*};
    (@headroom) => { Headroom::Call };
    (@headroom request) => { Headroom::Request };
}

exports! {
    /// The loader's, at the module's first call: makes the record around the loader's shim.
    fn start(shim: Shim) {
        install::start(shim);
    }

    /// `connect.TaskSession.create(args)`.
    fn sessionCreate(args: JsValue) -> Result<JsValue, JsValue> {
        session::create(&args)
    }

    /// `session.onX(callback)`.
    fn sessionOn(id: u32, event: TaskEvent, callback: JsValue) -> Result<JsValue, JsValue> {
        session::subscribe(id, event, callback)
    }

    /// What `session.onX` returned.
    fn sessionOff(id: u32, subscription: u32) {
        session::unsubscribe(id, SubscriptionKey(subscription));
    }

    /// `session.connect()`.
    fn sessionConnect(id: u32) -> Promise {
        session::connect(id)
    }

    /// `connect()`'s microtask; the promise resolves with what it returns.
    fn sessionEstablished(id: u32, result: JsValue) -> JsValue {
        session::established(id, &result);
        result
    }

    /// `session.cleanUp()`.
    fn sessionCleanUp(id: u32) {
        session::clean_up(id);
    }

    /// The page dropped session `id`'s object (a `FinalizationRegistry` callback).
    fn sessionCollected(id: u32) {
        session::collected(id);
    }

    /// An `aws/task` message, from our callback on websocket manager `manager`.
    fn deliverMessage(manager: u32, message: JsValue) {
        delivery::deliver_message(manager, &message);
    }

    /// A websocket connection event, from our callback on websocket manager `manager`.
    fn connectionEvent(manager: u32, event: TaskEvent) {
        delivery::deliver_connection_event(manager, event);
    }

    /// `agent.createTask(...)` & co.
    @request fn agentCall(method: AgentMethod, input: JsValue, callbacks: JsValue) -> Result<JsValue, JsValue> {
        agent::run(method, input, callbacks)
    }

    /// The client threw when the shim sent an agent request: whether the call throws it.
    @request fn agentClientThrew(request: PendingRequest, error: JsValue, late: bool) -> bool {
        agent::client_threw(&request, &error, late)
    }

    /// A guarded `success` or `failure` of an agent request.
    @request fn agentSettle(request: PendingRequest, answer: Answer, data: JsValue, extra: JsValue) {
        agent::settle(&request, answer, &data, &extra);
    }

    /// An agent request's timeout.
    @request fn requestTimedOut(request: PendingRequest) {
        agent::timed_out(&request);
    }

    /// `connect.TaskSession.setGlobalConfig(config)`.
    fn setGlobalConfig(config: JsValue) -> Result<(), JsValue> {
        config::set_global_config(&config)
    }

    /// `connect.TaskJS.validateTask(task, template)`.
    fn validateTask(task: JsValue, template: JsValue) -> Result<JsValue, JsValue> {
        template::validate_task(&task, &template)
    }

    /// `connect.TaskJS.stats()`.
    fn stats() -> JsValue {
        install::stats()
    }

    /// The watch's first call into a fresh instance: entering it derives its state. Returns
    /// whether it did (false: the renewal did not happen, and the watch asks for another).
    fn recover() -> bool {
        instance::take_restored()
    }

    /// A recovery's report, a microtask after it.
    fn recoveryReport(sessions: u32) {
        instance::report(sessions);
    }

    /// Panics on purpose (a trap), with the instance's state borrowed when `in_state` (the worst
    /// moment): only in the `trap-for-tests` build, for tests/stress/recovery.test.mjs.
    #[cfg(feature = "trap-for-tests")]
    fn trapForTests(in_state: bool) {
        if in_state {
            crate::state::live::with(|_| panic!("a trap, on purpose"));
        }
        panic!("a trap, on purpose");
    }

    /// How many times the instance was entered: only in the `trap-for-tests` build, for
    /// tests/stress/guards.test.mjs.
    #[cfg(feature = "trap-for-tests")]
    fn entries() -> u32 {
        instance::ENTRIES.with(|e| e.get())
    }
}

// The watch's questions, asked of an instance that may be broken: these two do not enter it.

/// Whether this instance must be replaced, with `open` the calls the page has in progress.
#[wasm_bindgen]
pub fn needsRenewal(open: u32) -> bool {
    instance::needs_renewal(open)
}

/// Asks wasm-bindgen for a fresh instance at the next call.
#[wasm_bindgen]
pub fn renew() {
    instance::renew();
}
