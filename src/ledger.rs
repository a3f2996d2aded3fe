//! What the page has built with TaskJS, kept in JavaScript so that it outlives the WebAssembly
//! instance.
//!
//! A call that traps (a panic, an allocation failure) or that the engine unwinds through our
//! frames (a stack overflow) can leave the instance unusable. The module then starts a fresh
//! instance (wasm-bindgen's reinit, see `recovery.rs`), which rebuilds its registry from this
//! record. It works because every function the page holds is one of the module's exported
//! functions bound to its ids (`entry.rs`), which calls whichever instance is current.
//!
//! The records: `globalThis[Symbol.for("taskjs-rs")]`, a `WeakMap` from the compiled
//! `WebAssembly.Module` (which a fresh instance shares with the one it replaces, and which
//! another copy of the bundle on the page does not) to that copy's record, holding
//! - `glue`: the module's exports (the functions to bind),
//! - `sessions`: a `Map` from session id to `[contactId, initialContactId, websocketManager,
//!   subscriptions]`, in creation order; `subscriptions` a `Map` from subscription id to
//!   `[eventIndex, callback]`, in subscription order,
//! - `connected`: a `Set` of the ids of connected sessions, in connection order,
//! - `bindings`: a `Map` from binding id to `[websocketManager, removers, subscribed]`,
//!   `removers` being what the manager returned for our callbacks while they are registered
//!   (undefined when not), `subscribed` whether `subscribeTopics` was sent (once per manager);
//!   a binding stays while the page lives,
//! - `finalizer`: the `FinalizationRegistry` that forgets sessions whose object was collected
//!   before they connected,
//! - `counters`: a `Uint32Array` of the next ids (see [`Counter`]) and the recoveries so far.

use js_sys::{Array, Map, Reflect, Symbol, Uint32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type Ledger;
    #[wasm_bindgen(method, getter)]
    pub fn glue(this: &Ledger) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub fn sessions(this: &Ledger) -> Map;
    #[wasm_bindgen(method, getter)]
    pub fn connected(this: &Ledger) -> js_sys::Set;
    #[wasm_bindgen(method, getter)]
    pub fn bindings(this: &Ledger) -> Map;
    #[wasm_bindgen(method, getter)]
    pub fn counters(this: &Ledger) -> Uint32Array;
    #[wasm_bindgen(method, getter)]
    pub fn finalizer(this: &Ledger) -> js_sys::FinalizationRegistry;
}

/// The counters the record keeps.
#[derive(Clone, Copy)]
pub enum Counter {
    Session,
    Subscription,
    Binding,
    Recoveries,
}

/// Where a session record keeps each of its parts.
pub const CONTACT_ID: u32 = 0;
pub const INITIAL_CONTACT_ID: u32 = 1;
pub const MANAGER: u32 = 2;
pub const SUBSCRIPTIONS: u32 = 3;

thread_local! {
    /// This instance's handle on the record.
    static CURRENT: std::cell::RefCell<Option<Ledger>> = const { std::cell::RefCell::new(None) };
}

fn key() -> JsValue {
    Symbol::for_("taskjs-rs").into()
}

/// The page's records by module (`Err`: reading it threw, e.g. the caller's stack ran out).
fn records(create: bool) -> Result<Option<js_sys::WeakMap>, JsValue> {
    let global = js_sys::global();
    let found = Reflect::get(&global, &key())?;
    if let Some(records) = found.dyn_ref::<js_sys::WeakMap>() {
        return Ok(Some(records.clone()));
    }
    if !create {
        return Ok(None);
    }
    let records = js_sys::WeakMap::new();
    // Not enumerable (invisible to for-in), and there for the page's life: neither deleted
    // nor replaced.
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"value".into(), &records)?;
    Reflect::define_property(global.unchecked_ref::<js_sys::Object>(), &key(), &descriptor)?;
    Ok(Some(records))
}

/// This module's record, if its install made one (`Err`: reading it threw, e.g. the caller's
/// stack ran out; ask again later).
pub fn find() -> Result<Option<Ledger>, JsValue> {
    let Some(records) = records(false)? else { return Ok(None) };
    let ledger = records.get(wasm_bindgen::module().unchecked_ref());
    Ok(ledger.is_object().then(|| ledger.unchecked_into()))
}

/// Makes this module's record from its exports `glue`; an install again in the same instance
/// keeps the one it has.
pub fn create(glue: &JsValue) -> Ledger {
    if let Some(ledger) = CURRENT.with(|c| c.borrow().clone()) {
        return ledger;
    }
    let collected = Reflect::get(glue, &"sessionCollected".into()).unwrap_or_default();
    let finalizer = js_sys::FinalizationRegistry::new(collected.unchecked_ref());
    let ledger = js_sys::Object::new();
    let _ = Reflect::set(&ledger, &"finalizer".into(), &finalizer);
    let _ = Reflect::set(&ledger, &"glue".into(), glue);
    let _ = Reflect::set(&ledger, &"sessions".into(), &Map::new());
    let _ = Reflect::set(&ledger, &"connected".into(), &js_sys::Set::new(&JsValue::UNDEFINED));
    let _ = Reflect::set(&ledger, &"bindings".into(), &Map::new());
    let _ = Reflect::set(&ledger, &"counters".into(), &Uint32Array::new_with_length(4));
    if let Ok(Some(records)) = records(true) {
        records.set(wasm_bindgen::module().unchecked_ref(), &ledger);
    }
    let ledger: Ledger = ledger.unchecked_into();
    remember(&ledger);
    ledger
}

/// Makes `ledger` this instance's record (a fresh instance found it).
pub fn remember(ledger: &Ledger) {
    CURRENT.with(|c| *c.borrow_mut() = Some(ledger.clone()));
}

/// Runs `f` with this instance's record, if there is one.
pub fn with<R>(f: impl FnOnce(&Ledger) -> R) -> Option<R> {
    let ledger = CURRENT.with(|c| c.borrow().clone()).or_else(|| {
        let found = find().ok()??;
        remember(&found);
        Some(found)
    })?;
    Some(f(&ledger))
}

/// Takes the next value of a counter.
pub fn next(counter: Counter) -> u32 {
    with(|l| {
        let counters = l.counters();
        let value = counters.get_index(counter as u32).wrapping_add(1);
        counters.set_index(counter as u32, value);
        value
    })
    .unwrap_or(0)
}

/// A counter's current value.
pub fn get(counter: Counter) -> u32 {
    with(|l| l.counters().get_index(counter as u32)).unwrap_or(0)
}

/// The record of session `id`.
pub fn session(id: u32) -> Option<Array> {
    with(|l| l.sessions().get(&id.into())).filter(JsValue::is_object).map(JsCast::unchecked_into)
}

/// Records a new session.
pub fn add_session(id: u32, contact_id: &JsValue, initial_contact_id: &JsValue, manager: &JsValue) {
    let record = Array::of4(contact_id, initial_contact_id, manager, &Map::new());
    with(|l| l.sessions().set(&id.into(), &record));
}

/// Forgets a session.
pub fn remove_session(id: u32) {
    with(|l| {
        l.sessions().delete(&id.into());
        l.connected().delete(&id.into());
    });
}

/// Records that session `id` connected (after those that connected before).
pub fn set_connected(id: u32) {
    with(|l| l.connected().add(&id.into()));
}

/// Records a subscription.
pub fn add_subscription(id: u32, subscription: u32, event: u32, callback: &JsValue) {
    if let Some(record) = session(id) {
        let map: Map = record.get(SUBSCRIPTIONS).unchecked_into();
        map.set(&subscription.into(), &Array::of2(&event.into(), callback));
    }
}

/// Forgets a subscription.
pub fn remove_subscription(id: u32, subscription: u32) {
    if let Some(record) = session(id) {
        record.get(SUBSCRIPTIONS).unchecked_into::<Map>().delete(&subscription.into());
    }
}

/// Where a binding record keeps each of its parts.
pub const BINDING_MANAGER: u32 = 0;
pub const REMOVERS: u32 = 1;
pub const SUBSCRIBED: u32 = 2;

/// Records a binding (once per websocket manager).
pub fn add_binding(id: u32, manager: &JsValue) {
    let record = Array::of3(manager, &JsValue::UNDEFINED, &JsValue::FALSE);
    with(|l| l.bindings().set(&id.into(), &record));
}

/// Sets a part of binding `id`'s record.
pub fn set_binding(id: u32, part: u32, value: &JsValue) {
    if let Some(record) = with(|l| l.bindings().get(&id.into())).filter(JsValue::is_object) {
        record.unchecked_ref::<Array>().set(part, value.clone());
    }
}

/// A part of binding `id`'s record.
pub fn binding_part(id: u32, part: u32) -> JsValue {
    with(|l| l.bindings().get(&id.into()))
        .filter(JsValue::is_object)
        .map_or(JsValue::UNDEFINED, |r| r.unchecked_ref::<Array>().get(part))
}
