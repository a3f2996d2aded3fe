//! One binding per websocket manager: our four callbacks on it while at least one of its
//! sessions is connected, and the delivery of what they receive to the sessions' subscribers.

use crate::core::events::{events_for, TaskEvent, CONTENT_TYPES, EVENT_COUNT, NAMES};
use crate::core::interner::{KeyId, RouteKey};
use crate::core::routing::{RoutingTable, SessionId};
use crate::registry;
use crate::streams::{self, IdMap, SocketMessage, TaskMessage, WebSocketManager};
use js_sys::{Array, Function, JsString, Map, Object, WeakSet};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TOPIC: &str = "aws/task";

/// What we registered on one websocket manager, and the sessions routed through it.
pub struct Binding {
    pub id: u32,
    pub manager: JsValue,
    pub table: RoutingTable,
    /// Our callbacks on the manager, while attached.
    pub attached: Option<Attached>,
}

/// One attachment of a binding's callbacks. They carry its `token`, so a callback left on a
/// manager from an earlier attachment delivers nothing.
pub struct Attached {
    token: u32,
    listeners: Vec<Listener>,
}

/// A callback registered on a websocket manager, removed again (through the function the
/// manager returned) when dropped: the websocket counterpart of `gloo_events::EventListener`.
pub struct Listener {
    callback: Option<Closure<dyn Fn(JsValue)>>,
    remove: Option<Function>,
}

impl Listener {
    /// Registers `callback` with `register` (one of the manager's `onX`).
    fn new(
        register: impl FnOnce(&Function) -> Result<JsValue, JsValue>,
        callback: impl Fn(JsValue) + 'static,
    ) -> Result<Listener, JsValue> {
        let callback = Closure::<dyn Fn(JsValue)>::new(callback);
        let remove = register(callback.as_ref().unchecked_ref())?.dyn_into::<Function>().ok();
        Ok(Listener { callback: Some(callback), remove })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        match self.remove.take() {
            Some(remove) => {
                let _ = remove.call0(&JsValue::UNDEFINED); // the manager's own problem if it throws
            }
            // The manager gave no way to remove it and may call it again: leave the callback
            // to JavaScript's garbage collector rather than invalidate it.
            None => drop(self.callback.take().map(Closure::into_js_value)),
        }
    }
}

thread_local! {
    /// Contact id value -> interned key id, for every connected session's contact ids: a
    /// message's ids are looked up here, without copying them into wasm memory.
    static KEY_IDS: IdMap = Map::new().unchecked_into();
    /// ContentType -> index of its event in `TaskEvent::ALL`.
    static CONTENT_TYPE_EVENTS: IdMap = {
        let map = Map::new();
        for (content_type, event) in CONTENT_TYPES {
            map.set(&content_type.into(), &(event.index() as u32).into());
        }
        map.unchecked_into()
    };
    /// Each event's name, the subscribers' second argument.
    static EVENT_NAMES: [JsValue; EVENT_COUNT] = NAMES.map(JsValue::from_str);
    /// The managers we sent `subscribeTopics(['aws/task'])` to (once each).
    static SUBSCRIBED: WeakSet = WeakSet::new();
}

/// The id of `manager`'s binding, creating it on first use.
pub fn binding_for(manager: &JsValue) -> u32 {
    registry::with(|r| {
        if let Some(b) = r.bindings.iter().find(|b| b.manager == *manager) {
            return b.id;
        }
        let id = r.next_binding_id();
        r.bindings.push(Binding { id, manager: manager.clone(), table: RoutingTable::new(), attached: None });
        id
    })
}

/// Registers our callbacks on the binding's manager unless they already are. On failure
/// nothing stays registered and the manager's error is returned.
pub fn attach(id: u32) -> Result<(), JsValue> {
    // Copied out first: the manager is JavaScript, and may call back in.
    let Some((manager, attached)) = registry::with(|r| r.binding(id).map(|b| (b.manager.clone(), b.attached.is_some())))
    else {
        return Ok(());
    };
    if attached {
        return Ok(());
    }
    let manager: WebSocketManager = manager.unchecked_into();
    if !SUBSCRIBED.with(|s| s.has(manager.unchecked_ref())) {
        manager.subscribe_topics(&Array::of1(&TOPIC.into()))?;
        SUBSCRIBED.with(|s| s.add(manager.unchecked_ref()));
    }
    let token = registry::with(|r| r.next_binding_id());
    let on = |event: TaskEvent| move |_| deliver_connection_event(token, event);
    let listeners = vec![
        Listener::new(|f| manager.on_message(TOPIC, f), move |m| deliver_message(token, m))?,
        Listener::new(|f| manager.on_connection_gain(f), on(TaskEvent::ConnectionEstablished))?,
        Listener::new(|f| manager.on_connection_lost(f), on(TaskEvent::ConnectionLost))?,
        Listener::new(|f| manager.on_init_failure(f), on(TaskEvent::ConnectionBroken))?,
    ];
    let unused = registry::with(|r| match r.binding(id) {
        Some(b) => b.attached.replace(Attached { token, listeners }),
        None => Some(Attached { token, listeners }),
    });
    drop(unused); // outside the borrow: removing a listener calls the manager
    Ok(())
}

/// Once no session uses a binding, removes our callbacks from its manager and forgets it. A
/// manager that returned no way to remove one of them keeps them, and the binding stays.
pub fn release_if_unused(id: u32) {
    let removed = registry::with(|r| {
        let i = r.bindings.iter().position(|b| b.id == id)?;
        let b = &r.bindings[i];
        let removable = b.attached.as_ref().is_none_or(|a| a.listeners.iter().all(|l| l.remove.is_some()));
        if !(b.table.is_empty() && removable) {
            return None;
        }
        Some(r.bindings.swap_remove(i))
    });
    drop(removed); // outside the borrow
}

/// A session's routing key from a `create` argument, as `===` compares it (`None`: an object
/// or `NaN`, which equal nothing parsed from JSON).
pub fn route_key(value: &JsValue) -> Option<RouteKey> {
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

/// Takes a use of `key`'s interned id; `value` is the JavaScript value it was made from.
pub fn intern(key: Option<&RouteKey>, value: &JsValue) -> Option<KeyId> {
    let (id, new) = registry::with(|r| {
        let (id, new) = r.interner.acquire(key?)?;
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
        KEY_IDS.with(|k| k.set(value, &id.into()));
    }
    Some(id)
}

/// Gives back a use of an interned id; after its last use the value is forgotten.
pub fn release(id: Option<KeyId>) {
    let Some(id) = id else { return };
    let forgotten = registry::with(|r| {
        r.interner.release(id)?;
        r.key_values.get_mut(id as usize).map(std::mem::take)
    });
    if let Some(value) = forgotten {
        KEY_IDS.with(|k| k.delete(&value));
    }
}

/// An `aws/task` message: parse it, route it by its contact ids, and fire each matching
/// session's events. Bad content is logged (by its length: it is customer data) and dropped.
fn deliver_message(token: u32, message: JsValue) {
    let content = message.unchecked_ref::<SocketMessage>().content().unwrap_or_default();
    let Some(text) = content.dyn_ref::<JsString>() else {
        streams::log_error("Dropped an aws/task message whose content is not a string", &JsValue::UNDEFINED, None);
        return;
    };
    let data = match streams::parse_json(text) {
        Ok(data) => data,
        Err(e) => {
            let length = JsValue::from(text.length());
            streams::log_error("Dropped an aws/task message whose content (%s characters) is not JSON", &length, Some(&e));
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
    let initial = KEY_IDS.with(|k| k.id(&initial));
    let contact = KEY_IDS.with(|k| k.id(&contact));
    let specific = match content_type.is_string() {
        true => CONTENT_TYPE_EVENTS.with(|c| c.id(&content_type)).and_then(|i| TaskEvent::ALL.get(i as usize).copied()),
        false => None,
    };
    let Some(targets) = registry::with(|r| attached(r, token).map(|b| b.table.route(initial, contact))) else { return };
    for id in targets {
        for event in events_for(specific) {
            fire(id, event, &data);
        }
    }
}

/// Connection gained, lost or broken: every session of the manager gets the event with `{}`.
fn deliver_connection_event(token: u32, event: TaskEvent) {
    let Some(targets) = registry::with(|r| attached(r, token).map(|b| b.table.all_in_order())) else { return };
    for id in targets {
        fire(id, event, &Object::new());
    }
}

/// The binding whose current attachment is `token`.
fn attached(r: &mut registry::Registry, token: u32) -> Option<&Binding> {
    r.bindings.iter().find(|b| b.attached.as_ref().is_some_and(|a| a.token == token))
}

/// Calls the subscribers of `event` on session `id` with `(data, eventName)`, in order. One
/// that throws is logged, and the others still run.
pub fn fire(id: SessionId, event: TaskEvent, data: &JsValue) {
    let Some(subscribers) = registry::with(|r| r.sessions.get(id).and_then(|s| s.subscribers.snapshot(event))) else {
        return;
    };
    EVENT_NAMES.with(|names| {
        let name = &names[event.index()];
        for (_, f) in subscribers.iter() {
            if let Err(e) = f.call2(&JsValue::UNDEFINED, data, name) {
                streams::log_error("A task session subscriber of %s threw", name, Some(&e));
            }
        }
    });
}
