//! `connect.TaskSession.create(...)` and what a session's methods do.
//!
//! The session objects themselves are made by `src/boundary.js`: methods on one shared
//! prototype, which call these functions with the session's id.

use crate::binding::{self, session_key};
use crate::core::events::TaskEvent;
use crate::core::routing::SessionId;
use crate::core::subscribers::{SubscriptionId, Subscribers};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::js::{error, get, type_error};
use crate::registry::{self, SessionState};
use wasm_bindgen::prelude::*;

/// `connect.TaskSession.create({contactId, initialContactId, websocketManager})`: registers
/// the session and returns its id.
pub fn create(args: &JsValue) -> Result<SessionId, JsValue> {
    if !args.is_object() {
        return Err(type_error("TaskSession.create needs an object {contactId, initialContactId, websocketManager}"));
    }
    let initial_value = get(args, "initialContactId");
    let contact_value = get(args, "contactId");
    let state = SessionState {
        initial: session_key(&initial_value),
        contact: session_key(&contact_value),
        initial_value,
        contact_value,
        manager: get(args, "websocketManager"),
        subscribers: Subscribers::default(),
        bound_to: None,
    };
    registry::with(|r| r.add_session(state)).ok_or_else(|| error("TaskSession.create: too many live task sessions"))
}

/// `session.onX(callback)` for event number `event`: adds a subscriber and returns its id.
pub fn subscribe(id: SessionId, event: u32, callback: JsValue) -> Result<SubscriptionId, JsValue> {
    let Some(event) = TaskEvent::ALL.get(event as usize).copied() else {
        return Err(type_error("unknown event"));
    };
    if !callback.is_function() {
        let mut msg = String::from(event.hook());
        msg.push_str(" needs a function");
        return Err(type_error(&msg));
    }
    Ok(registry::with(|r| {
        let sub = r.next_subscription_id();
        if let Some(s) = r.sessions.get_mut(id) {
            s.subscribers.add(event, sub, callback);
        }
        sub
    }))
}

/// What `session.onX` returned was called.
pub fn unsubscribe(session: SessionId, subscription: SubscriptionId) {
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(session) {
            s.subscribers.remove(subscription);
        }
    });
}

/// `session.connect()`: starts routing this contact's `aws/task` messages to the subscribers.
/// An `Err` is what the returned promise rejects with (in `_debug`).
pub fn connect(id: SessionId) -> Result<(), JsValue> {
    let session = registry::with(|r| r.sessions.get(id).map(|s| (s.bound_to.is_some(), s.manager.clone())));
    let Some((already, manager)) = session else {
        return Err(error("TaskSession.connect: this session was cleaned up"));
    };
    if !already {
        join(id, &manager)?;
    }
    Ok(())
}

/// `session.cleanUp()`: removes every subscriber, detaches from the websocket manager and
/// frees the session: it is over (a later `connect()` rejects, a later `onX` is inert).
/// Safe at any time, also before `connect()` and more than once.
pub fn clean_up(id: SessionId) {
    let left = registry::with(|r| {
        let s = r.sessions.remove(id)?;
        let index = s.bound_to?;
        let keys = r.bindings[index].table.leave(id)?;
        Some((index, keys))
    });
    if let Some((index, (initial, contact))) = left {
        binding::release(initial);
        binding::release(contact);
        binding::detach_if_unused(index);
    }
}

/// JavaScript collected the session object. A connected session keeps delivering (as the
/// JavaScript library's does); an unconnected one is forgotten.
pub fn collected(id: SessionId) {
    registry::with(|r| {
        if r.sessions.get(id).is_some_and(|s| s.bound_to.is_none()) {
            r.sessions.remove(id);
        }
    });
}

/// Puts session `id` into its manager's routing table, attaching to the manager if needed.
fn join(id: SessionId, manager: &JsValue) -> Result<(), JsValue> {
    if !manager.is_object() {
        return Err(type_error("TaskSession.connect: the session was created without a websocketManager"));
    }
    let index = binding::binding_for(manager);
    binding::attach(index)?;
    let Some((initial, contact, initial_value, contact_value)) = registry::with(|r| {
        let s = r.sessions.get(id)?;
        Some((s.initial.clone(), s.contact.clone(), s.initial_value.clone(), s.contact_value.clone()))
    }) else {
        return Ok(());
    };
    let initial = binding::intern(initial.as_ref(), &initial_value);
    let contact = binding::intern(contact.as_ref(), &contact_value);
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(id) {
            s.bound_to = Some(index);
        }
        r.bindings[index].table.join(id, initial, contact);
    });
    Ok(())
}
