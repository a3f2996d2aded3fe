//! The page's built-ins that js-sys binds in a way we cannot use here (with `&str`, copying
//! every message into wasm memory and back; or without `catch`, where a proxy's trap may
//! throw), and small helpers on js-sys's.

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse(text)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;
    /// `Object.keys(value)`.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    /// `Object.prototype.toString.call(value)`: `"[object Map]"` and the like.
    #[wasm_bindgen(catch, js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    pub fn object_tag(value: &JsValue) -> Result<JsString, JsValue>;
    /// `Array.isArray(value)`.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// A `Map` from values to small integers.
    #[wasm_bindgen(extends = js_sys::Map)]
    pub type IdMap;
    #[wasm_bindgen(method, js_name = get)]
    pub fn id(this: &IdMap, key: &JsValue) -> Option<u32>;

    /// A promise, for `then` with a function (js-sys's takes a closure, and a closure belongs to
    /// one instance: see `state/instance.rs`).
    #[wasm_bindgen(extends = js_sys::Promise)]
    pub type Thenable;
    #[wasm_bindgen(method)]
    pub fn then(this: &Thenable, f: &JsValue) -> js_sys::Promise;
}

/// Calls `f` (a function, not a closure) a microtask later; the promise resolves with what it
/// returns.
pub fn in_a_microtask(f: &JsValue) -> js_sys::Promise {
    use wasm_bindgen::JsCast;
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

/// Defines `obj[key]` as a plain own data property, whatever was there: also replaces an
/// accessor, and also works for the key `__proto__`. Fails silently where the page forbids it.
pub fn define_value(obj: &Object, key: &str, value: &JsValue) {
    let descriptor = object(&[("value", value.clone()), ("writable", JsValue::TRUE), ("enumerable", JsValue::TRUE), ("configurable", JsValue::TRUE)]);
    let _ = Reflect::define_property(obj, &key.into(), &descriptor);
}

/// A plain object with these entries.
pub fn object(entries: &[(&str, JsValue)]) -> Object {
    let out = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&out, &(*key).into(), value);
    }
    out
}
