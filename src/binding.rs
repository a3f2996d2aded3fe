//! One binding per websocket manager: our four callbacks on it while at least one of its
//! sessions is connected, and the delivery of what they receive to the sessions' subscribers.

use crate::core::events::{events_for, TaskEvent, CONTENT_TYPES, EVENT_COUNT, NAMES};
use crate::core::interner::KeyId;
use crate::core::routing::{RoutingTable, SessionId};
use crate::registry;
use crate::entry::{bind1, bind2, glue, Glue};
use crate::ledger::{self, Counter};
use crate::streams::{self, IdMap, SocketMessage, TaskMessage, WebSocketManager};
use js_sys::{Array, Function, JsString, Map, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TOPIC: &str = "aws/task";

thread_local! {
    /// [`TOPIC`] as a JavaScript string, made once.
    static TOPIC_JS: JsValue = JsValue::from_str(TOPIC);
}

/// One websocket manager, the sessions routed through it, and our callbacks for it: the
/// module's exported functions bound to the binding (`entry.rs`), made once and registered
/// while at least one of its sessions is connected. A binding stays while the page lives (in
/// the ledger too, for a fresh instance).
pub struct Binding {
    pub id: u32,
    pub manager: JsValue,
    pub table: RoutingTable,
    callbacks: [JsValue; 4],
    /// While registered: what the manager returned for each callback to remove it.
    pub attached: Option<Vec<Option<Function>>>,
}

impl Binding {
    fn new(id: u32, manager: JsValue, attached: Option<Vec<Option<Function>>>) -> Binding {
        let on = |g: &Glue, event: TaskEvent| bind2(&g.connection_event, &id.into(), &(event.index() as u32).into());
        let callbacks = glue(|g| {
            [
                bind1(&g.deliver_message, &id.into()),
                on(g, TaskEvent::ConnectionEstablished),
                on(g, TaskEvent::ConnectionLost),
                on(g, TaskEvent::ConnectionBroken),
            ]
        });
        Binding { id, manager, table: RoutingTable::new(), callbacks, attached }
    }

    /// Whether every callback can be removed again (a manager that returned no way to remove
    /// one keeps all of them, and they deliver to the sessions it has).
    fn removable(&self) -> bool {
        self.attached.as_ref().is_none_or(|removers| removers.iter().all(Option::is_some))
    }
}

/// Removes registered callbacks from their manager.
fn remove(removers: Vec<Option<Function>>) {
    for remove in removers.into_iter().flatten() {
        let _ = remove.call0(&JsValue::UNDEFINED); // the manager's own problem if it throws
    }
}

/// A binding as the ledger recorded it (a fresh instance's start).
pub fn restore(id: u32, record: &Array) {
    let removers = record.get(ledger::REMOVERS);
    let attached = removers.is_object().then(|| {
        removers.unchecked_into::<Array>().iter().map(|r| r.dyn_into::<Function>().ok()).collect()
    });
    let binding = Binding::new(id, record.get(ledger::BINDING_MANAGER), attached);
    registry::with(|r| r.bindings.push(binding));
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
}

/// The id of `manager`'s binding, creating it on first use.
pub fn binding_for(manager: &JsValue) -> u32 {
    if let Some(id) = registry::with(|r| r.bindings.iter().find(|b| b.manager == *manager).map(|b| b.id)) {
        return id;
    }
    let id = ledger::next(Counter::Binding);
    ledger::add_binding(id, manager);
    let binding = Binding::new(id, manager.clone(), None);
    registry::with(|r| r.bindings.push(binding));
    id
}

/// Registers our callbacks on the binding's manager unless they already are. On failure
/// nothing stays registered and the manager's error is returned.
pub fn attach(id: u32) -> Result<(), JsValue> {
    // Copied out first: the manager is JavaScript, and may call back in.
    let Some((manager, callbacks)) = registry::with(|r| {
        let b = r.binding(id).filter(|b| b.attached.is_none())?;
        let callbacks: Vec<Function> = b.callbacks.iter().map(|c| c.clone().unchecked_into()).collect();
        Some((b.manager.clone(), callbacks))
    }) else {
        return Ok(());
    };
    let manager: WebSocketManager = manager.unchecked_into();
    if ledger::binding_part(id, ledger::SUBSCRIBED) != JsValue::TRUE {
        manager.subscribe_topics(&Array::of1(&TOPIC_JS.with(JsValue::clone)))?;
        ledger::set_binding(id, ledger::SUBSCRIBED, &JsValue::TRUE);
    }
    // The ledger's list of removers grows as each registration returns: a call cut short
    // part way leaves it holding exactly what is registered on the manager.
    let record = Array::new();
    ledger::set_binding(id, ledger::REMOVERS, &record);
    let registered = (|| {
        record.push(&manager.on_message(&TOPIC_JS.with(JsValue::clone), &callbacks[0])?);
        record.push(&manager.on_connection_gain(&callbacks[1])?);
        record.push(&manager.on_connection_lost(&callbacks[2])?);
        record.push(&manager.on_init_failure(&callbacks[3])?);
        Ok(())
    })();
    let removers: Vec<Option<Function>> = record.iter().map(|r| r.dyn_into().ok()).collect();
    if let Err(e) = registered {
        ledger::set_binding(id, ledger::REMOVERS, &JsValue::UNDEFINED);
        remove(removers);
        return Err(e);
    }
    registry::with(|r| r.binding(id).map(|b| b.attached = Some(removers)));
    Ok(())
}

/// Once no session uses a binding, removes our callbacks from its manager.
pub fn release_if_unused(id: u32) {
    let removers = registry::with(|r| {
        let b = r.binding(id).filter(|b| b.table.is_empty() && b.removable())?;
        b.attached.take()
    });
    if let Some(removers) = removers {
        ledger::set_binding(id, ledger::REMOVERS, &JsValue::UNDEFINED);
        remove(removers); // outside the borrow: this calls the manager
    }
}

/// Takes a use of `value`'s interned id (JavaScript's `Map` finds an equal value).
pub fn intern(value: &JsValue) -> KeyId {
    if let Some(id) = KEY_IDS.with(|k| k.id(value)) {
        registry::with(|r| r.key_ids.share(id));
        return id;
    }
    let id = registry::with(|r| {
        let id = r.key_ids.allocate();
        let slot = id as usize;
        if r.key_values.len() <= slot {
            r.key_values.resize(slot + 1, JsValue::UNDEFINED);
        }
        r.key_values[slot] = value.clone();
        id
    });
    KEY_IDS.with(|k| k.set(value, &id.into()));
    id
}

/// Forgets every interned value (a fresh instance rebuilding its registry).
pub fn forget_keys() {
    KEY_IDS.with(|k| k.clear());
}

/// Gives back a use of an interned id; after its last use the value is forgotten.
pub fn release(id: KeyId) {
    let forgotten = registry::with(|r| {
        if !r.key_ids.release(id) {
            return None;
        }
        r.key_values.get_mut(id as usize).map(std::mem::take)
    });
    if let Some(value) = forgotten {
        KEY_IDS.with(|k| k.delete(&value));
    }
}

/// An `aws/task` message: parse it, route it by its contact ids, and fire each matching
/// session's events. Bad content is logged (by its length: it is customer data) and dropped.
pub fn deliver_message(binding: u32, message: &JsValue) {
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
    let targets = registry::with(|r| r.binding(binding).map(|b| b.table.route(initial, contact)).unwrap_or_default());
    for id in targets {
        for event in events_for(specific) {
            fire(id, event, &data);
        }
    }
}

/// Connection gained, lost or broken: every session of the manager gets the event with `{}`.
pub fn deliver_connection_event(binding: u32, event: TaskEvent) {
    let targets = registry::with(|r| r.binding(binding).map(|b| b.table.all_in_order()).unwrap_or_default());
    for id in targets {
        fire(id, event, &Object::new());
    }
}

/// Calls the subscribers of `event` on session `id` with `(data, eventName)`, in order. One
/// that throws is logged, and the others still run.
pub fn fire(id: SessionId, event: TaskEvent, data: &JsValue) {
    let Some(subscribers) = registry::with(|r| r.sessions.get(&id).and_then(|s| s.subscribers.snapshot(event))) else {
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
