//! One binding per websocket manager: the four listeners we register on it while at least one
//! session of that manager is connected, and the delivery of what they receive.

use crate::core::events::{events_for, TaskEvent, CONTENT_TYPES};
use crate::core::interner::{KeyId, RouteKey, MAX_KEY_ID};
use crate::core::routing::SessionId;
use crate::js;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::registry::{self, BindingState};
use wasm_bindgen::prelude::*;

/// The index of `manager`'s binding, creating it on first use.
pub fn binding_for(manager: &JsValue) -> usize {
    registry::with(|r| {
        if let Some(i) = r.bindings.iter().position(|b| &b.manager == manager) {
            return i;
        }
        r.bindings.push(BindingState {
            manager: manager.clone(),
            table: Default::default(),
            topics_subscribed: false,
            attached: None,
        });
        r.bindings.len() - 1
    })
}

/// Registers our listeners on the manager unless they already are. On failure nothing stays
/// registered and the manager's error is returned.
pub fn attach(index: usize) -> Result<(), JsValue> {
    // Copy out first: the manager is JavaScript and may call back in.
    let (manager, needs_topics, attached) = registry::with(|r| {
        let b = &r.bindings[index];
        (b.manager.clone(), !b.topics_subscribed, b.attached.is_some())
    });
    if attached {
        return Ok(());
    }
    if needs_topics {
        js::subscribe_topic(&manager)?;
        registry::with(|r| r.bindings[index].topics_subscribed = true);
    }
    let undo = js::listen(&manager, index as u32)?;
    registry::with(|r| r.bindings[index].attached = Some(undo));
    Ok(())
}

/// Removes our listeners once no session uses the manager. A manager whose `onX` methods did
/// not all return unsubscribe functions keeps them (they then deliver to nobody).
pub fn detach_if_unused(index: usize) {
    let undo = registry::with(|r| {
        let b = &mut r.bindings[index];
        let removable = b.attached.as_ref().is_some_and(|u| !u.is_undefined());
        if b.table.is_empty() && removable {
            b.attached.take()
        } else {
            None
        }
    });
    if let Some(undo) = undo {
        js::call_all(&undo);
    }
}

/// A session's routing key from a `create` argument, as `===` compares it (`None`: an object
/// or `NaN`, which equal nothing parsed from JSON).
pub fn session_key(value: &JsValue) -> Option<RouteKey> {
    if let Some(s) = value.as_string() {
        Some(RouteKey::Text(s))
    } else if value.is_undefined() {
        Some(RouteKey::Undefined)
    } else if value.is_null() {
        Some(RouteKey::Null)
    } else if let Some(b) = value.as_bool() {
        Some(RouteKey::Bool(b))
    } else {
        value.as_f64().and_then(RouteKey::number)
    }
}

/// Takes a use of `key`'s interned id, teaching JavaScript the id when it is new. `value` is
/// the JavaScript value `key` was made from.
pub fn intern(key: Option<&RouteKey>, value: &JsValue) -> Option<KeyId> {
    let key = key?;
    let (id, new) = registry::with(|r| {
        let (id, new) = r.interner.acquire(key)?;
        if new {
            let slot = id as usize;
            if r.key_values.len() <= slot {
                r.key_values.resize(slot + 1, JsValue::UNDEFINED);
            }
            r.key_values[slot] = value.clone();
        }
        Some((id, new))
    })?;
    if new {
        js::intern_key(value, id);
    }
    Some(id)
}

/// Gives back a use of an interned id; JavaScript forgets the value after its last use.
pub fn release(id: Option<KeyId>) {
    let Some(id) = id else { return };
    let forgotten = registry::with(|r| {
        r.interner.release(id)?;
        r.key_values.get_mut(id as usize).map(|v| ::core::mem::replace(v, JsValue::UNDEFINED))
    });
    if let Some(value) = forgotten {
        js::forget_key(&value);
    }
}

/// Teaches JavaScript the event code of each known `ContentType`.
pub fn intern_content_types() {
    for (content_type, event) in CONTENT_TYPES {
        js::intern_content_type(content_type, event.index() as u32 + 1);
    }
}

/// An `aws/task` message for binding `index`, parsed by JavaScript: route it, and fire each
/// matching session's events. `packed` holds the message's two 21-bit key ids and its event
/// code (see `deliver` in boundary.js).
pub fn deliver_message(index: usize, packed: f64, data: &JsValue) {
    let packed = packed as u64;
    let key = |shift: u32| Some(((packed >> shift) & u64::from(MAX_KEY_ID)) as KeyId).filter(|&k| k != 0);
    let specific = ((packed >> 42) as usize).checked_sub(1).and_then(|i| TaskEvent::ALL.get(i).copied());
    let Some(targets) = registry::with(|r| r.bindings.get(index).map(|b| b.table.route(key(0), key(21)))) else {
        return;
    };
    for id in targets {
        for event in events_for(specific) {
            fire(id, event, data);
        }
    }
}

/// Connection gained, lost or broken: every session of the manager gets the event with `{}`.
pub fn deliver_connection_event(index: usize, event: TaskEvent) {
    let Some(targets) = registry::with(|r| r.bindings.get(index).map(|b| b.table.all_in_order())) else {
        return;
    };
    for id in targets {
        fire(id, event, &js::new_object());
    }
}

/// Calls the subscribers of `event` on session `id` with `(data, eventName)`. A subscriber that
/// throws is logged and the others still run.
pub fn fire(id: SessionId, event: TaskEvent, data: &JsValue) {
    let Some(subscribers) = registry::with(|r| r.snapshot(id, event)) else { return };
    for (_, f) in subscribers.iter() {
        js::invoke(f, data, event.index() as u32);
    }
}
