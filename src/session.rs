//! `connect.TaskSession.create(...)` and the session it returns.
//!
//! The session object is a handle: the session itself lives in the registry, so a connected
//! session keeps delivering after the page drops its object (as the JavaScript library's
//! does), and an unconnected one is forgotten when its object is collected.

use crate::binding;
use crate::core::events::TaskEvent;
use crate::core::routing::SessionId;
use crate::core::subscribers::Subscribers;
use crate::registry::{self, Session};
use crate::streams::CreateArgs;
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
    let args = args.unchecked_ref::<CreateArgs>();
    let session = Session {
        initial_contact_id: args.initial_contact_id()?,
        contact_id: args.contact_id()?,
        manager: args.websocket_manager()?,
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
            initial.map(binding::release);
            contact.map(binding::release);
            binding::release_if_unused(binding);
        }
    }
}

impl TaskSession {
    fn subscribe(&self, event: TaskEvent, callback: JsValue) -> Result<Function, JsValue> {
        let Ok(callback) = callback.dyn_into::<Function>() else {
            return Err(js_sys::TypeError::new(&[event.hook(), " needs a function"].concat()).into());
        };
        let subscription = registry::with(|r| {
            let subscription = r.next_subscription_id();
            if let Some(s) = r.sessions.get_mut(self.id) {
                s.subscribers.add(event, subscription, callback);
            }
            subscription
        });
        // One function for every subscription, bound to its ids (cheaper than a closure each).
        let (session, subscription) = (JsValue::from(self.id as f64), JsValue::from(subscription));
        Ok(UNSUBSCRIBE.with(|f| f.bind2(&JsValue::UNDEFINED, &session, &subscription).unchecked_into()))
    }
}

thread_local! {
    /// `unsubscribe(sessionId, subscriptionId)`, what every `onX` returns, bound.
    static UNSUBSCRIBE: Function = crate::streams::function(|session, subscription| {
        let (Some(session), Some(subscription)) = (session.as_f64(), subscription.as_f64()) else {
            return Ok(JsValue::UNDEFINED);
        };
        registry::with(|r| {
            if let Some(s) = r.sessions.get_mut(session as SessionId) {
                s.subscribers.remove(subscription as u32);
            }
        });
        Ok(JsValue::UNDEFINED)
    })
    .unchecked_into();
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
    let Some((initial, contact)) =
        registry::with(|r| r.sessions.get(id).map(|s| (s.initial_contact_id.clone(), s.contact_id.clone())))
    else {
        // Cleaned up by the manager's own callbacks meanwhile.
        binding::release_if_unused(binding);
        return Ok(());
    };
    let initial = Some(binding::intern(&initial));
    let contact = Some(binding::intern(&contact));
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
