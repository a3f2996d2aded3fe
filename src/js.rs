//! The JavaScript this crate calls: all of it is in `src/boundary.js`, the JavaScript half of
//! the shell.
//!
//! Every import that can run page code (a getter, a proxy trap, Streams' websocket manager)
//! is declared `catch`, so a JavaScript exception becomes an `Err` here instead of unwinding
//! through Rust (and through Streams, which calls us).

#[allow(unused_imports)]
use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    /// Puts `connect.TaskSession`, `connect.ReferenceType`, `connect.TaskJS` and the agent
    /// methods on the page; every call from them reaches `dispatch`. Returns the module's
    /// exports. The name lists are space-separated.
    pub fn install(
        dispatch: &JsValue,
        hooks: &str,
        events: &str,
        reference_types: &str,
        agent_methods: &str,
        version: &str,
    ) -> JsValue;

    /// `obj[key]`, or `undefined` when reading throws (a hostile getter or proxy) or `obj` is
    /// nullish.
    pub fn get(obj: &JsValue, key: &str) -> JsValue;
    /// `new Error(message)`, or `new TypeError(message)` when `type_error`.
    #[wasm_bindgen(js_name = newError)]
    fn new_error(message: &str, type_error: bool) -> JsValue;

    /// Calls a subscriber with `(data, eventName)`; logs what it throws.
    pub fn invoke(f: &JsValue, data: &JsValue, event: u32);

    // Routing: the values JavaScript looks up per message (see boundary.js).
    #[wasm_bindgen(js_name = internKey)]
    pub fn intern_key(value: &JsValue, id: u32);
    #[wasm_bindgen(js_name = forgetKey)]
    pub fn forget_key(value: &JsValue);
    #[wasm_bindgen(js_name = internContentType)]
    pub fn intern_content_type(value: &str, code: u32);

    // The websocket manager.
    #[wasm_bindgen(catch, js_name = subscribeTopic)]
    pub fn subscribe_topic(manager: &JsValue) -> Result<(), JsValue>;
    /// Registers binding `index`'s listeners; returns the manager's unsubscribe functions.
    #[wasm_bindgen(catch)]
    pub fn listen(manager: &JsValue, index: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = callAll)]
    pub fn call_all(functions: &JsValue);

    // Agent requests.
    pub fn at(list: &JsValue, i: u32) -> JsValue;
    #[wasm_bindgen(js_name = newArray)]
    pub fn new_array() -> JsValue;
    #[wasm_bindgen(js_name = newObject)]
    pub fn new_object() -> JsValue;
    pub fn push(list: &JsValue, value: &JsValue);
    #[wasm_bindgen(js_name = defineValue)]
    pub fn define_value(obj: &JsValue, key: &str, value: &JsValue);
    #[wasm_bindgen(catch)]
    pub fn send(method: &str, params: &JsValue, callbacks: &JsValue, needs_instance_id: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    pub fn fail(callbacks: &JsValue, error: &JsValue) -> Result<(), JsValue>;
    pub fn missing(label: &str) -> JsValue;
    #[wasm_bindgen(js_name = validationError)]
    pub fn validation_error(message: &str, field: &str) -> JsValue;
    #[wasm_bindgen(js_name = randomU32)]
    pub fn random_u32() -> u32;
    #[wasm_bindgen(js_name = upperCase)]
    pub fn upper_case(s: &str) -> String;
}

/// `new Error(message)`.
pub fn error(message: &str) -> JsValue {
    new_error(message, false)
}

/// `new TypeError(message)`.
pub fn type_error(message: &str) -> JsValue {
    new_error(message, true)
}
