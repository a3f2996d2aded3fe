//! The page's timers, for requests that get no answer (gloo-timers' are closures, which belong
//! to one instance: these call the shim's forwarders).

use crate::sys::builtins::get;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue) -> Result<(), JsValue>;
}

/// Calls `handler` in `ms` milliseconds; the timer does not keep a Node process alive (`unref`
/// where it exists). `None` where there are no timers.
pub fn start(handler: &Function, ms: f64) -> Option<JsValue> {
    let handle = set_timeout(handler, ms).ok()?;
    if let Ok(unref) = get(&handle, "unref").dyn_into::<Function>() {
        let _ = unref.call0(&handle);
    }
    Some(handle)
}

/// Stops a timer [`start`] made.
pub fn stop(handle: &JsValue) {
    let _ = clear_timeout(handle);
}
