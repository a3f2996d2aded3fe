//! What loading the bundle puts on the page: `connect.TaskSession`, `connect.ReferenceType`,
//! `connect.TaskJS`, and the agent methods on `connect.Agent.prototype` (now, or as soon as
//! Streams is there). Every function among them is one of the shim's forwarders (`js/shim.js`).

use crate::api::page;
use crate::core::agent_method::AgentMethod;
use crate::core::events::TaskEvent;
use crate::core::validation::ReferenceType;
use crate::runtime::heap;
use crate::state::{live, record};
use crate::sys::builtins::{define_value, get, global, object};
use crate::sys::shim::Shim;
use js_sys::{Object, Reflect};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// This build's version, `connect.TaskJS.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

thread_local! {
    static AGENT_METHODS_INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Installs everything on `connect` (creating the global if Streams has not yet) and returns
/// the module's exports, `{TaskSession, ReferenceType, version, validateTask}` and the error
/// classes. `shim` is the loader's, whose forwarders reach the module's exports.
pub fn install(shim: Shim) -> JsValue {
    let page = match record::current() {
        Some(page) => page,
        None => {
            let page = record::create(shim);
            add_session_hooks(page.shim());
            page
        }
    };
    let shim = page.shim();
    let connect = connect_global();
    let task_session = object(&[("create", shim.create().into()), ("setGlobalConfig", shim.set_global_config().into())]);
    let reference_type = object(&ReferenceType::ALL.map(|t| (t.name(), t.name().into())));
    let validate_task: JsValue = shim.validate_task().into();
    let task_js = object(&[("version", VERSION.into()), ("stats", shim.stats().into()), ("validateTask", validate_task.clone())]);
    let _ = Object::assign(&task_js, &shim.errors());
    #[cfg(feature = "trap-for-tests")]
    for (key, name) in [("__trap", "trapForTests"), ("__entries", "entries"), ("__exports", "")] {
        let exports = get(shim, "exports");
        let value = if name.is_empty() { exports.clone() } else { get(&exports, name) };
        let _ = Reflect::set(&task_js, &key.into(), &value);
    }
    for (key, value) in [("TaskSession", &task_session), ("ReferenceType", &reference_type), ("TaskJS", &task_js)] {
        let _ = Reflect::set(&connect, &key.into(), value); // a frozen `connect` keeps what it has
    }
    if !install_agent_methods() {
        install_when_streams_loads(shim, &connect);
    }
    let exports = [
        ("TaskSession", task_session.into()),
        ("ReferenceType", reference_type.into()),
        ("version", VERSION.into()),
        ("validateTask", validate_task),
    ];
    Object::assign(&object(&exports), &shim.errors()).into()
}

/// The session hooks (`onTransferInitiated` ... `onConnectionLost`), one per event of the
/// core's table, on the prototype every session object shares.
fn add_session_hooks(shim: &Shim) {
    let prototype = shim.session_prototype();
    for event in TaskEvent::ALL {
        let descriptor = object(&[("value", shim.hook(event).into()), ("writable", JsValue::TRUE), ("configurable", JsValue::TRUE)]);
        let _ = Reflect::define_property(&prototype, &event.hook().into(), &descriptor);
    }
}

/// `globalThis.connect`, created as `{}` when it does not exist yet (Streams reuses it).
fn connect_global() -> Object {
    let connect = global("connect");
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
    let prototype = get(&get(&global("connect"), "Agent"), "prototype");
    if !prototype.is_object() {
        return false;
    }
    let page = page();
    let shim = page.shim();
    for method in AgentMethod::ALL {
        if get(&prototype, method.name()).is_undefined() {
            let _ = Reflect::set(&prototype, &method.name().into(), &shim.agent_method(method));
        }
    }
    AGENT_METHODS_INSTALLED.set(true);
    true
}

/// Loaded before Streams: installs the moment Streams assigns `connect.Agent` (a one-shot
/// setter that turns back into a plain property), and tries again when the page's
/// `DOMContentLoaded` and `load` events come. Each is one of the shim's forwarders, which
/// reach whichever instance is current (gloo-events' listeners are closures of one instance).
fn install_when_streams_loads(shim: &Shim, connect: &Object) {
    let descriptor = object(&[("configurable", JsValue::TRUE), ("set", shim.agent_assigned(connect).into())]);
    let _ = Reflect::define_property(connect, &"Agent".into(), &descriptor);

    let Some(window) = web_sys::window() else { return }; // Node: no page events
    if window.document().is_some_and(|d| d.ready_state() == "complete") {
        return;
    }
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    for event in ["DOMContentLoaded", "load"] {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(event, &shim.page_event(), &once);
    }
}

/// Streams assigned `connect.Agent` (the setter above).
pub fn agent_assigned(connect: &JsValue, agent: &JsValue) {
    define_value(connect.unchecked_ref(), "Agent", agent);
    install_agent_methods();
}

/// `connect.TaskJS.stats()`: diagnostics for leak hunting, `{sessions, connectedSessions,
/// attachedManagers, heapBytesInUse, recoveries}` (`recoveries`: how many times a failed call
/// was recovered from with a fresh instance).
pub fn stats() -> JsValue {
    let page = page();
    let (sessions, connected) = live::with(|l| l.counts());
    let attached = page.each_manager().iter().filter(|m| crate::api::manager::registered(m)).count();
    let stats = [
        ("sessions", sessions as u32),
        ("connectedSessions", connected as u32),
        ("attachedManagers", attached as u32),
        ("heapBytesInUse", heap::bytes_in_use() as u32),
        ("recoveries", page.recoveries()),
    ];
    object(&stats.map(|(k, v)| (k, v.into()))).into()
}
