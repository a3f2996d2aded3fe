//! The module's start, at its first call (or when the page is idle): the record of what the page
//! builds, around the loader's shim, and the session hooks on the prototype every session object
//! shares. What loading the bundle puts on the page (`connect.TaskSession` & co.) the loader
//! installs at once, without the module (`js/install.js`); each function there is one of the
//! shim's forwarders, which start the module at their first call.

use crate::api::page;
use crate::core::events::TaskEvent;
use crate::runtime::heap;
use crate::state::{live, record};
use crate::sys::builtins::object;
use crate::sys::shim::Shim;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// Makes this module's record around `shim` (the loader's), unless this instance has one.
pub fn start(shim: Shim) {
    if record::current().is_none() {
        let page = record::create(shim);
        add_session_hooks(page.shim());
    }
}

/// The session hooks (`onTransferInitiated` ... `onConnectionLost`), one per event of the
/// core's table, on the prototype every session object shares.
fn add_session_hooks(shim: &Shim) {
    let prototype = shim.session_prototype();
    for event in TaskEvent::ALL {
        let descriptor = object(&[("value", shim.hook(event).into()), ("writable", JsValue::TRUE), ("configurable", JsValue::TRUE)]);
        let _ = Reflect::define_property(&prototype, &event.hook().into(), &descriptor);
    }
}

/// `connect.TaskJS.stats()`: diagnostics for leak hunting, `{sessions, connectedSessions,
/// attachedManagers, heapBytesInUse, recoveries}` (`recoveries`: how many times a failed call
/// was recovered from with a fresh instance).
pub fn stats() -> JsValue {
    let page = page();
    let (sessions, connected) = live::with(|l| l.counts());
    let attached = page.each_manager().iter().filter(|m| crate::api::manager::registered(m)).count();
    let stats = [
        ("sessions", sessions as u32),
        ("connectedSessions", connected as u32),
        ("attachedManagers", attached as u32),
        ("heapBytesInUse", heap::bytes_in_use() as u32),
        ("recoveries", page.recoveries()),
    ];
    object(&stats.map(|(k, v)| (k, v.into()))).into()
}
