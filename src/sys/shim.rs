//! The functions the page holds, made by `js/shim.js`: each forwards to one of the module's
//! exports, so it reaches whichever WebAssembly instance is current (a closure made in Rust would
//! belong to one instance, and wasm-bindgen refuses to call it after a recovery).

use crate::core::events::TaskEvent;
use crate::core::settlement::Answer;
use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The loader's shim for the module's exports (`makeShim` in `js/shim.js`, handed to
    /// `install`).
    #[derive(Clone)]
    pub type Shim;
    /// A session object for session `id`.
    #[wasm_bindgen(method)]
    pub fn session(this: &Shim, id: u32) -> Object;
    /// The prototype every session object shares.
    #[wasm_bindgen(method, getter, js_name = sessionPrototype)]
    pub fn session_prototype(this: &Shim) -> Object;
    /// The session method that subscribes to `event` (`onMessage` & co.).
    #[wasm_bindgen(method)]
    pub fn hook(this: &Shim, event: TaskEvent) -> Function;
    /// What `session.onX` returns: removes that subscription.
    #[wasm_bindgen(method)]
    pub fn unsubscribe(this: &Shim, id: u32, subscription: u32) -> Function;
    /// `connect()`'s microtask: fires CONNECTION_ESTABLISHED with `result`, returns it.
    #[wasm_bindgen(method)]
    pub fn established(this: &Shim, id: u32, result: &JsValue) -> Function;
    /// The `FinalizationRegistry` callback: a session's object was collected.
    #[wasm_bindgen(method, getter)]
    pub fn collected(this: &Shim) -> Function;
    /// Our `onMessage` callback on websocket manager `manager`.
    #[wasm_bindgen(method, js_name = onMessage)]
    pub fn on_message(this: &Shim, manager: u32) -> Function;
    /// Our connection callback on websocket manager `manager`, for `event`.
    #[wasm_bindgen(method, js_name = onConnection)]
    pub fn on_connection(this: &Shim, manager: u32, event: TaskEvent) -> Function;
    /// A guarded `success` or `failure` of request `request`.
    #[wasm_bindgen(method)]
    pub fn settle(this: &Shim, request: &JsValue, answer: Answer) -> Function;
    /// A promise with its own callbacks: `{promise, success, failure}`.
    #[wasm_bindgen(method)]
    pub fn deferred(this: &Shim) -> JsValue;
    /// An instance of the error class `name` (`TaskValidationError`, `TaskTimeoutError`,
    /// `TaskServiceError`), shared by every copy of the bundle on the page.
    #[wasm_bindgen(method)]
    pub fn error(this: &Shim, name: &str, message: &str, fields: &Object) -> JsValue;
    /// The page's configuration, shared by every copy of the bundle on the page.
    #[wasm_bindgen(method, getter)]
    pub fn config(this: &Shim) -> Config;

    /// `setGlobalConfig`'s settings.
    pub type Config;
    #[wasm_bindgen(method, getter, js_name = requestTimeoutMs)]
    pub fn request_timeout_ms(this: &Config) -> Option<f64>;
    #[wasm_bindgen(method, setter, js_name = requestTimeoutMs)]
    pub fn set_request_timeout_ms(this: &Config, ms: f64);
    /// Request `request`'s timeout.
    #[wasm_bindgen(method, js_name = timedOut)]
    pub fn timed_out(this: &Shim, request: &JsValue) -> Function;
    /// A recovery's report, a microtask after it.
    #[wasm_bindgen(method)]
    pub fn recovered(this: &Shim, sessions: u32) -> Function;
}
