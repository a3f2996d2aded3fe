//! The record of what the page has built with TaskJS: the one place that outlives a WebAssembly
//! instance.
//!
//! A call that traps, or that the engine unwinds through our frames (a stack overflow), may leave
//! the instance half updated; the module then continues in a fresh instance (`instance.rs`),
//! which derives everything it keeps from this record (`live.rs`). The record is JavaScript:
//! `globalThis[Symbol.for("taskjs-rs")]`, a `WeakMap` from the compiled `WebAssembly.Module`
//! (which a fresh instance shares with the one it replaces, and another copy of the bundle on
//! the page does not) to a [`PageRecord`]:
//!
//! ```text
//! PageRecord     { shim, finalizer, lastId, recoveries,
//!                  sessions: Map<id, SessionRecord> (in creation order),
//!                  connected: Set<id> (in connection order: the order messages reach them in),
//!                  managers: Map<websocketManager, ManagerRecord> }
//! SessionRecord  { contactId, initialContactId, websocketManager,
//!                  subscriptions: Map<subscription id, callback> (in subscription order; the
//!                  id carries the event: `SubscriptionKey`) }
//! ManagerRecord  { id, subscribed: whether aws/task was subscribed (once per manager),
//!                  registrations: for each of our callbacks registered on it, what the manager
//!                  returned to remove it }
//! ```
//!
//! The page record's own parts never change once made, so an instance reads them once
//! ([`Page`]). This module is its only writer, and its API fixes the order of the writes, so
//! that a call cut
//! short part way leaves the record true:
//! - an addition (`add_session`, `subscribe`, `join`, `add_manager`, `subscribe_once`) runs
//!   the caller's work first and writes the record last, in one JavaScript operation: cut short
//!   before it, and the record is as if the call had not happened;
//! - a removal (`remove_session`, `unsubscribe`, `release`) writes the record first, in one
//!   operation, and then runs the caller's work: cut short after it, and what the page was told
//!   is gone stays gone (a connected session leaves `connected` after `sessions`: an id there
//!   without a session is ignored);
//! - a registration on a manager is recorded as it returns, in its own slot
//!   ([`ManagerRecord::registered`] takes what the manager returned), and a removal that fails
//!   is recorded again, so the record holds exactly what is registered.

use crate::core::config::{ConfigChange, REQUEST_TIMEOUT_DEFAULT_MS};
use crate::core::events::TaskEvent;
use crate::sys::shim::Shim;
use js_sys::{Array, FinalizationRegistry, Function, Map, Object, Reflect, Set, Symbol, WeakMap};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use crate::core::routing::SessionId;
/// A websocket manager's id, which our callbacks on it hold.
pub type ManagerId = u32;

#[wasm_bindgen]
extern "C" {
    // The fields the page's calls read or write, each with its own accessor (a field read once
    // per instance, or only by a fresh one, goes through `field`/`set_field` instead).

    #[wasm_bindgen(extends = Object)]
    type PageObject;
    #[wasm_bindgen(method, getter, js_name = lastId)]
    fn last_id(this: &PageObject) -> u32;
    #[wasm_bindgen(method, setter, js_name = lastId)]
    fn set_last_id(this: &PageObject, id: u32);

    /// A session, from `TaskSession.create` until `cleanUp()` (or until its object is collected
    /// before it connected).
    #[derive(Clone)]
    pub type SessionRecord;
    #[wasm_bindgen(method, setter, js_name = contactId)]
    fn set_contact_id(this: &SessionRecord, id: &JsValue);
    #[wasm_bindgen(method, setter, js_name = initialContactId)]
    fn set_initial_contact_id(this: &SessionRecord, id: &JsValue);
    #[wasm_bindgen(method, setter, js_name = websocketManager)]
    fn set_websocket_manager(this: &SessionRecord, manager: &JsValue);
    #[wasm_bindgen(method, setter)]
    fn set_subscriptions(this: &SessionRecord, subscriptions: &Map);

    /// A websocket manager some session connected through; kept while the page lives.
    #[derive(Clone)]
    pub type ManagerRecord;
    #[wasm_bindgen(method, getter)]
    pub fn id(this: &ManagerRecord) -> ManagerId;
    #[wasm_bindgen(method, getter)]
    fn subscribed(this: &ManagerRecord) -> bool;
    #[wasm_bindgen(method, setter)]
    fn set_subscribed(this: &ManagerRecord, subscribed: bool);
    #[wasm_bindgen(method, getter)]
    fn registrations(this: &ManagerRecord) -> JsValue;
    #[wasm_bindgen(method, setter)]
    fn set_registrations(this: &ManagerRecord, registrations: &JsValue);
}

/// `object[name]`, for the fields without an accessor of their own.
fn field<T: JsCast>(object: &JsValue, name: &str) -> T {
    Reflect::get(object, &name.into()).unwrap_or_default().unchecked_into()
}

fn set_field(object: &JsValue, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &name.into(), value);
}

/// This copy of the bundle's record, with its parts as this instance read them.
pub struct Page {
    object: PageObject,
    shim: Shim,
    finalizer: FinalizationRegistry,
    sessions: Map,
    connected: Set,
    managers: Map,
}

thread_local! {
    /// This instance's record.
    static CURRENT: RefCell<Option<Rc<Page>>> = const { RefCell::new(None) };
}

fn key() -> JsValue {
    Symbol::for_("taskjs-rs").into()
}

/// The page's records by module (`Err`: reading it threw, e.g. the caller's stack ran out).
fn records(create: bool) -> Result<Option<WeakMap>, JsValue> {
    let global = js_sys::global();
    let found = Reflect::get(&global, &key())?;
    if let Some(records) = found.dyn_ref::<WeakMap>() {
        return Ok(Some(records.clone()));
    }
    if !create {
        return Ok(None);
    }
    let records = WeakMap::new();
    // Not enumerable (invisible to for-in), and there for the page's life: neither deleted
    // nor replaced.
    let descriptor = crate::sys::builtins::object(&[("value", records.clone().into())]);
    Reflect::define_property(global.unchecked_ref::<Object>(), &key(), &descriptor)?;
    Ok(Some(records))
}

/// This instance's record: the one it made or found.
pub fn current() -> Option<Rc<Page>> {
    CURRENT.with(|c| c.borrow().clone())
}

fn remember(object: PageObject) -> Rc<Page> {
    let page = Rc::new(Page {
        shim: field(&object, "shim"),
        finalizer: field(&object, "finalizer"),
        sessions: field(&object, "sessions"),
        connected: field(&object, "connected"),
        managers: field(&object, "managers"),
        object,
    });
    CURRENT.with(|c| *c.borrow_mut() = Some(page.clone()));
    page
}

/// Finds this module's record and makes it this instance's (a fresh instance); `Ok(None)` if
/// the module has none yet. `Err`: reading it threw (the caller's stack ran out): ask again.
pub fn find() -> Result<Option<Rc<Page>>, JsValue> {
    let Some(records) = records(false)? else { return Ok(None) };
    let found = records.get(wasm_bindgen::module().unchecked_ref());
    Ok(found.is_object().then(|| remember(found.unchecked_into())))
}

/// Makes this module's record, around the loader's `shim`.
pub fn create(shim: Shim) -> Rc<Page> {
    let object: PageObject = Object::new().unchecked_into();
    let finalizer = FinalizationRegistry::new(shim.collected().unchecked_ref());
    set_field(&object, "shim", &shim);
    set_field(&object, "finalizer", &finalizer);
    set_field(&object, "sessions", &Map::new());
    set_field(&object, "connected", &Set::new(&JsValue::UNDEFINED));
    set_field(&object, "managers", &Map::new());
    set_field(&object, "recoveries", &0.into());
    object.set_last_id(0);
    if let Ok(Some(records)) = records(true) {
        records.set(wasm_bindgen::module().unchecked_ref(), &object);
    }
    remember(object)
}

/// What a new session is made of.
pub struct NewSession {
    pub contact_id: JsValue,
    pub initial_contact_id: JsValue,
    pub websocket_manager: JsValue,
}

/// A subscription's id, which its unsubscribe function holds; it carries the subscription's
/// event in its low bits (the record keeps only the callback under it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubscriptionKey(pub u32);

impl SubscriptionKey {
    const EVENT_BITS: u32 = 4;

    fn new(id: u32, event: TaskEvent) -> Self {
        SubscriptionKey(id << Self::EVENT_BITS | event as u32)
    }

    pub fn event(self) -> Option<TaskEvent> {
        TaskEvent::ALL.get((self.0 & ((1 << Self::EVENT_BITS) - 1)) as usize).copied()
    }
}

impl Page {
    pub fn shim(&self) -> &Shim {
        &self.shim
    }

    /// Forgets sessions whose object was collected before they connected.
    pub fn finalizer(&self) -> &FinalizationRegistry {
        &self.finalizer
    }

    /// A new id (ids of every kind come from one counter, and are never reused).
    fn next_id(&self) -> u32 {
        let id = self.object.last_id().wrapping_add(1);
        self.object.set_last_id(id);
        id
    }

    /// How long an agent request waits for its answer, in milliseconds (0: no limit), as the
    /// page's configuration says (one for every copy of the bundle on the page).
    pub fn request_timeout_ms(&self) -> f64 {
        self.shim.config().request_timeout_ms().unwrap_or(REQUEST_TIMEOUT_DEFAULT_MS)
    }

    /// Applies `setGlobalConfig`'s change to the page's configuration.
    pub fn configure(&self, change: &ConfigChange) {
        if let Some(ms) = change.request_timeout_ms {
            self.shim.config().set_request_timeout_ms(ms);
        }
    }

    /// How many times a failed call was recovered from.
    pub fn recoveries(&self) -> u32 {
        as_id(&field(&self.object, "recoveries"))
    }

    /// Counts a recovery.
    pub fn count_recovery(&self) {
        set_field(&self.object, "recoveries", &(self.recoveries() + 1).into());
    }

    /// Adds a session: `derive` runs first with its id, what it is made of and where its
    /// subscriptions will be, then the record is written.
    pub fn add_session<R>(&self, new: NewSession, derive: impl FnOnce(SessionId, NewSession, Map) -> R) -> R {
        let id = self.next_id();
        let session: SessionRecord = Object::new().unchecked_into();
        let subscriptions = Map::new();
        session.set_contact_id(&new.contact_id);
        session.set_initial_contact_id(&new.initial_contact_id);
        session.set_websocket_manager(&new.websocket_manager);
        session.set_subscriptions(&subscriptions);
        let derived = derive(id, new, subscriptions);
        self.sessions.set(&id.into(), &session);
        derived
    }

    /// Removes session `id`: the record first, then `after`.
    pub fn remove_session<R>(&self, id: SessionId, after: impl FnOnce() -> R) -> Option<R> {
        if !self.sessions.delete(&id.into()) {
            return None;
        }
        self.connected.delete(&id.into());
        Some(after())
    }

    /// Every session, in creation order.
    pub fn each_session(&self) -> Vec<(SessionId, SessionRecord)> {
        entries(&self.sessions).map(|(id, s)| (as_id(&id), s.unchecked_into())).collect()
    }

    /// The connected sessions' ids, in connection order.
    pub fn each_connected(&self) -> Vec<SessionId> {
        Array::from(&self.connected).iter().map(|id| as_id(&id)).collect()
    }

    /// Adds a subscription to `session`'s `subscriptions`: `derive` runs first with its key,
    /// then the record is written.
    pub fn subscribe<R>(
        &self,
        subscriptions: &Map,
        event: TaskEvent,
        callback: &Function,
        derive: impl FnOnce(SubscriptionKey) -> R,
    ) -> R {
        let key = SubscriptionKey::new(self.next_id(), event);
        let derived = derive(key);
        subscriptions.set(&key.0.into(), callback);
        derived
    }

    /// Removes subscription `key` from `subscriptions`: the record first, then `after`.
    pub fn unsubscribe<R>(&self, subscriptions: &Map, key: SubscriptionKey, after: impl FnOnce() -> R) -> Option<R> {
        subscriptions.delete(&key.0.into()).then(after)
    }

    /// Records that session `id` connected, after every session connected so far: `derive`
    /// runs first, then the record is written.
    pub fn join<R>(&self, id: SessionId, derive: impl FnOnce() -> R) -> R {
        let derived = derive();
        self.connected.add(&id.into());
        derived
    }

    /// The websocket manager `manager`'s record, if some session connected through it.
    pub fn manager(&self, manager: &JsValue) -> Option<ManagerRecord> {
        let found = self.managers.get(manager);
        found.is_object().then(|| found.unchecked_into())
    }

    /// Adds websocket manager `manager`: `derive` runs first with its id, then the record is
    /// written; returns the record.
    pub fn add_manager(&self, manager: &JsValue, derive: impl FnOnce(ManagerId)) -> ManagerRecord {
        let id = self.next_id();
        let record: ManagerRecord = Object::new().unchecked_into();
        set_field(&record, "id", &id.into());
        record.set_subscribed(false);
        derive(id);
        self.managers.set(manager, &record);
        record
    }

    /// The websocket manager whose id is `id`, and its record.
    pub fn manager_by_id(&self, id: ManagerId) -> Option<(JsValue, ManagerRecord)> {
        entries(&self.managers).map(|(m, r)| (m, r.unchecked_into::<ManagerRecord>())).find(|(_, r)| r.id() == id)
    }

    /// Every manager's record.
    pub fn each_manager(&self) -> Vec<ManagerRecord> {
        entries(&self.managers).map(|(_, m)| m.unchecked_into()).collect()
    }
}

impl SessionRecord {
    pub fn contact_id(&self) -> JsValue {
        field(self, "contactId")
    }

    pub fn initial_contact_id(&self) -> JsValue {
        field(self, "initialContactId")
    }

    pub fn websocket_manager(&self) -> JsValue {
        field(self, "websocketManager")
    }

    pub fn subscriptions(&self) -> Map {
        field(self, "subscriptions")
    }
}

/// A session's subscriptions, in subscription order.
pub fn each_subscription(subscriptions: &Map) -> Vec<(SubscriptionKey, Function)> {
    entries(subscriptions).map(|(key, f)| (SubscriptionKey(as_id(&key)), f.unchecked_into())).collect()
}

impl ManagerRecord {
    /// Sends `subscribe` (the manager's `subscribeTopics`) unless it was sent before, and
    /// records that it was once it has returned.
    pub fn subscribe_once(&self, subscribe: impl FnOnce() -> Result<(), JsValue>) -> Result<(), JsValue> {
        if self.subscribed() {
            return Ok(());
        }
        subscribe()?;
        self.set_subscribed(true);
        Ok(())
    }

    /// What is registered of our callbacks, one slot per callback: what the manager returned
    /// to remove it (`null` when it returned nothing), or nothing while it is not registered.
    pub fn registrations_now(&self) -> Array {
        let list = self.registrations();
        if list.is_object() { list.unchecked_into() } else { Array::new() }
    }

    /// Records what registering the callback of `slot` returned, once it has returned.
    pub fn registered(&self, slot: u32, returned: &JsValue) {
        let list = self.registrations_now();
        list.set(slot, if returned.is_undefined() { JsValue::NULL } else { returned.clone() });
        self.set_registrations(&list);
    }

    /// Our callbacks are to be removed: the record first (nothing registered), then `remove`
    /// with each slot and what its registration returned; what `remove` gives back (the slots it
    /// could not remove) is recorded again as registered.
    pub fn release(&self, remove: impl FnOnce(Vec<(u32, JsValue)>) -> Vec<(u32, JsValue)>) {
        let list = self.registrations_now();
        if list.length() == 0 {
            return;
        }
        self.set_registrations(&JsValue::UNDEFINED);
        let slots = list.iter().enumerate().filter(|(_, r)| !r.is_undefined()).map(|(i, r)| (i as u32, r)).collect();
        for (slot, returned) in remove(slots) {
            self.registered(slot, &returned);
        }
    }
}

/// A `Map`'s entries as (key, value) pairs, read as arrays (no callbacks from JavaScript, which
/// would take stack).
fn entries(map: &Map) -> impl Iterator<Item = (JsValue, JsValue)> {
    Array::from(&map.entries()).into_iter().map(|entry| {
        let entry: Array = entry.unchecked_into();
        (entry.get(0), entry.get(1))
    })
}

/// An id the record holds (a JavaScript number).
fn as_id(v: &JsValue) -> u32 {
    v.as_f64().unwrap_or(0.0) as u32
}
