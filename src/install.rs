//! What loading the bundle puts on the page, and the one function JavaScript calls us through.
//!
//! `src/boundary.js` builds the page-facing objects (`connect.TaskSession`, session objects,
//! agent methods, websocket listeners); each of their calls arrives here as an [`Op`] with up
//! to four arguments, and goes to the module that owns it.

use crate::agent_api::{self, AgentMethod};
use crate::binding;
use crate::core::events::{TaskEvent, HOOKS, NAMES};
use crate::core::validation::REFERENCE_TYPES;
use crate::js;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::session;
use wasm_bindgen::prelude::*;

/// This build's version, `connect.TaskJS.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What JavaScript asks for (the numbers are spelled out again at the top of boundary.js).
/// `a`, `b`, `x` and `y` are the arguments of [`dispatch`].
#[derive(Clone, Copy)]
enum Op {
    /// `TaskSession.create(x)` -> the new session's id.
    Create = 0,
    /// `session.onX(x)`: session `a`, event `b` -> the subscription id.
    Subscribe,
    /// An unsubscribe function: session `a`, subscription `b`.
    Unsubscribe,
    /// `session.connect()`, session `a`: throws what the promise rejects with.
    Connect,
    /// `connect()`'s promise step: session `a` fires `CONNECTION_ESTABLISHED` with `x`.
    Established,
    /// `session.cleanUp()`, session `a`.
    CleanUp,
    /// Session `a`'s object was garbage-collected.
    Collected,
    /// An `aws/task` message for binding `b`: parsed content `x`, key ids packed in `a`.
    Message,
    /// Binding `b`'s websocket connection: gained (`a` = 0), lost (1) or failed to start (2).
    Connection,
    /// Agent method `b` with its argument flattened into `x` (boundary.js `tape`) and
    /// callbacks `y`.
    Agent,
    /// `connect.TaskJS.stats()`.
    Stats,
}

const OPS: [Op; 11] = [
    Op::Create,
    Op::Subscribe,
    Op::Unsubscribe,
    Op::Connect,
    Op::Established,
    Op::CleanUp,
    Op::Collected,
    Op::Message,
    Op::Connection,
    Op::Agent,
    Op::Stats,
];

/// Every call from JavaScript. Session ids travel as JavaScript numbers (f64): they fit in
/// 52 bits (see `slab.rs`).
fn dispatch(op: u32, a: f64, b: u32, x: JsValue, y: JsValue) -> Result<JsValue, JsValue> {
    let Some(&op) = OPS.get(op as usize) else {
        return Ok(JsValue::UNDEFINED);
    };
    let id = a as u64;
    match op {
        Op::Create => return session::create(&x).map(|id| JsValue::from_f64(id as f64)),
        Op::Subscribe => return session::subscribe(id, b, x).map(JsValue::from),
        Op::Unsubscribe => session::unsubscribe(id, b),
        Op::Connect => session::connect(id)?,
        Op::Established => binding::fire(id, TaskEvent::ConnectionEstablished, &x),
        Op::CleanUp => session::clean_up(id),
        Op::Collected => session::collected(id),
        Op::Message => binding::deliver_message(b as usize, a, &x),
        Op::Connection => {
            let event = match a as u8 {
                0 => TaskEvent::ConnectionEstablished,
                1 => TaskEvent::ConnectionLost,
                _ => TaskEvent::ConnectionBroken,
            };
            binding::deliver_connection_event(b as usize, event);
        }
        Op::Agent => {
            if let Some(&method) = AgentMethod::ALL.get(b as usize) {
                agent_api::run(method, x, &y)?;
            }
        }
        Op::Stats => return Ok(stats()),
    }
    Ok(JsValue::UNDEFINED)
}

/// Installs `connect.TaskSession`, `connect.ReferenceType` and `connect.TaskJS` (creating the
/// `connect` global if Streams has not yet) and the agent methods (now, or once Streams is
/// loaded), and returns the module's exports `{TaskSession, ReferenceType, version}`.
#[wasm_bindgen]
pub fn install() -> JsValue {
    crate::core::task_request::set_unicode_upper(agent_api::js_upper);
    binding::intern_content_types();
    // `Fn`, not `FnMut`: JavaScript may call in again while a call runs (a subscriber that
    // cleans up, a client that answers at once).
    let dispatch = Closure::<dyn Fn(u32, f64, u32, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(dispatch);
    js::install(
        &dispatch.into_js_value(),
        &words(&HOOKS),
        &words(&NAMES),
        &words(&REFERENCE_TYPES),
        &words(&AgentMethod::NAMES),
        VERSION,
    )
}

/// The names, space-separated.
fn words(names: &[&str]) -> String {
    let mut out = String::new();
    for name in names {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
    }
    out
}

/// `[sessions, connected sessions, attached managers, heap bytes in use]` for
/// `connect.TaskJS.stats()`; the last is -1 without our allocator (the test build).
fn stats() -> JsValue {
    let (sessions, connected, attached) = crate::registry::with(|r| {
        let connected = r.sessions.values().filter(|s| s.bound_to.is_some()).count();
        let attached = r.bindings.iter().filter(|b| b.attached.is_some()).count();
        (r.sessions.len(), connected, attached)
    });
    #[cfg(not(feature = "std"))]
    let heap = crate::runtime::ALLOCATOR.bytes_in_use() as f64;
    #[cfg(feature = "std")]
    let heap = -1.0;
    let out = js::new_array();
    for n in [sessions as f64, connected as f64, attached as f64, heap] {
        js::push(&out, &JsValue::from_f64(n));
    }
    out
}
