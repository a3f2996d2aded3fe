//! Streams' logger, `connect.getLog()`: where TaskJS reports what it drops or survives.

use crate::sys::connect::{connect, Connect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(method, catch, structural, js_name = getLog)]
    fn get_log(this: &Connect) -> Result<Logger, JsValue>;

    /// `connect.getLog()`.
    pub type Logger;
    #[wasm_bindgen(method, catch, structural)]
    pub fn error(this: &Logger, component: &str, text: &str, arg: &JsValue) -> Result<LogEntry, JsValue>;

    #[wasm_bindgen(method, catch, structural, variadic)]
    fn warn(this: &Logger, component: &str, text: &str, args: &js_sys::Array) -> Result<JsValue, JsValue>;

    /// What `error(...)` returns.
    pub type LogEntry;
    #[wasm_bindgen(method, catch, structural, js_name = withException)]
    pub fn with_exception(this: &LogEntry, exception: &JsValue) -> Result<JsValue, JsValue>;
}

/// Logs an error through Streams' logger, component `task` (as the JavaScript library does),
/// with `%s` in `text` filled with `arg`. Without Streams there is nothing to log to.
pub fn log_error(text: &str, arg: &JsValue, exception: Option<&JsValue>) {
    let Ok(entry) = connect().get_log().and_then(|log| log.error("task", text, arg)) else { return };
    if let Some(exception) = exception {
        let _ = entry.with_exception(exception);
    }
}

/// Logs a warning through Streams' logger, component `task`, with each `%s` in `text` filled with
/// the next of `args` (Streams formats them).
pub fn log_warn(text: &str, args: &[JsValue]) {
    if let Ok(log) = connect().get_log() {
        let _ = log.warn("task", text, &args.iter().collect());
    }
}
