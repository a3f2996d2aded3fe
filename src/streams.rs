//! Typed bindings to what the page gives us: Streams' objects, bound duck-typed (any object with
//! these methods will do, as in wasm-bindgen's duck-typed-interfaces example), and the few
//! built-ins that js-sys binds in a way we cannot use here.
//!
//! Everything that can run page code is `catch`: a JavaScript exception (a throwing getter, a
//! revoked proxy, a broken manager) becomes an `Err` instead of unwinding through Rust, and
//! through Streams, which called us.

use js_sys::{Array, Function, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// Streams' `connect` global.
    pub type Connect;
    #[wasm_bindgen(method, catch, structural, js_name = getLog)]
    pub fn get_log(this: &Connect) -> Result<Logger, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = assertNotNull)]
    pub fn assert_not_null(this: &Connect, value: &JsValue, label: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter)]
    pub fn core(this: &Connect) -> Result<Core, JsValue>;

    /// `connect.core`.
    pub type Core;
    #[wasm_bindgen(method, catch, structural, js_name = getClient)]
    pub fn get_client(this: &Core) -> Result<Client, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = getAgentDataProvider)]
    pub fn get_agent_data_provider(this: &Core) -> Result<AgentDataProvider, JsValue>;

    /// `connect.core.getClient()`: sends requests to the CCP.
    pub type Client;
    #[wasm_bindgen(method, catch, structural)]
    pub fn call(this: &Client, method: &JsValue, params: &JsValue, callbacks: &JsValue) -> Result<JsValue, JsValue>;

    /// `connect.core.getAgentDataProvider()`.
    pub type AgentDataProvider;
    #[wasm_bindgen(method, catch, structural, js_name = getInstanceId)]
    pub fn get_instance_id(this: &AgentDataProvider) -> Result<JsValue, JsValue>;

    /// `connect.getLog()`, and what its `error(...)` returns.
    pub type Logger;
    #[wasm_bindgen(method, catch, structural)]
    pub fn error(this: &Logger, component: &str, text: &str, arg: &JsValue) -> Result<LogEntry, JsValue>;
    pub type LogEntry;
    #[wasm_bindgen(method, catch, structural, js_name = withException)]
    pub fn with_exception(this: &LogEntry, exception: &JsValue) -> Result<JsValue, JsValue>;

    /// A websocket manager: Streams' `WebSocketProvider` (`connect.core.getWebSocketManager()`).
    /// Each `onX` returns a function that removes the callback again.
    pub type WebSocketManager;
    #[wasm_bindgen(method, catch, structural, js_name = subscribeTopics)]
    pub fn subscribe_topics(this: &WebSocketManager, topics: &Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = onMessage)]
    pub fn on_message(this: &WebSocketManager, topic: &JsValue, callback: &Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = onConnectionGain)]
    pub fn on_connection_gain(this: &WebSocketManager, callback: &Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = onConnectionLost)]
    pub fn on_connection_lost(this: &WebSocketManager, callback: &Function) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = onInitFailure)]
    pub fn on_init_failure(this: &WebSocketManager, callback: &Function) -> Result<JsValue, JsValue>;

    /// A websocket message, `{topic, content}`.
    pub type SocketMessage;
    #[wasm_bindgen(method, catch, structural, getter)]
    pub fn content(this: &SocketMessage) -> Result<JsValue, JsValue>;

    /// The parsed content of an `aws/task` message (its getters may be a polluted prototype's).
    pub type TaskMessage;
    #[wasm_bindgen(method, catch, structural, getter = InitialContactId)]
    pub fn initial_contact_id(this: &TaskMessage) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter = ContactId)]
    pub fn contact_id(this: &TaskMessage) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter = ContentType)]
    pub fn content_type(this: &TaskMessage) -> Result<JsValue, JsValue>;

    /// What `TaskSession.create` is given.
    pub type CreateArgs;
    #[wasm_bindgen(method, catch, structural, getter = contactId)]
    pub fn contact_id(this: &CreateArgs) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter = initialContactId)]
    pub fn initial_contact_id(this: &CreateArgs) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter = websocketManager)]
    pub fn websocket_manager(this: &CreateArgs) -> Result<JsValue, JsValue>;

    /// A `Map` from values to small integers.
    #[wasm_bindgen(extends = js_sys::Map)]
    pub type IdMap;
    #[wasm_bindgen(method, js_name = get)]
    pub fn id(this: &IdMap, key: &JsValue) -> Option<u32>;

    // js-sys binds these with `&str` (copying every message into wasm memory and back) or
    // without `catch` (a proxy's trap may throw).
    /// `JSON.parse(text)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;
    /// `Object.keys(value)`.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    /// `Array.isArray(value)`.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// A promise, for `then` with a function (js-sys's takes a closure, and a closure belongs
    /// to one instance: see `recovery.rs`).
    #[wasm_bindgen(extends = js_sys::Promise)]
    pub type Thenable;
    #[wasm_bindgen(method)]
    pub fn then(this: &Thenable, f: &JsValue) -> js_sys::Promise;
}

/// Calls `f` (a function, not a closure) a microtask later; the promise resolves with what it
/// returns.
pub fn in_a_microtask(f: &JsValue) -> js_sys::Promise {
    js_sys::Promise::resolve(&JsValue::UNDEFINED).unchecked_into::<Thenable>().then(f)
}

/// `globalThis[name]`, or `undefined` when reading it throws.
pub fn global(name: &str) -> JsValue {
    Reflect::get(&js_sys::global(), &name.into()).unwrap_or_default()
}

/// `obj[key]` for any value: `undefined` for a primitive or when the read throws.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() && !obj.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &key.into()).unwrap_or_default()
}

/// The `connect` global as it is now (a page or a test may replace it).
pub fn connect() -> Connect {
    global("connect").unchecked_into()
}

/// Logs an error through Streams' logger, component `task` (as the JavaScript library does),
/// with `%s` in `text` filled with `arg`. Without Streams there is nothing to log to.
pub fn log_error(text: &str, arg: &JsValue, exception: Option<&JsValue>) {
    let Ok(entry) = connect().get_log().and_then(|log| log.error("task", text, arg)) else { return };
    if let Some(exception) = exception {
        let _ = entry.with_exception(exception);
    }
}

/// Defines `obj[key]` as a plain own data property, whatever was there: also replaces an
/// accessor, and also works for the key `__proto__`. Fails silently where the page forbids it.
pub fn define_value(obj: &Object, key: &str, value: &JsValue) {
    let descriptor = Object::new();
    for (k, v) in [("value", value), ("writable", &JsValue::TRUE), ("enumerable", &JsValue::TRUE), ("configurable", &JsValue::TRUE)] {
        let _ = Reflect::set(&descriptor, &k.into(), v);
    }
    let _ = Reflect::define_property(obj, &key.into(), &descriptor);
}
