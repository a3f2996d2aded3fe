//! What our callbacks on a websocket manager deliver (`manager.rs`): an `aws/task` message,
//! parsed, classified (`core::events`) and routed (`core::routing`, through `state/live.rs`) to
//! the sessions it belongs to, whose subscribers get it; and connection events, to every
//! session of the manager.

use crate::api::{manager, page};
use crate::core::events::{events_for, TaskEvent, CONTENT_TYPES, EVENT_COUNT, NAMES};
use crate::state::live;
use crate::state::record::{ManagerId, SessionId};
use crate::sys::builtins::{parse_json, IdMap};
use crate::sys::logger::log_error;
use crate::sys::websocket::{SocketMessage, TaskMessage};
use js_sys::{JsString, Map, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The core's table of `ContentType`s ([`CONTENT_TYPES`]) as a JavaScript `Map` to each
    /// event's index: a message's `ContentType` is looked up without copying it into wasm memory.
    static CONTENT_TYPE_INDEX: IdMap = {
        let map = Map::new();
        for (content_type, event) in CONTENT_TYPES {
            map.set(&content_type.into(), &(event as u32).into());
        }
        map.unchecked_into()
    };
    /// Each event's name, the subscribers' second argument.
    static EVENT_NAMES: [JsValue; EVENT_COUNT] = NAMES.map(JsValue::from_str);
}

/// The core's classification of a message's `ContentType` ([`crate::core::events::classify`]),
/// through [`CONTENT_TYPE_INDEX`]: the specific event it has, if any.
pub fn classify(content_type: &JsValue) -> Option<TaskEvent> {
    if !content_type.is_string() {
        return None;
    }
    let index = CONTENT_TYPE_INDEX.with(|c| c.id(content_type))?;
    TaskEvent::ALL.get(index as usize).copied()
}

/// An `aws/task` message: parse it, route it by its contact ids, and fire each matching
/// session's events. Bad content is logged (by its length: it is customer data) and dropped.
pub fn deliver_message(manager: ManagerId, message: &JsValue) {
    let content = message.unchecked_ref::<SocketMessage>().content().unwrap_or_default();
    let Some(text) = content.dyn_ref::<JsString>() else {
        log_error("Dropped an aws/task message whose content is not a string", &JsValue::UNDEFINED, None);
        return;
    };
    let data = match parse_json(text) {
        Ok(data) => data,
        Err(e) => {
            let length = JsValue::from(text.length());
            log_error("Dropped an aws/task message whose content (%s characters) is not JSON", &length, Some(&e));
            return;
        }
    };
    if !data.is_object() {
        return;
    }
    let message = data.unchecked_ref::<TaskMessage>();
    // A getter that throws here was inherited from a polluted Object.prototype.
    let (Ok(initial), Ok(contact), Ok(content_type)) =
        (message.initial_contact_id(), message.contact_id(), message.content_type())
    else {
        return;
    };
    let targets = live::with(|l| l.route(manager, &initial, &contact));
    if targets.is_empty() {
        manager::release_if_unused_by_id(&page(), manager);
        return;
    }
    let specific = classify(&content_type);
    for id in targets {
        for event in events_for(specific) {
            fire(id, event, &data);
        }
    }
}

/// Connection gained, lost or broken: every session of the manager gets the event with `{}`.
pub fn deliver_connection_event(manager: ManagerId, event: TaskEvent) {
    let everyone = live::with(|l| l.everyone(manager));
    if everyone.is_empty() {
        manager::release_if_unused_by_id(&page(), manager);
    }
    for id in everyone {
        fire(id, event, &Object::new());
    }
}

/// Calls the subscribers of `event` on session `id` with `(data, eventName)`, in order. One
/// that throws is logged, and the others still run.
pub fn fire(id: SessionId, event: TaskEvent, data: &JsValue) {
    let Some(subscribers) = live::with(|l| l.subscribers(id, event)) else { return };
    EVENT_NAMES.with(|names| {
        let name = &names[event.index()];
        for (_, f) in subscribers.iter() {
            if let Err(e) = f.call2(&JsValue::UNDEFINED, data, name) {
                log_error("A task session subscriber of %s threw", name, Some(&e));
            }
        }
    });
}
