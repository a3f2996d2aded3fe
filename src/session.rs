//! `connect.TaskSession.create(...)` and the session it returns.
//!
//! The session object is a handle: the session itself lives in the registry, so a connected
//! session keeps delivering after the page drops its object (as the JavaScript library's
//! does), and an unconnected one is forgotten when its object is collected.

use crate::binding::{self, route_key};
use crate::core::events::TaskEvent;
use crate::core::routing::SessionId;
use crate::core::subscribers::Subscribers;
use crate::registry::{self, Session};
use js_sys::{Function, Promise};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A task contact's session, from `connect.TaskSession.create` or Streams'
/// `getMediaController()`.
#[wasm_bindgen]
pub struct TaskSession {
    id: SessionId,
}

/// `connect.TaskSession.create({contactId, initialContactId, websocketManager})`.
pub fn create(args: &JsValue) -> Result<TaskSession, JsValue> {
    if !args.is_object() {
        let message = "TaskSession.create needs an object {contactId, initialContactId, websocketManager}";
        return Err(js_sys::TypeError::new(message).into());
    }
    let read = |key| js_sys::Reflect::get(args, &JsValue::from_str(key));
    let initial_value = read("initialContactId")?;
    let contact_value = read("contactId")?;
    let manager = read("websocketManager")?;
    let session = Session {
        initial: route_key(&initial_value),
        contact: route_key(&contact_value),
        initial_value,
        contact_value,
        manager,
        subscribers: Subscribers::default(),
        bound_to: None,
    };
    let id = registry::with(|r| r.sessions.insert(session).ok())
        .ok_or_else(|| js_sys::Error::new("TaskSession.create: too many live task sessions"))?;
    Ok(TaskSession { id })
}

#[wasm_bindgen]
impl TaskSession {
    #[wasm_bindgen(js_name = onTransferInitiated)]
    pub fn on_transfer_initiated(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TransferInitiated, callback)
    }

    #[wasm_bindgen(js_name = onTransferSucceeded)]
    pub fn on_transfer_succeeded(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TransferSucceeded, callback)
    }

    #[wasm_bindgen(js_name = onTransferFailed)]
    pub fn on_transfer_failed(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TransferFailed, callback)
    }

    /// The service warns two hours before a task expires.
    #[wasm_bindgen(js_name = onTaskExpiring)]
    pub fn on_task_expiring(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TaskExpiring, callback)
    }

    #[wasm_bindgen(js_name = onTaskExpired)]
    pub fn on_task_expired(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TaskExpired, callback)
    }

    /// Every message of this contact, after its specific event.
    #[wasm_bindgen(js_name = onMessage)]
    pub fn on_message(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::IncomingMessage, callback)
    }

    /// `connect()` succeeded, or the websocket connection came back.
    #[wasm_bindgen(js_name = onConnectionEstablished)]
    pub fn on_connection_established(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::ConnectionEstablished, callback)
    }

    /// The websocket manager failed to initialise.
    #[wasm_bindgen(js_name = onConnectionBroken)]
    pub fn on_connection_broken(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::ConnectionBroken, callback)
    }

    /// The websocket connection dropped (no hook for it in the JavaScript library).
    #[wasm_bindgen(js_name = onConnectionLost)]
    pub fn on_connection_lost(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::ConnectionLost, callback)
    }

    /// Starts routing this contact's `aws/task` messages to the subscribers. Resolves to
    /// `{connectSuccess: true, connectCalled: true}` a microtask later, after firing
    /// `CONNECTION_ESTABLISHED` with that same object; rejects with `connectSuccess: false`.
    pub fn connect(&self) -> Promise {
        let id = self.id;
        if let Err(error) = join(id) {
            return Promise::reject(&connect_result(false, error));
        }
        wasm_bindgen_futures::future_to_promise(async move {
            let result = connect_result(true, JsValue::UNDEFINED);
            binding::fire(id, TaskEvent::ConnectionEstablished, &result);
            Ok(result)
        })
    }

    /// Removes every subscriber, detaches from the websocket manager and ends the session: a
    /// later `connect()` rejects, a later `onX` is inert. Safe at any time, and twice.
    #[wasm_bindgen(js_name = cleanUp)]
    pub fn clean_up(&self) {
        let left = registry::with(|r| {
            let session = r.sessions.remove(self.id)?;
            let binding = session.bound_to?;
            let keys = r.binding(binding)?.table.leave(self.id)?;
            Some((binding, keys))
        });
        if let Some((binding, (initial, contact))) = left {
            binding::release(initial);
            binding::release(contact);
            binding::release_if_unused(binding);
        }
    }
}

impl TaskSession {
    fn subscribe(&self, event: TaskEvent, callback: JsValue) -> Result<Function, JsValue> {
        let Ok(callback) = callback.dyn_into::<Function>() else {
            return Err(js_sys::TypeError::new(&format!("{} needs a function", event.hook())).into());
        };
        let (id, subscription) = registry::with(|r| {
            let subscription = r.next_subscription_id();
            if let Some(s) = r.sessions.get_mut(self.id) {
                s.subscribers.add(event, subscription, callback);
            }
            (self.id, subscription)
        });
        let unsubscribe = move || {
            registry::with(|r| {
                if let Some(s) = r.sessions.get_mut(id) {
                    s.subscribers.remove(subscription);
                }
            })
        };
        Ok(Closure::<dyn Fn()>::new(unsubscribe).into_js_value().unchecked_into())
    }
}

/// The page dropped the session object. A connected session keeps delivering (as the
/// JavaScript library's does); an unconnected one is forgotten.
impl Drop for TaskSession {
    fn drop(&mut self) {
        registry::with(|r| {
            if r.sessions.get(self.id).is_some_and(|s| s.bound_to.is_none()) {
                r.sessions.remove(self.id);
            }
        });
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
fn join(id: SessionId) -> Result<(), JsValue> {
    let Some((bound, manager)) = registry::with(|r| r.sessions.get(id).map(|s| (s.bound_to.is_some(), s.manager.clone())))
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
    let Some((initial, contact, initial_value, contact_value)) = registry::with(|r| {
        let s = r.sessions.get(id)?;
        Some((s.initial.clone(), s.contact.clone(), s.initial_value.clone(), s.contact_value.clone()))
    }) else {
        // Cleaned up by the manager's own callbacks meanwhile.
        binding::release_if_unused(binding);
        return Ok(());
    };
    let initial = binding::intern(initial.as_ref(), &initial_value);
    let contact = binding::intern(contact.as_ref(), &contact_value);
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(id) {
            s.bound_to = Some(binding);
        }
        if let Some(b) = r.binding(binding) {
            b.table.join(id, initial, contact);
        }
    });
    Ok(())
}
