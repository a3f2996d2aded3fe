//! What loading the bundle puts on the page's `connect` global.

use crate::agent_api::{self, AgentMethod};
use crate::core::validation::REFERENCE_TYPES;
use crate::js;
use crate::session;
use crate::global::Global;
#[allow(unused_imports)]
use crate::prelude::*;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// This build's version, `connect.TaskJS.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Installs `connect.TaskSession`, `connect.ReferenceType` and `connect.TaskJS` (creating the
/// `connect` global if Streams has not yet), and returns the module's exports
/// `{TaskSession, ReferenceType, version}`.
#[wasm_bindgen]
pub fn install() -> Object {
    crate::core::task_request::set_unicode_upper(agent_api::js_upper);
    let connect = connect_global();

    // Every closure handed to JavaScript is `Fn`: JavaScript may call it again while it runs.
    let create = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(|args| {
        install_agent_methods();
        session::create(args)
    });
    let task_session = Object::new();
    js::set(&task_session, "create", &create.into_js_value());

    let reference_type = Object::new();
    for t in REFERENCE_TYPES {
        js::set(&reference_type, t, &t.into());
    }

    let task_js = Object::new();
    js::set(&task_js, "version", &VERSION.into());
    let stats = Closure::<dyn Fn() -> JsValue>::new(|| stats().into()).into_js_value();
    js::set(&task_js, "stats", &stats);

    js::set(&connect, "TaskSession", &task_session);
    js::set(&connect, "ReferenceType", &reference_type);
    js::set(&connect, "TaskJS", &task_js);

    if !install_agent_methods() {
        // Loaded before Streams: install the moment Streams assigns `connect.Agent`, and try
        // again once the page has loaded the rest of its scripts.
        watch_for_agent(&connect);
        let retry = Closure::<dyn Fn()>::new(|| {
            install_agent_methods();
        })
        .into_js_value();
        for event in ["DOMContentLoaded", "load"] {
            let _ = js::add_event_listener(event, retry.unchecked_ref());
        }
    }

    let exports = Object::new();
    js::set(&exports, "TaskSession", &task_session);
    js::set(&exports, "ReferenceType", &reference_type);
    js::set(&exports, "version", &VERSION.into());
    exports
}

/// `connect.TaskJS.stats()`: diagnostics for leak hunting — `{sessions, connectedSessions,
/// attachedManagers, heapBytesInUse}` (the last only in the release build, with our allocator).
fn stats() -> Object {
    let (sessions, connected, attached) = crate::registry::with(|r| {
        let connected = r.sessions.values().filter(|s| s.bound_to.is_some()).count();
        let attached = r.bindings.iter().filter(|b| b.attached.is_some()).count();
        (r.sessions.len(), connected, attached)
    });
    let out = Object::new();
    js::set(&out, "sessions", &(sessions as u32).into());
    js::set(&out, "connectedSessions", &(connected as u32).into());
    js::set(&out, "attachedManagers", &(attached as u32).into());
    #[cfg(not(feature = "std"))]
    js::set(&out, "heapBytesInUse", &(crate::runtime::ALLOCATOR.bytes_in_use() as u32).into());
    out
}

/// `globalThis.connect`, created as `{}` when it does not exist yet (Streams reuses it).
pub fn connect_global() -> Object {
    let global = js::global();
    let existing = js::get(&global, "connect");
    if existing.is_object() {
        return existing.unchecked_into();
    }
    let connect = Object::new();
    let _ = Reflect::set(&global, &"connect".into(), &connect);
    connect
}

/// Makes `connect.Agent` a one-shot setter: Streams' `connect.Agent = Agent` turns it back
/// into a plain property holding Streams' class, then the agent methods are installed.
fn watch_for_agent(connect: &Object) {
    let target = connect.clone();
    let set = Closure::<dyn Fn(JsValue)>::new(move |agent: JsValue| {
        js::define_value(&target, js::name("Agent"), &agent);
        install_agent_methods();
    });
    let accessor = Object::new();
    js::set(&accessor, "configurable", &JsValue::TRUE);
    js::set(&accessor, "set", &set.into_js_value());
    let _ = Reflect::define_property(connect, &"Agent".into(), &accessor);
}

/// The agent method functions, created once (installation may be attempted many times).
static AGENT_METHODS: Global<Vec<(&'static str, JsValue)>> = Global::new();

/// Puts the agent methods on `connect.Agent.prototype` where Streams has not defined them.
/// Returns `false` while Streams (`connect.Agent`) is not loaded yet.
pub fn install_agent_methods() -> bool {
    static INSTALLED: Global<::core::cell::Cell<bool>> = Global::new();
    let installed = INSTALLED.get(Default::default);
    if installed.get() {
        return true;
    }
    let prototype = js::get(&js::get(&connect_global(), "Agent"), "prototype");
    if !prototype.is_object() {
        return false;
    }
    let methods = AGENT_METHODS.get(|| {
        AgentMethod::ALL
            .iter()
            .map(|&m| {
                let f = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
                    move |arg, callbacks| agent_api::run(m, arg, callbacks),
                );
                (m.name(), f.into_js_value())
            })
            .collect()
    });
    for (name, f) in methods {
        if js::get(&prototype, name).is_undefined() {
            let _ = Reflect::set(&prototype, js::name(name), f);
        }
    }
    installed.set(true);
    true
}
