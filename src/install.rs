//! What loading the bundle puts on the page: `connect.TaskSession`, `connect.ReferenceType`,
//! `connect.TaskJS`, and the agent methods on `connect.Agent.prototype` (now, or as soon as
//! Streams is there).

use crate::agent::AgentMethod;
use crate::core::validation::REFERENCE_TYPES;
use crate::streams::{self, define_value};
use crate::{heap, registry, session};
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
/// the module's exports, `{TaskSession, ReferenceType, version}`.
#[wasm_bindgen]
pub fn install() -> JsValue {
    let connect = connect_global();
    let task_session = object(&[("create", create_function())]);
    let reference_type = object(&REFERENCE_TYPES.map(|t| (t, t.into())));
    let stats = streams::function(|_, _| Ok(stats()));
    let task_js = object(&[("version", VERSION.into()), ("stats", stats)]);
    for (key, value) in [("TaskSession", &task_session), ("ReferenceType", &reference_type), ("TaskJS", &task_js)] {
        let _ = Reflect::set(&connect, &key.into(), value); // a frozen `connect` keeps what it has
    }
    if !install_agent_methods() {
        install_when_streams_loads(&connect);
    }
    object(&[("TaskSession", task_session.into()), ("ReferenceType", reference_type.into()), ("version", VERSION.into())])
        .into()
}

/// `connect.TaskSession.create`. It also installs the agent methods if that is still pending
/// (a backstop for pages that load Streams in unusual ways).
fn create_function() -> JsValue {
    streams::function(|args, _| {
        install_agent_methods();
        session::create(&args).map(JsValue::from)
    })
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
fn install_agent_methods() -> bool {
    if AGENT_METHODS_INSTALLED.get() {
        return true;
    }
    let prototype = streams::get(&streams::get(&streams::global("connect"), "Agent"), "prototype");
    if !prototype.is_object() {
        return false;
    }
    for method in AgentMethod::ALL {
        if streams::get(&prototype, method.name()).is_undefined() {
            let _ = Reflect::set(&prototype, &method.name().into(), &method.function());
        }
    }
    AGENT_METHODS_INSTALLED.set(true);
    true
}

/// Loaded before Streams: installs the moment Streams assigns `connect.Agent` (a one-shot
/// setter that turns back into a plain property), and tries again when the page's
/// `DOMContentLoaded` and `load` events come.
fn install_when_streams_loads(connect: &Object) {
    let target = connect.clone();
    let setter = streams::function(move |agent, _| {
        define_value(&target, "Agent", &agent);
        install_agent_methods();
        Ok(JsValue::UNDEFINED)
    });
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

/// `connect.TaskJS.stats()`: diagnostics for leak hunting.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stats {
    sessions: usize,
    connected_sessions: usize,
    attached_managers: usize,
    heap_bytes_in_use: usize,
}

fn stats() -> JsValue {
    let stats = registry::with(|r| Stats {
        sessions: r.sessions.len(),
        connected_sessions: r.sessions.values().filter(|s| s.bound_to.is_some()).count(),
        attached_managers: r.bindings.iter().filter(|b| b.attached.is_some()).count(),
        heap_bytes_in_use: heap::bytes_in_use(),
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
