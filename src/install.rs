//! What loading the bundle puts on the page's `connect` global.

use crate::js;
use crate::session;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The values of `connect.ReferenceType`.
pub const REFERENCE_TYPES: [&str; 5] = ["URL", "EMAIL", "NUMBER", "STRING", "DATE"];

/// This build's version, `connect.TaskJS.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Installs `connect.TaskSession`, `connect.ReferenceType` and `connect.TaskJS` (creating the
/// `connect` global if Streams has not yet), and returns the module's exports
/// `{TaskSession, ReferenceType, version}`.
#[wasm_bindgen]
pub fn install() -> Object {
    let connect = connect_global();

    let create = Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(|args| {
        session::create(args).map(JsValue::from)
    });
    let task_session = Object::new();
    js::set(&task_session, "create", &create.into_js_value());

    let reference_type = Object::new();
    for t in REFERENCE_TYPES {
        js::set(&reference_type, t, &t.into());
    }

    let task_js = Object::new();
    js::set(&task_js, "version", &VERSION.into());

    js::set(&connect, "TaskSession", &task_session);
    js::set(&connect, "ReferenceType", &reference_type);
    js::set(&connect, "TaskJS", &task_js);

    let exports = Object::new();
    js::set(&exports, "TaskSession", &task_session);
    js::set(&exports, "ReferenceType", &reference_type);
    js::set(&exports, "version", &VERSION.into());
    exports
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
