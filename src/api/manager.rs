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

/// Our callbacks, by slot in the record: messages, then what each connection event reports.
const CALLBACKS: [Option<TaskEvent>; 4] =
    [None, Some(TaskEvent::ConnectionEstablished), Some(TaskEvent::ConnectionLost), Some(TaskEvent::ConnectionBroken)];

thread_local! {
    /// [`TOPIC`] as a JavaScript string, made once.
    static TOPIC_JS: JsValue = JsValue::from_str(TOPIC);
}

/// The id of `websocket_manager`, recorded on first use, with each of our callbacks registered
/// on it unless it is. On failure nothing of this call stays registered and the manager's error
/// is returned.
pub fn attach(page: &Page, websocket_manager: &JsValue) -> Result<ManagerId, JsValue> {
    let manager = match page.manager(websocket_manager) {
        Some(manager) => manager,
        None => page.add_manager(websocket_manager, |id| live::with(|l| l.add_manager(id))),
    };
    let id = manager.id();
    if registered(&manager) {
        return Ok(id);
    }
    let ws: &WebSocketManager = websocket_manager.unchecked_ref();
    let topic = TOPIC_JS.with(JsValue::clone);
    manager.subscribe_once(|| ws.subscribe_topics(&Array::of1(&topic)).map(drop))?;
    let shim = page.shim();
    for (slot, event) in CALLBACKS.into_iter().enumerate() {
        let slot = slot as u32;
        // Read again each time: registering runs the manager's code, which may call back in.
        if !manager.registrations_now().get(slot).is_undefined() {
            continue;
        }
        let registered = match event {
            None => ws.on_message(&topic, &shim.on_message(id)),
            Some(event) => {
                let callback = shim.on_connection(id, event);
                match event {
                    TaskEvent::ConnectionEstablished => ws.on_connection_gain(&callback),
                    TaskEvent::ConnectionLost => ws.on_connection_lost(&callback),
                    _ => ws.on_init_failure(&callback),
                }
            }
        };
        match registered {
            Ok(returned) if manager.registrations_now().get(slot).is_undefined() => manager.registered(slot, &returned),
            Ok(returned) => {
                remove(&[(slot, returned)]); // a call back in registered this one meanwhile
            }
            Err(error) => {
                release(&manager);
                return Err(error);
            }
        }
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
    if manager.registrations_now().iter().all(|r| r.is_undefined() || r.is_function()) {
        release(&manager);
    }
}

/// Our callbacks on manager `id` delivered to no session: once no session is routed through it,
/// they are removed (a `cleanUp()` cut short between its record and its release can leave them;
/// the first event after it finds them).
pub fn release_if_unused_by_id(page: &Page, id: ManagerId) {
    if live::with(|l| l.in_use(id)) {
        return;
    }
    if let Some((websocket_manager, _)) = page.manager_by_id(id) {
        release_if_unused(page, &websocket_manager);
    }
}

/// Whether all our callbacks are registered on the manager.
pub fn registered(manager: &ManagerRecord) -> bool {
    let list = manager.registrations_now();
    (0..CALLBACKS.len() as u32).all(|slot| !list.get(slot).is_undefined())
}

/// Removes what is registered of our callbacks; what cannot be removed stays recorded.
fn release(manager: &ManagerRecord) {
    manager.release(|slots| remove(&slots));
}

/// Calls each remover; returns the slots whose removal failed (a remover that threw, or none).
fn remove(slots: &[(u32, JsValue)]) -> Vec<(u32, JsValue)> {
    let mut kept = Vec::new();
    for (slot, returned) in slots {
        let removed = returned.dyn_ref::<Function>().is_some_and(|f| f.call0(&JsValue::UNDEFINED).is_ok());
        if !removed {
            kept.push((*slot, returned.clone()));
        }
    }
    kept
}
