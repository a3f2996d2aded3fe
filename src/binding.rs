//! One binding per websocket manager: the four listeners we register on it while at least one
//! session of that manager is connected, and the delivery of what they receive.

use crate::core::events::{events_for_message, TaskEvent};
use crate::core::routing::{RouteKey, SessionId};
use crate::js::{self, WebSocketManager};
use crate::registry::{self, BindingState};
use js_sys::{Array, Function, Object};
use crate::global::Global;
#[allow(unused_imports)]
use crate::prelude::*;
use ::core::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TOPIC: &str = "aws/task";

/// Strings we read or pass on every message, created once.
struct Names {
    content: JsValue,
    initial_contact_id: JsValue,
    contact_id: JsValue,
    content_type: JsValue,
    events: Vec<JsValue>,
}

static NAMES: Global<Names> = Global::new();
/// The listeners of each binding, by binding index, created once and reused on re-attach.
static LISTENERS: Global<RefCell<Vec<Listeners>>> = Global::new();
static TOPICS: Global<JsValue> = Global::new();

fn names() -> &'static Names {
    NAMES.get(|| Names {
        content: "content".into(),
        initial_contact_id: "InitialContactId".into(),
        contact_id: "ContactId".into(),
        content_type: "ContentType".into(),
        events: TaskEvent::ALL.iter().map(|e| JsValue::from_str(e.name())).collect(),
    })
}

fn listeners() -> &'static RefCell<Vec<Listeners>> {
    LISTENERS.get(Default::default)
}

struct Listeners {
    message: Closure<dyn FnMut(JsValue)>,
    gain: Closure<dyn FnMut()>,
    lost: Closure<dyn FnMut()>,
    init_failure: Closure<dyn FnMut()>,
}

/// The index of `manager`'s binding, creating it on first use.
pub fn binding_for(manager: &JsValue) -> usize {
    if let Some(i) = registry::with(|r| r.bindings.iter().position(|b| &b.manager == manager)) {
        return i;
    }
    let index = registry::with(|r| {
        r.bindings.push(BindingState {
            manager: manager.clone(),
            table: Default::default(),
            topics_subscribed: false,
            attached: None,
        });
        r.bindings.len() - 1
    });
    let listeners = Listeners {
        message: Closure::new(move |msg: JsValue| deliver_message(index, &msg)),
        gain: Closure::new(move || deliver_connection_event(index, TaskEvent::ConnectionEstablished)),
        lost: Closure::new(move || deliver_connection_event(index, TaskEvent::ConnectionLost)),
        init_failure: Closure::new(move || deliver_connection_event(index, TaskEvent::ConnectionBroken)),
    };
    self::listeners().borrow_mut().push(listeners);
    index
}

/// Registers our listeners on the manager unless they already are. On failure nothing stays
/// registered and the manager's error is returned.
pub fn attach(index: usize) -> Result<(), JsValue> {
    let (manager, needs_topics, attached) = registry::with(|r| {
        let b = &r.bindings[index];
        (b.manager.clone(), !b.topics_subscribed, b.attached.is_some())
    });
    if attached {
        return Ok(());
    }
    let manager: WebSocketManager = manager.unchecked_into();
    if needs_topics {
        let topics = TOPICS.get(|| Array::of1(&TOPIC.into()).into());
        manager.subscribe_topics(topics)?;
        registry::with(|r| r.bindings[index].topics_subscribed = true);
    }
    // Copy the functions out first: the manager is JavaScript and may call back in.
    let [message, gain, lost, init_failure] = {
        let l = &listeners().borrow()[index];
        let f = |c: &JsValue| c.unchecked_ref::<Function>().clone();
        [f(l.message.as_ref()), f(l.gain.as_ref()), f(l.lost.as_ref()), f(l.init_failure.as_ref())]
    };
    let mut undo = Vec::with_capacity(4);
    let mut register = || -> Result<(), JsValue> {
        undo.push(manager.on_message(TOPIC, &message)?);
        undo.push(manager.on_connection_gain(&gain)?);
        undo.push(manager.on_connection_lost(&lost)?);
        undo.push(manager.on_init_failure(&init_failure)?);
        Ok(())
    };
    let result = register();
    match result {
        Ok(()) => {
            registry::with(|r| r.bindings[index].attached = Some(undo));
            Ok(())
        }
        Err(e) => {
            call_all(&undo);
            Err(e)
        }
    }
}

/// Removes our listeners once no session uses the manager. A manager whose `onX` methods did
/// not return unsubscribe functions keeps them (they then deliver to nobody).
pub fn detach_if_unused(index: usize) {
    let undo = registry::with(|r| {
        let b = &mut r.bindings[index];
        let removable = b.attached.as_ref().is_some_and(|u| u.iter().all(|f| f.is_function()));
        if b.table.is_empty() && removable {
            b.attached.take()
        } else {
            None
        }
    });
    if let Some(undo) = undo {
        call_all(&undo);
    }
}

fn call_all(functions: &[JsValue]) {
    for f in functions {
        if let Some(f) = f.dyn_ref::<Function>() {
            let _ = f.call0(&JsValue::UNDEFINED);
        }
    }
}

/// The routing key of a message field, as `===` compares it.
fn route_key(value: &JsValue) -> Option<RouteKey> {
    if let Some(s) = value.as_string() {
        Some(RouteKey::Text(s.into_boxed_str()))
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

/// A session's key from a `create` argument (same rules as message fields).
pub fn session_key(value: &JsValue) -> Option<RouteKey> {
    route_key(value)
}

/// An `aws/task` message from the manager: parse, route, and fire each session's events.
fn deliver_message(index: usize, message: &JsValue) {
    let n = names();
    let parsed = (|| {
        let content = js::get_with(message, &n.content);
        if !content.is_string() {
            js::log_error("Dropped an aws/task message whose content is not a string: %s", &content, None);
            return None;
        }
        match js::json_parse(&content) {
            Ok(v) if v.is_object() => {
                let initial = route_key(&js::get_with(&v, &n.initial_contact_id));
                let contact = route_key(&js::get_with(&v, &n.contact_id));
                let content_type = js::get_with(&v, &n.content_type).as_string();
                Some((v, initial, contact, content_type))
            }
            Ok(_) => None,
            Err(e) => {
                js::log_error("Dropped an aws/task message whose content is not JSON: %s", &content, Some(&e));
                None
            }
        }
    })();
    let Some((data, initial, contact, content_type)) = parsed else { return };
    let targets = registry::with(|r| r.bindings[index].table.route(initial.as_ref(), contact.as_ref()));
    for id in targets {
        for event in events_for_message(content_type.as_deref()) {
            fire(id, event, &data);
        }
    }
}

/// Connection gained, lost or broken: every session of the manager gets the event with `{}`.
fn deliver_connection_event(index: usize, event: TaskEvent) {
    let targets = registry::with(|r| r.bindings[index].table.all_in_order());
    for id in targets {
        fire(id, event, &Object::new());
    }
}

/// Calls the subscribers of `event` on session `id` with `(data, eventName)`. A subscriber that
/// throws is logged and the others still run.
pub fn fire(id: SessionId, event: TaskEvent, data: &JsValue) {
    let Some(subscribers) = registry::with(|r| r.snapshot(id, event)) else { return };
    if subscribers.is_empty() {
        return;
    }
    let name = &names().events[event.index()];
    for (_, f) in subscribers.iter() {
        if let Err(e) = f.call2(&JsValue::UNDEFINED, data, name) {
            js::log_error("A task session subscriber of %s threw", name, Some(&e));
        }
    }
}
