//! Every way JavaScript calls into the module: exported functions, which the page gets bound
//! to their ids (`connect.TaskSession.create`, a session's methods, the agent methods, what
//! each `onX` returns, our callbacks on websocket managers, `connect.TaskJS.stats`).
//!
//! Exported functions, rather than closures, because wasm-bindgen's exports call whichever
//! instance is current: after a failed call the module continues in a fresh instance
//! (`recovery.rs`), and the functions the page already holds keep working. The loader passes
//! them to `install` wrapped by `js/watch.js`, which notices calls that fail part way. Each
//! entry point first checks the stack and counts itself in progress (`recovery::entry_checks`).

use crate::agent::{self, AgentMethod};
use crate::core::events::TaskEvent;
use crate::ledger;
use crate::recovery::entry_checks;
use crate::{binding, install, session};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `connect.TaskSession.create(args)`.
#[wasm_bindgen(js_name = sessionCreate)]
pub fn session_create(args: JsValue) -> Result<JsValue, JsValue> {
    let _call = entry_checks();
    install::install_agent_methods(); // a backstop for pages that load Streams unusually
    session::create(&args)
}

/// `session.onX(callback)`, bound to the session and the event.
#[wasm_bindgen(js_name = sessionOn)]
pub fn session_on(id: u32, event: u32, callback: JsValue) -> Result<JsValue, JsValue> {
    let _call = entry_checks();
    let Some(&event) = TaskEvent::ALL.get(event as usize) else { return Ok(JsValue::UNDEFINED) };
    session::subscribe(id, event, callback)
}

/// What `session.onX` returned, bound to the session and the subscription.
#[wasm_bindgen(js_name = sessionOff)]
pub fn session_off(id: u32, subscription: u32) {
    let _call = entry_checks();
    session::unsubscribe(id, subscription);
}

/// `session.connect()`.
#[wasm_bindgen(js_name = sessionConnect)]
pub fn session_connect(id: u32) -> Promise {
    let _call = entry_checks();
    session::connect(id)
}

/// `connect()`'s microtask, bound to the session and what the promise resolves with.
#[wasm_bindgen(js_name = sessionEstablished)]
pub fn session_established(id: u32, result: JsValue) -> JsValue {
    let _call = entry_checks();
    session::established(id, &result);
    result
}

/// A recovery's report, a microtask after it (`recovery.rs`), bound to the sessions restored.
#[wasm_bindgen(js_name = recoveryReport)]
pub fn recovery_report(sessions: u32) {
    let _call = entry_checks();
    crate::recovery::report(sessions);
}

/// `session.cleanUp()`.
#[wasm_bindgen(js_name = sessionCleanUp)]
pub fn session_clean_up(id: u32) {
    let _call = entry_checks();
    session::clean_up(id);
}

/// The page dropped session `id`'s object (a `FinalizationRegistry` callback).
#[wasm_bindgen(js_name = sessionCollected)]
pub fn session_collected(id: u32) {
    let _call = entry_checks();
    session::collected(id);
}

/// `agent.createTask(...)` & co., bound to the method's index in `AgentMethod::ALL`.
#[wasm_bindgen(js_name = agentCall)]
pub fn agent_call(method: u32, input: JsValue, callbacks: JsValue) -> Result<JsValue, JsValue> {
    let _call = entry_checks();
    let Some(&method) = AgentMethod::ALL.get(method as usize) else { return Ok(JsValue::UNDEFINED) };
    agent::run(method, input, callbacks)
}

/// A guarded `success` (kind 0) or `failure` (1) of an agent call, bound to its state.
#[wasm_bindgen(js_name = agentSettle)]
pub fn agent_settle(state: JsValue, kind: u32, data: JsValue, extra: JsValue) {
    let _call = entry_checks();
    agent::settle(&state, kind, &data, &extra);
}

/// An `aws/task` message from a websocket manager, bound to the manager's binding.
#[wasm_bindgen(js_name = deliverMessage)]
pub fn deliver_message(binding: u32, message: JsValue) {
    let _call = entry_checks();
    binding::deliver_message(binding, &message);
}

/// A websocket connection event, bound to the binding and the event.
#[wasm_bindgen(js_name = connectionEvent)]
pub fn connection_event(binding: u32, event: u32) {
    let _call = entry_checks();
    if let Some(&event) = TaskEvent::ALL.get(event as usize) {
        binding::deliver_connection_event(binding, event);
    }
}

/// The one-shot setter on `connect.Agent` of the late install, bound to `connect`.
#[wasm_bindgen(js_name = agentAssigned)]
pub fn agent_assigned(connect: JsValue, agent: JsValue) {
    let _call = entry_checks();
    install::agent_assigned(&connect, &agent);
}

/// `connect.TaskJS.stats()`.
#[wasm_bindgen]
pub fn stats() -> JsValue {
    let _call = entry_checks();
    install::stats()
}

/// The exported functions above, as the page's JavaScript sees them (wasm-bindgen's wrappers,
/// from the module's exports the loader passed to `install`).
pub struct Glue {
    pub session_create: Function,
    pub session_on: Function,
    pub session_off: Function,
    pub session_connect: Function,
    pub session_established: Function,
    pub session_clean_up: Function,
    pub session_collected: Function,
    pub agent_call: Function,
    pub agent_settle: Function,
    pub deliver_message: Function,
    pub connection_event: Function,
    pub agent_assigned: Function,
    pub recovery_report: Function,
    pub stats: Function,
}

thread_local! {
    static GLUE: Glue = Glue::load();
}

impl Glue {
    fn load() -> Glue {
        let exports = ledger::with(|l| l.glue()).unwrap_or_default();
        let get = |name: &str| -> Function {
            // (Always a function with the bundle's loader.)
            Reflect::get(&exports, &name.into()).unwrap_or_default().unchecked_into()
        };
        Glue {
            session_create: get("sessionCreate"),
            session_on: get("sessionOn"),
            session_off: get("sessionOff"),
            session_connect: get("sessionConnect"),
            session_established: get("sessionEstablished"),
            session_clean_up: get("sessionCleanUp"),
            session_collected: get("sessionCollected"),
            agent_call: get("agentCall"),
            agent_settle: get("agentSettle"),
            deliver_message: get("deliverMessage"),
            connection_event: get("connectionEvent"),
            agent_assigned: get("agentAssigned"),
            recovery_report: get("recoveryReport"),
            stats: get("stats"),
        }
    }
}

/// Runs `f` with the exported functions.
pub fn glue<R>(f: impl FnOnce(&Glue) -> R) -> R {
    GLUE.with(f)
}

/// `f` bound to one argument.
pub fn bind1(f: &Function, a: &JsValue) -> JsValue {
    f.bind1(&JsValue::UNDEFINED, a).into()
}

/// `f` bound to two arguments.
pub fn bind2(f: &Function, a: &JsValue, b: &JsValue) -> JsValue {
    f.bind2(&JsValue::UNDEFINED, a, b).into()
}

/// Panics on purpose (a trap), with the registry borrowed when `in_registry` (the worst
/// moment): only in the `trap-for-tests` build, for tests/stress/recovery.test.mjs.
#[cfg(feature = "trap-for-tests")]
#[wasm_bindgen(js_name = trapForTests)]
pub fn trap_for_tests(in_registry: bool) {
    let _call = entry_checks();
    if in_registry {
        crate::registry::with(|_| panic!("a trap, on purpose"));
    }
    panic!("a trap, on purpose");
}
