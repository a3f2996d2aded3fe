//! The JavaScript this crate calls: Streams' logger and websocket manager, and small helpers.
//!
//! Every import that can throw is declared `catch`, so a JavaScript exception becomes an `Err`
//! here instead of unwinding through Rust (and through Streams, which calls us).

use js_sys::{Function, Object, Reflect};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::global::Global;
use ::core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// Streams' logger, `connect.getLog()`.
    pub type Logger;
    #[wasm_bindgen(js_namespace = connect, js_name = getLog, catch)]
    fn get_log() -> Result<Logger, JsValue>;
    #[wasm_bindgen(method, catch, js_name = error)]
    fn error2(this: &Logger, component: &str, text: &str, arg: &JsValue) -> Result<LogEntry, JsValue>;
    pub type LogEntry;
    #[wasm_bindgen(method, catch, js_name = withException)]
    fn with_exception(this: &LogEntry, e: &JsValue) -> Result<JsValue, JsValue>;

    /// The websocket manager Streams hands to `TaskSession.create` (its `WebSocketProvider`).
    pub type WebSocketManager;
    #[wasm_bindgen(method, catch, js_name = subscribeTopics)]
    pub fn subscribe_topics(this: &WebSocketManager, topics: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = onMessage)]
    pub fn on_message(this: &WebSocketManager, topic: &JsValue, f: &Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = onConnectionGain)]
    pub fn on_connection_gain(this: &WebSocketManager, f: &Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = onConnectionLost)]
    pub fn on_connection_lost(this: &WebSocketManager, f: &Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = onInitFailure)]
    pub fn on_init_failure(this: &WebSocketManager, f: &Function) -> Result<JsValue, JsValue>;
}

/// Streams' log component for tasks (`connect.LogComponent.TASK`).
const TASK: &str = "task";

/// Logs an error (its text may use one `%s`, filled with `arg`) and, if given, the exception
/// that caused it.
pub fn log_error(text: &str, arg: &JsValue, exception: Option<&JsValue>) {
    if let Ok(entry) = get_log().and_then(|log| log.error2(TASK, text, arg)) {
        if let Some(e) = exception {
            let _ = entry.with_exception(e);
        }
    }
}

/// The JavaScript string for a string literal of this crate, created once: making a JS
/// string from Rust goes through `TextDecoder`, which adds up on paths like session creation.
pub fn name(s: &'static str) -> &'static JsValue {
    static NAMES: Global<RefCell<Vec<(usize, &'static JsValue)>>> = Global::new();
    let names = NAMES.get(Default::default);
    let address = s.as_ptr() as usize;
    if let Some((_, v)) = names.borrow().iter().find(|(a, _)| *a == address) {
        return v;
    }
    // Kept for the life of the module: one per distinct literal.
    let v: &'static JsValue = Box::leak(Box::new(JsValue::from_str(s)));
    names.borrow_mut().push((address, v));
    v
}

/// `obj[key]`, or `undefined` when reading throws (a hostile getter or proxy).
pub fn get(obj: &JsValue, key: &'static str) -> JsValue {
    Reflect::get(obj, name(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `value` as a function, if it is one (a `typeof` check: unlike `instanceof`, it cannot run
/// page code, such as a proxy's traps).
pub fn as_function(value: JsValue) -> Option<Function> {
    value.is_function().then(|| value.unchecked_into())
}

/// `obj[key] = value` on an object this crate created (cannot throw).
pub fn set(obj: &Object, key: &'static str, value: &JsValue) {
    let _ = Reflect::set(obj, name(key), value);
}

/// Defines `obj[key]` as a plain own data property (writable, enumerable, configurable),
/// whatever was there: also replaces an accessor, and also works for the key `__proto__`.
pub fn define_value(obj: &Object, key: &JsValue, value: &JsValue) {
    let desc = Object::new();
    for flag in ["writable", "enumerable", "configurable"] {
        set(&desc, flag, &JsValue::TRUE);
    }
    set(&desc, "value", value);
    let _ = Reflect::define_property(obj, key, &desc);
}

/// `promise.then(f)` where `f`'s return value resolves the new promise.
pub fn then_returning(promise: &js_sys::Promise, f: &JsValue) -> js_sys::Promise {
    let then: Function = get(promise, "then").unchecked_into();
    then.call1(promise, f)
        .map(JsCast::unchecked_into)
        .unwrap_or_else(|e| js_sys::Promise::reject(&e))
}

/// `addEventListener(event, f, {once: true})` on the global object (the window).
pub fn add_event_listener(event: &str, f: &Function) -> Result<JsValue, JsValue> {
    let once = Object::new();
    set(&once, "once", &JsValue::TRUE);
    let Some(add) = as_function(get(&global(), "addEventListener")) else {
        return Ok(JsValue::UNDEFINED);
    };
    add.call3(&global(), &event.into(), f, &once)
}

/// The page's global object (`window` in a browser).
pub fn global() -> Object {
    js_sys::global()
}
