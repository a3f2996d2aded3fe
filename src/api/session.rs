//! `connect.TaskSession.create(...)` and what a session's methods do.
//!
//! The page's session object is the shim's (`js/shim.js`): it holds the session's id, and its
//! methods, on one shared prototype, forward here. The session itself is in the record
//! (`state/record.rs`), and what serves it quickly in this instance's state (`state/live.rs`).
//! A connected session keeps delivering after the page drops its object (as the JavaScript
//! library's does); an unconnected one is forgotten when its object is collected.

use crate::api::{delivery, manager, page};
use crate::core::events::TaskEvent;
use crate::state::live;
use crate::state::record::{NewSession, SessionId, SubscriptionKey};
use crate::sys::builtins::{in_a_microtask, object};
use crate::sys::session_args::SessionArgs;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `connect.TaskSession.create({contactId, initialContactId, websocketManager})`: records the
/// session and returns its object.
pub fn create(args: &JsValue) -> Result<JsValue, JsValue> {
    if !args.is_object() {
        let message = "TaskSession.create needs an object {contactId, initialContactId, websocketManager}";
        return Err(js_sys::TypeError::new(message).into());
    }
    let args = args.unchecked_ref::<SessionArgs>();
    let new = NewSession {
        initial_contact_id: args.initial_contact_id()?,
        contact_id: args.contact_id()?,
        websocket_manager: args.websocket_manager()?,
    };
    let page = page();
    let object = page.add_session(new, |id, new, subscriptions| {
        let object = page.shim().session(id);
        page.finalizer().register(&object, &id.into());
        live::with(|l| l.add_session(id, new, subscriptions));
        object
    });
    Ok(object.into())
}

/// `session.onX(callback)`: adds a subscriber and returns the function that removes it. On a
/// cleaned-up session it adds nothing.
pub fn subscribe(id: SessionId, event: TaskEvent, callback: JsValue) -> Result<JsValue, JsValue> {
    let Ok(callback) = callback.dyn_into::<Function>() else {
        return Err(js_sys::TypeError::new(&[event.hook(), " needs a function"].concat()).into());
    };
    let page = page();
    let subscriptions = live::with(|l| l.session(id).map(|s| s.subscriptions.clone()));
    let unsubscribe = match subscriptions {
        Some(subscriptions) => page.subscribe(&subscriptions, event, &callback, |key| {
            let unsubscribe = page.shim().unsubscribe(id, key.0);
            live::with(|l| l.subscribe(id, key, callback.clone()));
            unsubscribe
        }),
        None => page.shim().unsubscribe(id, SubscriptionKey(0).0),
    };
    Ok(unsubscribe.into())
}

/// What `session.onX` returned was called.
pub fn unsubscribe(id: SessionId, key: SubscriptionKey) {
    let Some(subscriptions) = live::with(|l| l.session(id).map(|s| s.subscriptions.clone())) else { return };
    page().unsubscribe(&subscriptions, key, || live::with(|l| l.unsubscribe(id, key)));
}

/// `session.connect()`: starts routing this contact's `aws/task` messages to the subscribers.
/// Resolves to `{connectSuccess: true, connectCalled: true}` a microtask later, after firing
/// `CONNECTION_ESTABLISHED` with that same object; rejects with `connectSuccess: false`.
pub fn connect(id: SessionId) -> Promise {
    // Made before the session joins: a microtask after it, through the shim (a closure would not
    // survive a recovery in between), `established`, whose return value the promise resolves with.
    let result = connect_result(true, JsValue::UNDEFINED);
    let established = page().shim().established(id, &result);
    match join(id) {
        Ok(()) => in_a_microtask(&established.into()),
        Err(error) => Promise::reject(&connect_result(false, error)),
    }
}

/// `connect()`'s microtask: fires `CONNECTION_ESTABLISHED` with `result`.
pub fn established(id: SessionId, result: &JsValue) {
    delivery::fire(id, TaskEvent::ConnectionEstablished, result);
}

/// `session.cleanUp()`: removes every subscriber, detaches from the websocket manager and
/// ends the session: a later `connect()` rejects, a later `onX` is inert. Safe at any time,
/// and twice.
pub fn clean_up(id: SessionId) {
    let page = page();
    let removed = page.remove_session(id, || live::with(|l| l.remove_session(id))).flatten();
    if let Some(session) = removed.filter(|s| s.joined.is_some()) {
        manager::release_if_unused(&page, &session.made_of.websocket_manager);
    }
}

/// The page dropped session `id`'s object: a session that never connected is forgotten.
pub fn collected(id: SessionId) {
    if live::with(|l| l.session(id).is_some_and(|s| s.joined.is_none())) {
        page().remove_session(id, || live::with(|l| l.remove_session(id)));
    }
}

/// What `connect()` resolves or rejects with: `{_debug, connectSuccess, connectCalled}`.
fn connect_result(success: bool, debug: JsValue) -> JsValue {
    object(&[("_debug", debug), ("connectSuccess", success.into()), ("connectCalled", JsValue::TRUE)]).into()
}

/// Routes session `id` through its websocket manager, attaching to the manager first if
/// needed. An `Err` is what `connect()` rejects with (in `_debug`).
fn join(id: SessionId) -> Result<(), JsValue> {
    let Some((websocket_manager, joined)) =
        live::with(|l| l.session(id).map(|s| (s.made_of.websocket_manager.clone(), s.joined.is_some())))
    else {
        return Err(js_sys::Error::new("TaskSession.connect: this session was cleaned up").into());
    };
    if joined {
        return Ok(());
    }
    if !websocket_manager.is_object() {
        let message = "TaskSession.connect: the session was created without a websocketManager";
        return Err(js_sys::TypeError::new(message).into());
    }
    let page = page();
    let manager = manager::attach(&page, &websocket_manager)?;
    // The manager is page code: it may have cleaned this session up meanwhile.
    if live::with(|l| l.session(id).is_none()) {
        manager::release_if_unused(&page, &websocket_manager);
        return Ok(());
    }
    page.join(id, || live::with(|l| l.join(id, manager)));
    Ok(())
}
