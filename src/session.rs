//! `connect.TaskSession.create(...)` and the session object it returns.

use crate::binding::{self, fire, session_key};
use crate::core::events::TaskEvent;
use crate::core::subscribers::Subscribers;
use crate::js;
use crate::registry::{self, SessionState};
use js_sys::{Function, Object, Promise};
use crate::global::Global;
#[allow(unused_imports)]
use crate::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A task contact's session: subscribe with the `onX` hooks, then `connect()`; `cleanUp()` ends it.
#[wasm_bindgen]
pub struct TaskSession {
    id: u32,
}

/// The one function behind every unsubscribe function (each is this, bound to two ids).
static UNSUBSCRIBE: Global<Closure<dyn Fn(u32, u32)>> = Global::new();

fn unsubscribe(session: u32, subscription: u32) {
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(session) {
            s.subscribers.remove(subscription);
        }
    });
}

/// `connect.TaskSession.create({contactId, initialContactId, websocketManager})`.
pub fn create(args: JsValue) -> Result<TaskSession, JsValue> {
    if !args.is_object() {
        return Err(js_sys::TypeError::new(
            "TaskSession.create needs an object {contactId, initialContactId, websocketManager}",
        )
        .into());
    }
    let state = SessionState {
        initial: session_key(&js::get(&args, "initialContactId")),
        contact: session_key(&js::get(&args, "contactId")),
        manager: js::get(&args, "websocketManager"),
        subscribers: Subscribers::default(),
        bound_to: None,
    };
    match registry::with(|r| r.add_session(state)) {
        Some(id) => Ok(TaskSession { id }),
        None => Err(js_sys::Error::new("TaskSession.create: too many live task sessions").into()),
    }
}

impl TaskSession {
    fn subscribe(&self, event: TaskEvent, hook: &str, callback: JsValue) -> Result<Function, JsValue> {
        let Ok(callback) = callback.dyn_into::<Function>() else {
            let mut msg = String::from(hook);
            msg.push_str(" needs a function");
            return Err(js_sys::TypeError::new(&msg).into());
        };
        let sub = registry::with(|r| {
            let sub = r.next_subscription_id();
            if let Some(s) = r.sessions.get_mut(self.id) {
                s.subscribers.add(event, sub, callback);
            }
            sub
        });
        let f = UNSUBSCRIBE.get(|| Closure::new(unsubscribe));
        Ok(f.as_ref()
            .unchecked_ref::<Function>()
            .bind2(&JsValue::NULL, &self.id.into(), &sub.into())
            .unchecked_into::<Function>())
    }
}

#[wasm_bindgen]
impl TaskSession {
    /// Every accepted message, after its specific event. Returns an unsubscribe function.
    #[wasm_bindgen(js_name = onMessage)]
    pub fn on_message(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::IncomingMessage, "onMessage", callback)
    }

    /// A transfer of this task succeeded.
    #[wasm_bindgen(js_name = onTransferSucceeded)]
    pub fn on_transfer_succeeded(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TransferSucceeded, "onTransferSucceeded", callback)
    }

    /// A transfer of this task failed.
    #[wasm_bindgen(js_name = onTransferFailed)]
    pub fn on_transfer_failed(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TransferFailed, "onTransferFailed", callback)
    }

    /// A transfer of this task was initiated.
    #[wasm_bindgen(js_name = onTransferInitiated)]
    pub fn on_transfer_initiated(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TransferInitiated, "onTransferInitiated", callback)
    }

    /// The task expires soon (the service warns two hours ahead).
    #[wasm_bindgen(js_name = onTaskExpiring)]
    pub fn on_task_expiring(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TaskExpiring, "onTaskExpiring", callback)
    }

    /// The task expired.
    #[wasm_bindgen(js_name = onTaskExpired)]
    pub fn on_task_expired(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::TaskExpired, "onTaskExpired", callback)
    }

    /// The websocket manager could not initialise.
    #[wasm_bindgen(js_name = onConnectionBroken)]
    pub fn on_connection_broken(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::ConnectionBroken, "onConnectionBroken", callback)
    }

    /// `connect()` succeeded, or the websocket connection came back.
    #[wasm_bindgen(js_name = onConnectionEstablished)]
    pub fn on_connection_established(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::ConnectionEstablished, "onConnectionEstablished", callback)
    }

    /// The websocket connection was lost (new in taskjs-rs).
    #[wasm_bindgen(js_name = onConnectionLost)]
    pub fn on_connection_lost(&self, callback: JsValue) -> Result<Function, JsValue> {
        self.subscribe(TaskEvent::ConnectionLost, "onConnectionLost", callback)
    }

    /// Starts routing this contact's `aws/task` messages to the subscribers. Resolves to
    /// `{connectSuccess: true, connectCalled: true}` after firing `CONNECTION_ESTABLISHED` with it.
    pub fn connect(&self) -> Promise {
        let id = self.id;
        let attached = registry::with(|r| {
            r.sessions
                .get(id)
                .map(|s| (s.bound_to.is_some(), s.manager.clone()))
        });
        let Some((already, manager)) = attached else {
            return Promise::reject(&JsValue::from_str("this task session was freed"));
        };
        if !already {
            if let Err(e) = join(id, &manager) {
                return Promise::reject(&connect_result(false, &e));
            }
        }
        js::log_info("Task session connected");
        let result = connect_result(true, &JsValue::UNDEFINED);
        let on_resolved = Closure::once_into_js(move |_: JsValue| -> JsValue {
            fire(id, TaskEvent::ConnectionEstablished, &result);
            result.into()
        });
        js::then_returning(&Promise::resolve(&JsValue::UNDEFINED), &on_resolved)
    }

    /// Removes every subscriber and detaches from the websocket manager. Safe at any time,
    /// also before `connect()` and more than once.
    #[wasm_bindgen(js_name = cleanUp)]
    pub fn clean_up(&self) {
        let left = registry::with(|r| {
            let s = r.sessions.get_mut(self.id)?;
            s.subscribers.clear();
            let index = s.bound_to.take()?;
            let keys = r.bindings[index].table.leave(self.id)?;
            Some((index, keys))
        });
        if let Some((index, (initial, contact))) = left {
            binding::release(initial);
            binding::release(contact);
            binding::detach_if_unused(index);
        }
    }
}

impl Drop for TaskSession {
    /// Called when JavaScript frees the session object. A connected session keeps delivering
    /// (as the JavaScript library's does); an unconnected one is forgotten.
    fn drop(&mut self) {
        registry::with(|r| {
            if r.sessions.get(self.id).is_some_and(|s| s.bound_to.is_none()) {
                r.sessions.remove(self.id);
            }
        });
    }
}

/// Puts session `id` into its manager's routing table, attaching to the manager if needed.
fn join(id: u32, manager: &JsValue) -> Result<(), JsValue> {
    if !manager.is_object() {
        return Err(js_sys::TypeError::new(
            "TaskSession.connect: the session was created without a websocketManager",
        )
        .into());
    }
    let index = binding::binding_for(manager);
    binding::attach(index)?;
    let Some((initial, contact)) = registry::with(|r| r.sessions.get(id).map(|s| (s.initial.clone(), s.contact.clone())))
    else {
        return Ok(());
    };
    let (initial, contact) = (binding::intern(initial.as_ref()), binding::intern(contact.as_ref()));
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(id) {
            s.bound_to = Some(index);
        }
        r.bindings[index].table.join(id, initial, contact);
    });
    Ok(())
}

/// `{_debug, connectSuccess, connectCalled: true}`, the shape TaskJS resolves/rejects with.
fn connect_result(success: bool, debug: &JsValue) -> Object {
    let o = Object::new();
    js::set(&o, "_debug", debug);
    js::set(&o, "connectSuccess", &success.into());
    js::set(&o, "connectCalled", &true.into());
    o
}
