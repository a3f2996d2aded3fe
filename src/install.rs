//! What loading the bundle puts on the page: `connect.TaskSession`, `connect.ReferenceType`,
//! `connect.TaskJS`, and the agent methods on `connect.Agent.prototype` (now, or as soon as
//! Streams is there). Every function among them is one of the module's exported functions,
//! bound where it needs to be (`entry.rs`).

use crate::agent::AgentMethod;
use crate::core::validation::REFERENCE_TYPES;
use crate::entry::{bind1, glue};
use crate::ledger::{self, Counter};
use crate::streams::{self, define_value};
use crate::{heap, registry};
use gloo_events::EventListener;
use js_sys::{Object, Reflect};
use serde::Serialize;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// This build's version, `connect.TaskJS.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

thread_local! {
    static AGENT_METHODS_INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Installs everything on `connect` (creating the global if Streams has not yet) and returns
/// the module's exports, `{TaskSession, ReferenceType, version}`. `exports` are the module's
/// own (wasm-bindgen's JavaScript), which the loader passes in.
#[wasm_bindgen]
pub fn install(exports: JsValue) -> JsValue {
    ledger::create(&exports);
    crate::recovery::installed();
    let connect = connect_global();
    let (create, stats) = glue(|g| (g.session_create.clone(), g.stats.clone()));
    let task_session = object(&[("create", create.into())]);
    let reference_type = object(&REFERENCE_TYPES.map(|t| (t, t.into())));
    let task_js = object(&[("version", VERSION.into()), ("stats", stats.into())]);
    #[cfg(feature = "trap-for-tests")]
    let _ = Reflect::set(&task_js, &"__trap".into(), &Reflect::get(&exports, &"trapForTests".into()).unwrap_or_default());
    for (key, value) in [("TaskSession", &task_session), ("ReferenceType", &reference_type), ("TaskJS", &task_js)] {
        let _ = Reflect::set(&connect, &key.into(), value); // a frozen `connect` keeps what it has
    }
    if !install_agent_methods() {
        install_when_streams_loads(&connect);
    }
    object(&[("TaskSession", task_session.into()), ("ReferenceType", reference_type.into()), ("version", VERSION.into())])
        .into()
}

/// `globalThis.connect`, created as `{}` when it does not exist yet (Streams reuses it).
fn connect_global() -> Object {
    let connect = streams::global("connect");
    if connect.is_object() {
        return connect.unchecked_into();
    }
    let created = Object::new();
    let _ = Reflect::set(&js_sys::global(), &"connect".into(), &created);
    created
}

/// Puts the agent methods on `connect.Agent.prototype` where Streams has not defined them.
/// Returns false while Streams (`connect.Agent`) is not loaded yet.
pub fn install_agent_methods() -> bool {
    if AGENT_METHODS_INSTALLED.get() {
        return true;
    }
    let prototype = streams::get(&streams::get(&streams::global("connect"), "Agent"), "prototype");
    if !prototype.is_object() {
        return false;
    }
    for (index, method) in AgentMethod::ALL.into_iter().enumerate() {
        if streams::get(&prototype, method.name()).is_undefined() {
            let function = glue(|g| bind1(&g.agent_call, &(index as u32).into()));
            let _ = Reflect::set(&prototype, &method.name().into(), &function);
        }
    }
    AGENT_METHODS_INSTALLED.set(true);
    true
}

/// Loaded before Streams: installs the moment Streams assigns `connect.Agent` (a one-shot
/// setter that turns back into a plain property), and tries again when the page's
/// `DOMContentLoaded` and `load` events come.
fn install_when_streams_loads(connect: &Object) {
    let setter = glue(|g| bind1(&g.agent_assigned, connect));
    let descriptor = object(&[("configurable", JsValue::TRUE), ("set", setter)]);
    let _ = Reflect::define_property(connect, &"Agent".into(), &descriptor);

    let Some(window) = web_sys::window() else { return }; // Node: no page events
    if window.document().is_some_and(|d| d.ready_state() == "complete") {
        return;
    }
    for event in ["DOMContentLoaded", "load"] {
        EventListener::once(&window, event, |_| {
            install_agent_methods();
        })
        .forget();
    }
}

/// Streams assigned `connect.Agent` (the setter above).
pub fn agent_assigned(connect: &JsValue, agent: &JsValue) {
    define_value(connect.unchecked_ref(), "Agent", agent);
    install_agent_methods();
}

/// `connect.TaskJS.stats()`: diagnostics for leak hunting.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stats {
    sessions: usize,
    connected_sessions: usize,
    attached_managers: usize,
    heap_bytes_in_use: usize,
    /// How many times a failed call was recovered from with a fresh instance.
    recoveries: u32,
}

pub fn stats() -> JsValue {
    let stats = registry::with(|r| Stats {
        sessions: r.sessions.len(),
        connected_sessions: r.sessions.values().filter(|s| s.bound_to.is_some()).count(),
        attached_managers: r.bindings.iter().filter(|b| b.attached.is_some()).count(),
        heap_bytes_in_use: heap::bytes_in_use(),
        recoveries: ledger::get(Counter::Recoveries),
    });
    stats.serialize(&serde_wasm_bindgen::Serializer::new()).unwrap_or_default()
}

/// A plain object with these entries.
fn object(entries: &[(&str, JsValue)]) -> Object {
    let out = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&out, &(*key).into(), value);
    }
    out
}
