//! `connect.TaskSession.create(...)` and the session object it returns.
//!
//! A session object is made by `src/boundary.js`: its methods, on one shared prototype,
//! forward to one Rust function per kind of method (subscribe, connect, clean up) with the
//! session's id and, for the hooks, the event.

use crate::binding::{self, fire, session_key};
use crate::core::events::TaskEvent;
use crate::core::subscribers::Subscribers;
use crate::global::Global;
use crate::js;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::registry::{self, SessionState};
use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The functions behind every session's methods, created once.
struct Methods {
    // Session ids travel as JavaScript numbers (f64): they fit in 52 bits (see `slab.rs`).
    subscribe: Closure<dyn Fn(f64, u32, JsValue) -> Result<JsValue, JsValue>>,
    unsubscribe: Closure<dyn Fn(f64, u32)>,
    connect: Closure<dyn Fn(f64) -> JsValue>,
    clean_up: Closure<dyn Fn(f64)>,
    /// `connect()`'s promise step: fires `CONNECTION_ESTABLISHED` with the result, returns it.
    established: Closure<dyn Fn(f64, JsValue) -> JsValue>,
    /// Called when JavaScript has collected a session object.
    collected: Closure<dyn Fn(f64)>,
}

static METHODS: Global<Methods> = Global::new();

fn methods() -> &'static Methods {
    METHODS.get(|| {
        let m = Methods {
            subscribe: Closure::new(|id: f64, event, callback| subscribe(id as u64, event, callback)),
            unsubscribe: Closure::new(|id: f64, sub| unsubscribe(id as u64, sub)),
            connect: Closure::new(|id: f64| connect(id as u64).into()),
            clean_up: Closure::new(|id: f64| clean_up(id as u64)),
            established: Closure::new(|id: f64, result: JsValue| {
                fire(id as u64, TaskEvent::ConnectionEstablished, &result);
                result
            }),
            collected: Closure::new(|id: f64| collected(id as u64)),
        };
        let hooks: js_sys::Array = TaskEvent::ALL.iter().map(|e| js::name(e.hook())).collect();
        define_session(
            &hooks,
            function(&m.subscribe),
            function(&m.connect),
            function(&m.clean_up),
            function(&m.collected),
        );
        m
    })
}

fn function(c: &impl AsRef<JsValue>) -> &Function {
    c.as_ref().unchecked_ref()
}

#[wasm_bindgen(module = "/src/boundary.js")]
extern "C" {
    /// Hands the session methods' Rust functions to JavaScript, once.
    #[wasm_bindgen(js_name = defineSession)]
    fn define_session(hooks: &js_sys::Array, subscribe: &Function, connect: &Function, clean_up: &Function, collected: &Function);
    /// A new session object for `id`.
    #[wasm_bindgen(js_name = newSession)]
    fn new_session(id: f64) -> JsValue;
}

/// `connect.TaskSession.create({contactId, initialContactId, websocketManager})`.
pub fn create(args: JsValue) -> Result<JsValue, JsValue> {
    if !args.is_object() {
        return Err(js_sys::TypeError::new(
            "TaskSession.create needs an object {contactId, initialContactId, websocketManager}",
        )
        .into());
    }
    let initial_value = js::get(&args, "initialContactId");
    let contact_value = js::get(&args, "contactId");
    let state = SessionState {
        initial: session_key(&initial_value),
        contact: session_key(&contact_value),
        initial_value,
        contact_value,
        manager: js::get(&args, "websocketManager"),
        subscribers: Subscribers::default(),
        bound_to: None,
    };
    let Some(id) = registry::with(|r| r.add_session(state)) else {
        return Err(js_sys::Error::new("TaskSession.create: too many live task sessions").into());
    };
    methods();
    Ok(new_session(id as f64))
}

/// `session.onX(callback)`: adds a subscriber; returns its unsubscribe function.
fn subscribe(id: u64, event: u32, callback: JsValue) -> Result<JsValue, JsValue> {
    let Some(event) = TaskEvent::ALL.get(event as usize).copied() else {
        return Ok(JsValue::UNDEFINED);
    };
    let Some(callback) = js::as_function(callback) else {
        let mut msg = String::from(event.hook());
        msg.push_str(" needs a function");
        return Err(js_sys::TypeError::new(&msg).into());
    };
    let sub = registry::with(|r| {
        let sub = r.next_subscription_id();
        if let Some(s) = r.sessions.get_mut(id) {
            s.subscribers.add(event, sub, callback);
        }
        sub
    });
    Ok(function(&methods().unsubscribe).bind2(&JsValue::NULL, &(id as f64).into(), &sub.into()).into())
}

fn unsubscribe(session: u64, subscription: u32) {
    registry::with(|r| {
        if let Some(s) = r.sessions.get_mut(session) {
            s.subscribers.remove(subscription);
        }
    });
}

/// `session.connect()`: starts routing this contact's `aws/task` messages to the subscribers.
/// Resolves to `{connectSuccess: true, connectCalled: true}` after firing
/// `CONNECTION_ESTABLISHED` with it, a microtask later (as TaskJS does).
fn connect(id: u64) -> Promise {
    let session = registry::with(|r| r.sessions.get(id).map(|s| (s.bound_to.is_some(), s.manager.clone())));
    let Some((already, manager)) = session else {
        let gone = js_sys::Error::new("TaskSession.connect: this session was cleaned up");
        return Promise::reject(&connect_result(false, &gone));
    };
    if !already {
        if let Err(e) = join(id, &manager) {
            return Promise::reject(&connect_result(false, &e));
        }
    }
    let result = connect_result(true, &JsValue::UNDEFINED);
    let on_resolved = function(&methods().established).bind2(&JsValue::NULL, &(id as f64).into(), &result);
    js::then_returning(&Promise::resolve(&JsValue::UNDEFINED), &on_resolved)
}

/// `session.cleanUp()`: removes every subscriber, detaches from the websocket manager and
/// frees the session: it is over (a later `connect()` rejects, a later `onX` is inert).
/// Safe at any time, also before `connect()` and more than once.
fn clean_up(id: u64) {
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
fn collected(id: u64) {
    registry::with(|r| {
        if r.sessions.get(id).is_some_and(|s| s.bound_to.is_none()) {
            r.sessions.remove(id);
        }
    });
}

/// Puts session `id` into its manager's routing table, attaching to the manager if needed.
fn join(id: u64, manager: &JsValue) -> Result<(), JsValue> {
    if !manager.is_object() {
        return Err(js_sys::TypeError::new(
            "TaskSession.connect: the session was created without a websocketManager",
        )
        .into());
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

/// `{_debug, connectSuccess, connectCalled: true}`, the shape TaskJS resolves/rejects with.
fn connect_result(success: bool, debug: &JsValue) -> Object {
    let o = Object::new();
    js::set(&o, "_debug", debug);
    js::set(&o, "connectSuccess", &success.into());
    js::set(&o, "connectCalled", &true.into());
    o
}
