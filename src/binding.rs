//! One binding per websocket manager: the four listeners we register on it while at least one
//! session of that manager is connected, and the delivery of what they receive.

use crate::core::events::{events_for, TaskEvent, CONTENT_TYPES};
use crate::core::interner::{KeyId, RouteKey, MAX_KEY_ID};
use crate::core::routing::SessionId;
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

/// The event names passed to subscribers, created once.
struct Names {
    events: Vec<JsValue>,
}

static NAMES: Global<Names> = Global::new();
/// The listeners of each binding, by binding index, created once and reused on re-attach.
static LISTENERS: Global<RefCell<Vec<Listeners>>> = Global::new();
static TOPICS: Global<JsValue> = Global::new();
static CONTENT_TYPES_INTERNED: Global<()> = Global::new();

/// `src/boundary.js`: the per-message work on the JavaScript side.
mod boundary {
    use js_sys::Function;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/boundary.js")]
    extern "C" {
        #[wasm_bindgen(js_name = internKey)]
        pub fn intern_key(value: &JsValue, id: u32);
        #[wasm_bindgen(js_name = forgetKey)]
        pub fn forget_key(value: &JsValue);
        #[wasm_bindgen(js_name = internContentType)]
        pub fn intern_content_type(value: &str, code: u32);
        #[wasm_bindgen(js_name = unpackMessage)]
        pub fn unpack_message(message: &JsValue) -> JsValue;
        #[wasm_bindgen(js_name = unpackedKeys)]
        pub fn unpacked_keys() -> f64;
        #[wasm_bindgen(js_name = takeParseError)]
        pub fn take_parse_error() -> JsValue;
        pub fn invoke(f: &Function, data: &JsValue, event_name: &JsValue) -> bool;
        #[wasm_bindgen(js_name = takeThrown)]
        pub fn take_thrown() -> JsValue;
    }
}

fn names() -> &'static Names {
    NAMES.get(|| Names {
        events: TaskEvent::ALL.iter().map(|e| JsValue::from_str(e.name())).collect(),
    })
}

fn listeners() -> &'static RefCell<Vec<Listeners>> {
    LISTENERS.get(Default::default)
}

struct Listeners {
    // `Fn`, not `FnMut`: a subscriber may make the manager deliver again while we deliver.
    message: Closure<dyn Fn(JsValue)>,
    gain: Closure<dyn Fn()>,
    lost: Closure<dyn Fn()>,
    init_failure: Closure<dyn Fn()>,
}

/// The index of `manager`'s binding, creating it on first use.
pub fn binding_for(manager: &JsValue) -> usize {
    intern_content_types();
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
        let topics = TOPICS.get(|| Array::of1(js::name(TOPIC)).into());
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
        undo.push(manager.on_message(js::name(TOPIC), &message)?);
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
        if let Some(f) = js::as_function(f.clone()) {
            let _ = f.call0(&JsValue::UNDEFINED);
        }
    }
}

/// A session's routing key from a `create` argument, as `===` compares it (`None`: an object
/// or `NaN`, which equal nothing parsed from JSON).
pub fn session_key(value: &JsValue) -> Option<RouteKey> {
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
        boundary::intern_key(value, id);
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
        boundary::forget_key(&value);
    }
}

/// Teaches JavaScript the event code of each known `ContentType` (once).
fn intern_content_types() {
    CONTENT_TYPES_INTERNED.get(|| {
        for (content_type, event) in CONTENT_TYPES {
            boundary::intern_content_type(content_type, event.index() as u32 + 1);
        }
    });
}

/// An `aws/task` message from the manager: unpack (in JavaScript), route, and fire each
/// matching session's events.
fn deliver_message(index: usize, message: &JsValue) {
    let data = boundary::unpack_message(message);
    if let Some(reason) = data.as_f64() {
        log_dropped(reason, message);
        return;
    }
    // Two 21-bit key ids and an event code, packed by unpackMessage (see boundary.js).
    let packed = boundary::unpacked_keys() as u64;
    let key = |shift: u32| Some(((packed >> shift) & u64::from(MAX_KEY_ID)) as KeyId).filter(|&k| k != 0);
    let specific = ((packed >> 42) as usize).checked_sub(1).and_then(|i| TaskEvent::ALL.get(i).copied());
    let targets = registry::with(|r| r.bindings[index].table.route(key(0), key(21)));
    for id in targets {
        for event in events_for(specific) {
            fire(id, event, &data);
        }
    }
}

/// Logs why a message was dropped, without its content (customer data, possibly megabytes):
/// only the content's length, when it is a string.
fn log_dropped(reason: f64, message: &JsValue) {
    let content = js::get(message, "content");
    let length = content.dyn_ref::<js_sys::JsString>().map_or(JsValue::UNDEFINED, |s| s.length().into());
    if reason == 1.0 {
        js::log_error("Dropped an aws/task message whose content is not a string", &JsValue::UNDEFINED, None);
    } else if reason == 2.0 {
        let error = boundary::take_parse_error();
        js::log_error("Dropped an aws/task message whose content (%s characters) is not JSON", &length, Some(&error));
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
        if boundary::invoke(f, data, name) {
            js::log_error("A task session subscriber of %s threw", name, Some(&boundary::take_thrown()));
        }
    }
}
