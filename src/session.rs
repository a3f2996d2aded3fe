//! `connect.TaskSession.create(...)` and what a session's methods do.
//!
//! The session object the page gets holds the module's exported functions bound to the
//! session's id (`entry.rs`); the session itself lives in the registry, and what a fresh
//! instance needs to restore it, in the ledger. A connected session keeps delivering after the
//! page drops its object (as the JavaScript library's does); an unconnected one is forgotten
//! when its object is collected.

use crate::binding;
use crate::core::events::{TaskEvent, HOOKS};
use crate::core::subscribers::Subscribers;
use crate::entry::{bind1, bind2, glue};
use crate::ledger::{self, Counter};
use crate::registry::{self, Session};
use crate::streams::{self, CreateArgs};
use js_sys::{Function, Object, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `connect.TaskSession.create({contactId, initialContactId, websocketManager})`: registers
/// the session and returns its object.
pub fn create(args: &JsValue) -> Result<JsValue, JsValue> {
    if !args.is_object() {
        let message = "TaskSession.create needs an object {contactId, initialContactId, websocketManager}";
        return Err(js_sys::TypeError::new(message).into());
    }
    let args = args.unchecked_ref::<CreateArgs>();
    let session = Session {
        initial_contact_id: args.initial_contact_id()?,
        contact_id: args.contact_id()?,
        manager: args.websocket_manager()?,
        subscribers: Subscribers::default(),
        bound_to: None,
    };
    // The ledger is written last when something is added and first when something is removed:
    // a call cut short in between leaves the ledger as if it had not happened, and the fresh
    // instance that replaces this one rebuilds from that.
    let id = ledger::next(Counter::Session);
    let record = (session.contact_id.clone(), session.initial_contact_id.clone(), session.manager.clone());
    registry::with(|r| r.sessions.insert(id.into(), session));
    let object = session_object(id);
    ledger::with(|l| l.finalizer().register(&object, &id.into()));
    ledger::add_session(id, &record.0, &record.1, &record.2);
    Ok(object)
}

thread_local! {
    /// The session object's method names as JavaScript strings, made once: the nine hooks in
    /// event order, then `connect` and `cleanUp`.
    static HOOK_NAMES: [JsValue; HOOKS.len()] = HOOKS.map(JsValue::from_str);
    static OTHER_NAMES: [JsValue; 2] = ["connect", "cleanUp"].map(JsValue::from_str);
}

/// The page's session object: `onTransferInitiated` ... `onConnectionLost`, `connect` and
/// `cleanUp`, bound to session `id`.
fn session_object(id: u32) -> JsValue {
    let object = Object::new();
    let id = JsValue::from(id);
    glue(|g| {
        HOOK_NAMES.with(|names| {
            for event in TaskEvent::ALL {
                let hook = bind2(&g.session_on, &id, &JsValue::from(event.index() as u32));
                let _ = Reflect::set(&object, &names[event.index()], &hook);
            }
        });
        OTHER_NAMES.with(|[connect, clean_up]| {
            let _ = Reflect::set(&object, connect, &bind1(&g.session_connect, &id));
            let _ = Reflect::set(&object, clean_up, &bind1(&g.session_clean_up, &id));
        });
    });
    object.into()
}

/// `session.onX(callback)`: adds a subscriber and returns the function that removes it.
pub fn subscribe(id: u32, event: TaskEvent, callback: JsValue) -> Result<JsValue, JsValue> {
    let Ok(callback) = callback.dyn_into::<Function>() else {
        return Err(js_sys::TypeError::new(&[event.hook(), " needs a function"].concat()).into());
    };
    let subscription = ledger::next(Counter::Subscription);
    let live = registry::with(|r| match r.sessions.get_mut(&id.into()) {
        Some(s) => {
            s.subscribers.add(event, subscription, callback.clone());
            true
        }
        None => false, // cleaned up: inert
    });
    if live {
        ledger::add_subscription(id, subscription, event.index() as u32, &callback);
    }
    Ok(glue(|g| bind2(&g.session_off, &id.into(), &subscription.into())))
}

/// What `session.onX` returned was called.
pub fn unsubscribe(id: u32, subscription: u32) {
    ledger::remove_subscription(id, subscription);
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(&id.into()) {
            s.subscribers.remove(subscription);
        }
    });
}

/// `session.connect()`: starts routing this contact's `aws/task` messages to the subscribers.
/// Resolves to `{connectSuccess: true, connectCalled: true}` a microtask later, after firing
/// `CONNECTION_ESTABLISHED` with that same object; rejects with `connectSuccess: false`.
pub fn connect(id: u32) -> Promise {
    if let Err(error) = join(id) {
        return Promise::reject(&connect_result(false, error));
    }
    // A microtask later, through an exported function (a closure would not survive a recovery
    // in between): `established`, whose return value the promise resolves with.
    let result = connect_result(true, JsValue::UNDEFINED);
    let established = glue(|g| bind2(&g.session_established, &id.into(), &result));
    streams::in_a_microtask(&established)
}

/// `connect()`'s microtask: fires `CONNECTION_ESTABLISHED` with `result`.
pub fn established(id: u32, result: &JsValue) {
    binding::fire(id.into(), TaskEvent::ConnectionEstablished, result);
}

/// `session.cleanUp()`: removes every subscriber, detaches from the websocket manager and
/// ends the session: a later `connect()` rejects, a later `onX` is inert. Safe at any time,
/// and twice.
pub fn clean_up(id: u32) {
    ledger::remove_session(id);
    let left = registry::with(|r| {
        let session = r.sessions.remove(&id.into())?;
        let binding = session.bound_to?;
        let keys = r.binding(binding)?.table.leave(id.into())?;
        Some((binding, keys))
    });
    if let Some((binding, (initial, contact))) = left {
        initial.into_iter().chain(contact).for_each(binding::release);
        binding::release_if_unused(binding);
    }
}

/// The page dropped session `id`'s object: a session that never connected is forgotten.
pub fn collected(id: u32) {
    let forgotten = registry::with(|r| {
        let unconnected = r.sessions.get(&id.into()).is_some_and(|s| s.bound_to.is_none());
        unconnected.then(|| r.sessions.remove(&id.into()))
    });
    if forgotten.is_some() {
        ledger::remove_session(id);
    }
}

/// What `connect()` resolves or rejects with.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConnectResult {
    #[serde(rename = "_debug", with = "serde_wasm_bindgen::preserve")]
    debug: JsValue,
    connect_success: bool,
    connect_called: bool,
}

fn connect_result(success: bool, debug: JsValue) -> JsValue {
    let result = ConnectResult { debug, connect_success: success, connect_called: true };
    result.serialize(&serde_wasm_bindgen::Serializer::new()).unwrap_or_default()
}

/// Puts session `id` into its manager's routing table, attaching to the manager if needed.
/// An `Err` is what `connect()` rejects with (in `_debug`).
fn join(id: u32) -> Result<(), JsValue> {
    let Some((bound, manager)) =
        registry::with(|r| r.sessions.get(&id.into()).map(|s| (s.bound_to.is_some(), s.manager.clone())))
    else {
        return Err(js_sys::Error::new("TaskSession.connect: this session was cleaned up").into());
    };
    if bound {
        return Ok(());
    }
    if !manager.is_object() {
        let message = "TaskSession.connect: the session was created without a websocketManager";
        return Err(js_sys::TypeError::new(message).into());
    }
    let binding = binding::binding_for(&manager);
    if let Err(e) = binding::attach(binding) {
        binding::release_if_unused(binding);
        return Err(e);
    }
    if rejoin(id) {
        ledger::set_connected(id);
    } else {
        binding::release_if_unused(binding); // cleaned up by the manager's own callbacks meanwhile
    }
    Ok(())
}

/// Routes session `id` through its manager's binding (which must exist): interns its contact
/// ids and adds it to the routing table. Also how a fresh instance restores a connected
/// session. Returns false when the session is gone.
pub fn rejoin(id: u32) -> bool {
    let Some((initial, contact, manager)) = registry::with(|r| {
        r.sessions.get(&id.into()).map(|s| (s.initial_contact_id.clone(), s.contact_id.clone(), s.manager.clone()))
    }) else {
        return false;
    };
    let binding = binding::binding_for(&manager);
    let initial = Some(binding::intern(&initial));
    let contact = Some(binding::intern(&contact));
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(&id.into()) {
            s.bound_to = Some(binding);
        }
        if let Some(b) = r.binding(binding) {
            b.table.join(id.into(), initial, contact);
        }
    });
    true
}
