//! A websocket manager (Streams' `WebSocketProvider`, `connect.core.getWebSocketManager()`) and
//! what it delivers.

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
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
}
