//! Our callbacks on a websocket manager, registered while at least one of its sessions is
//! connected: `onMessage('aws/task')`, `onConnectionGain`, `onConnectionLost` and
//! `onInitFailure`, each the shim's forwarder to `deliverMessage` or `connectionEvent` with the
//! manager's id; and `subscribeTopics(['aws/task'])`, sent once per manager. What they deliver
//! is `delivery.rs`'s.

use crate::core::events::TaskEvent;
use crate::state::live;
use crate::state::record::{ManagerId, ManagerRecord, Page};
use crate::sys::websocket::WebSocketManager;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The topic of task events.
pub const TOPIC: &str = "aws/task";

/// The connection events we register for, besides messages: what each manager method reports.
const CONNECTION_EVENTS: [TaskEvent; 3] = [TaskEvent::ConnectionEstablished, TaskEvent::ConnectionLost, TaskEvent::ConnectionBroken];

/// How many callbacks we register on a manager.
const CALLBACKS: usize = 1 + CONNECTION_EVENTS.len();

thread_local! {
    /// [`TOPIC`] as a JavaScript string, made once.
    static TOPIC_JS: JsValue = JsValue::from_str(TOPIC);
}

/// The id of `websocket_manager`, recorded on first use, with our callbacks registered on it
/// unless they are. On failure nothing stays registered and the manager's error is returned.
pub fn attach(page: &Page, websocket_manager: &JsValue) -> Result<ManagerId, JsValue> {
    let manager = match page.manager(websocket_manager) {
        Some(manager) => manager,
        None => page.add_manager(websocket_manager, |id| live::with(|l| l.add_manager(id))),
    };
    let id = manager.id();
    let removers = manager.removers().length() as usize;
    if removers == CALLBACKS {
        return Ok(id);
    }
    if removers > 0 {
        release(&manager); // a registration cut short part way: start over
    }
    let ws: &WebSocketManager = websocket_manager.unchecked_ref();
    let topic = TOPIC_JS.with(JsValue::clone);
    manager.subscribe_once(|| ws.subscribe_topics(&Array::of1(&topic)).map(drop))?;
    let shim = page.shim();
    let registrations = manager.registering();
    let registered = (|| {
        registrations.add(ws.on_message(&topic, &shim.on_message(id))?);
        for event in CONNECTION_EVENTS {
            let callback = shim.on_connection(id, event);
            registrations.add(match event {
                TaskEvent::ConnectionEstablished => ws.on_connection_gain(&callback)?,
                TaskEvent::ConnectionLost => ws.on_connection_lost(&callback)?,
                _ => ws.on_init_failure(&callback)?,
            });
        }
        Ok(())
    })();
    if let Err(error) = registered {
        release(&manager);
        return Err(error);
    }
    Ok(id)
}

/// Once no session is routed through `websocket_manager`, removes our callbacks from it (unless
/// it gave no way to remove one of them: then they all stay, and deliver to the sessions it
/// has).
pub fn release_if_unused(page: &Page, websocket_manager: &JsValue) {
    let Some(manager) = page.manager(websocket_manager) else { return };
    if live::with(|l| l.in_use(manager.id())) {
        return;
    }
    if manager.removers().iter().all(|r| r.is_function()) {
        release(&manager);
    }
}

/// Whether our callbacks are all registered on the manager.
pub fn registered(manager: &ManagerRecord) -> bool {
    manager.removers().length() as usize == CALLBACKS
}

/// Removes what is registered of our callbacks.
fn release(manager: &ManagerRecord) {
    manager.release(|removers| {
        for remove in removers.iter().filter_map(|r| r.dyn_into::<Function>().ok()) {
            let _ = remove.call0(&JsValue::UNDEFINED); // the manager's own problem if it throws
        }
    });
}
