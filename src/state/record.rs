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
//!                  subscriptions: Map<id, SubscriptionRecord> (in subscription order) }
//! SubscriptionRecord { event, callback }
//! ManagerRecord  { id, subscribed: whether aws/task was subscribed (once per manager),
//!                  registrations: what the manager returned for our callbacks, while registered }
//! ```
//!
//! This module is its only writer, and its API fixes the order of the writes, so that a call cut
//! short part way leaves the record true:
//! - an addition (`add_session`, `subscribe`, `join`, `add_manager`, `subscribe_once`) runs
//!   the caller's work first and writes the record last, in one JavaScript operation: cut short
//!   before it, and the record is as if the call had not happened;
//! - a removal (`remove_session`, `unsubscribe`, `release`) writes the record first, in one
//!   operation, and then runs the caller's work: cut short after it, and what the page was told
//!   is gone stays gone (a connected session leaves `connected` after `sessions`: an id there
//!   without a session is ignored);
//! - a registration on a manager is recorded as it returns ([`Registrations::add`] takes what
//!   the manager returned), so the record holds exactly what is registered, even when a call
//!   registering several was cut short.

use crate::core::events::TaskEvent;
use crate::sys::shim::Shim;
use js_sys::{Array, FinalizationRegistry, Function, Map, Object, Reflect, Set, Symbol, WeakMap};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use crate::core::routing::SessionId;
pub use crate::core::subscribers::SubscriptionId;
/// A websocket manager's id, which our callbacks on it hold.
pub type ManagerId = u32;

#[wasm_bindgen]
extern "C" {
    /// One copy of the bundle's record.
    #[derive(Clone)]
    pub type PageRecord;
    /// A session, from `TaskSession.create` until `cleanUp()` (or until its object is collected
    /// before it connected).
    #[derive(Clone)]
    pub type SessionRecord;
    /// One subscriber of one event of a session.
    pub type SubscriptionRecord;
    /// A websocket manager some session connected through; kept while the page lives.
    #[derive(Clone)]
    pub type ManagerRecord;

    // Every field of these is read and written through these two (no glue of its own).
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn read(target: &JsValue, key: &JsValue) -> JsValue;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn write(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
}

/// The fields of the record's objects.
#[derive(Clone, Copy)]
enum Field {
    Shim,
    Finalizer,
    LastId,
    Recoveries,
    Sessions,
    Connected,
    Managers,
    ContactId,
    InitialContactId,
    WebsocketManager,
    Subscriptions,
    Event,
    Callback,
    Id,
    Subscribed,
    Registrations,
}

/// Each [`Field`]'s name, in its order.
const FIELD_NAMES: [&str; 16] = [
    "shim", "finalizer", "lastId", "recoveries", "sessions", "connected", "managers", "contactId",
    "initialContactId", "websocketManager", "subscriptions", "event", "callback", "id", "subscribed",
    "registrations",
];

thread_local! {
    /// [`FIELD_NAMES`] as JavaScript strings, made once.
    static FIELD_KEYS: [JsValue; FIELD_NAMES.len()] = FIELD_NAMES.map(JsValue::from_str);
    /// This instance's handle on its record.
    static CURRENT: RefCell<Option<PageRecord>> = const { RefCell::new(None) };
}

fn get<T: JsCast>(object: &JsValue, field: Field) -> T {
    FIELD_KEYS.with(|keys| read(object, &keys[field as usize])).unchecked_into()
}

fn set(object: &JsValue, field: Field, value: &JsValue) {
    FIELD_KEYS.with(|keys| write(object, &keys[field as usize], value));
}

/// A fresh object with these fields.
fn new_record<T: JsCast>(fields: &[(Field, &JsValue)]) -> T {
    let object: JsValue = Object::new().into();
    for (field, value) in fields {
        set(&object, *field, value);
    }
    object.unchecked_into()
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
pub fn current() -> Option<PageRecord> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Finds this module's record and makes it this instance's (a fresh instance); `Ok(None)` if
/// the module has none yet. `Err`: reading it threw (the caller's stack ran out): ask again.
pub fn find() -> Result<Option<PageRecord>, JsValue> {
    let Some(records) = records(false)? else { return Ok(None) };
    let found = records.get(wasm_bindgen::module().unchecked_ref());
    if !found.is_object() {
        return Ok(None);
    }
    let record: PageRecord = found.unchecked_into();
    CURRENT.with(|c| *c.borrow_mut() = Some(record.clone()));
    Ok(Some(record))
}

/// Makes this module's record, around the loader's `shim`.
pub fn create(shim: Shim) -> PageRecord {
    let finalizer = FinalizationRegistry::new(shim.collected().unchecked_ref());
    let zero = JsValue::from(0);
    let record: PageRecord = new_record(&[
        (Field::Shim, &shim),
        (Field::Finalizer, &finalizer),
        (Field::LastId, &zero),
        (Field::Recoveries, &zero),
        (Field::Sessions, &Map::new()),
        (Field::Connected, &Set::new(&JsValue::UNDEFINED)),
        (Field::Managers, &Map::new()),
    ]);
    if let Ok(Some(records)) = records(true) {
        records.set(wasm_bindgen::module().unchecked_ref(), &record);
    }
    CURRENT.with(|c| *c.borrow_mut() = Some(record.clone()));
    record
}

/// What a new session is made of.
pub struct NewSession {
    pub contact_id: JsValue,
    pub initial_contact_id: JsValue,
    pub websocket_manager: JsValue,
}

impl PageRecord {
    pub fn shim(&self) -> Shim {
        get(self, Field::Shim)
    }

    /// Forgets sessions whose object was collected before they connected.
    pub fn finalizer(&self) -> FinalizationRegistry {
        get(self, Field::Finalizer)
    }

    /// A new id (ids of every kind come from one counter, and are never reused).
    fn next_id(&self) -> u32 {
        let id = get::<JsValue>(self, Field::LastId).as_f64().unwrap_or(0.0) as u32 + 1;
        set(self, Field::LastId, &id.into());
        id
    }

    /// How many times a failed call was recovered from.
    pub fn recoveries(&self) -> u32 {
        get::<JsValue>(self, Field::Recoveries).as_f64().unwrap_or(0.0) as u32
    }

    /// Counts a recovery.
    pub fn count_recovery(&self) {
        set(self, Field::Recoveries, &(self.recoveries() + 1).into());
    }

    fn sessions(&self) -> Map {
        get(self, Field::Sessions)
    }

    fn connected(&self) -> Set {
        get(self, Field::Connected)
    }

    fn managers(&self) -> Map {
        get(self, Field::Managers)
    }

    /// Adds a session: `derive` runs first with its id and record, then the record is written.
    pub fn add_session<R>(&self, new: NewSession, derive: impl FnOnce(SessionId, &SessionRecord) -> R) -> R {
        let id = self.next_id();
        let session: SessionRecord = new_record(&[
            (Field::ContactId, &new.contact_id),
            (Field::InitialContactId, &new.initial_contact_id),
            (Field::WebsocketManager, &new.websocket_manager),
            (Field::Subscriptions, &Map::new()),
        ]);
        let derived = derive(id, &session);
        self.sessions().set(&id.into(), &session);
        derived
    }

    /// Session `id`, unless it was removed.
    pub fn session(&self, id: SessionId) -> Option<SessionRecord> {
        let found = self.sessions().get(&id.into());
        found.is_object().then(|| found.unchecked_into())
    }

    /// Removes session `id`: the record first, then `after` with what it was.
    pub fn remove_session<R>(&self, id: SessionId, after: impl FnOnce(SessionRecord) -> R) -> Option<R> {
        let session = self.session(id)?;
        self.sessions().delete(&id.into());
        self.connected().delete(&id.into());
        Some(after(session))
    }

    /// Every session, in creation order.
    pub fn each_session(&self) -> Vec<(SessionId, SessionRecord)> {
        entries(&self.sessions()).map(|(id, s)| (as_id(&id), s.unchecked_into())).collect()
    }

    /// The connected sessions' ids, in connection order.
    pub fn each_connected(&self) -> Vec<SessionId> {
        Array::from(&self.connected()).iter().map(|id| as_id(&id)).collect()
    }

    /// Adds a subscription to `session`: `derive` runs first with its id, then the record is
    /// written.
    pub fn subscribe<R>(
        &self,
        session: &SessionRecord,
        event: TaskEvent,
        callback: &Function,
        derive: impl FnOnce(SubscriptionId) -> R,
    ) -> R {
        let id = self.next_id();
        let subscription: JsValue = new_record(&[(Field::Event, &(event as u32).into()), (Field::Callback, callback)]);
        let derived = derive(id);
        session.subscriptions().set(&id.into(), &subscription);
        derived
    }

    /// Removes subscription `id` of `session`: the record first, then `after`.
    pub fn unsubscribe<R>(&self, session: &SessionRecord, id: SubscriptionId, after: impl FnOnce() -> R) -> Option<R> {
        session.subscriptions().delete(&id.into()).then(after)
    }

    /// Records that session `id` connected, after every session connected so far: `derive`
    /// runs first, then the record is written.
    pub fn join<R>(&self, id: SessionId, derive: impl FnOnce() -> R) -> R {
        let derived = derive();
        self.connected().add(&id.into());
        derived
    }

    /// The websocket manager `manager`'s record, if some session connected through it.
    pub fn manager(&self, manager: &JsValue) -> Option<ManagerRecord> {
        let found = self.managers().get(manager);
        found.is_object().then(|| found.unchecked_into())
    }

    /// Adds websocket manager `manager`: `derive` runs first with its id, then the record is
    /// written; returns the record.
    pub fn add_manager(&self, manager: &JsValue, derive: impl FnOnce(ManagerId)) -> ManagerRecord {
        let id = self.next_id();
        let record: ManagerRecord = new_record(&[(Field::Id, &id.into()), (Field::Subscribed, &JsValue::FALSE)]);
        derive(id);
        self.managers().set(manager, &record);
        record
    }

    /// Every manager's record.
    pub fn each_manager(&self) -> Vec<ManagerRecord> {
        entries(&self.managers()).map(|(_, m)| m.unchecked_into()).collect()
    }
}

impl SessionRecord {
    pub fn contact_id(&self) -> JsValue {
        get(self, Field::ContactId)
    }

    pub fn initial_contact_id(&self) -> JsValue {
        get(self, Field::InitialContactId)
    }

    pub fn websocket_manager(&self) -> JsValue {
        get(self, Field::WebsocketManager)
    }

    fn subscriptions(&self) -> Map {
        get(self, Field::Subscriptions)
    }

    /// Its subscriptions, in subscription order.
    pub fn each_subscription(&self) -> Vec<(SubscriptionId, SubscriptionRecord)> {
        entries(&self.subscriptions()).map(|(id, s)| (as_id(&id), s.unchecked_into())).collect()
    }
}

impl SubscriptionRecord {
    pub fn event(&self) -> Option<TaskEvent> {
        let index = get::<JsValue>(self, Field::Event).as_f64()?;
        TaskEvent::ALL.get(index as usize).copied()
    }

    pub fn callback(&self) -> Function {
        get(self, Field::Callback)
    }
}

impl ManagerRecord {
    pub fn id(&self) -> ManagerId {
        as_id(&get(self, Field::Id))
    }

    /// Sends `subscribe` (the manager's `subscribeTopics`) unless it was sent before, and
    /// records that it was once it has returned.
    pub fn subscribe_once(&self, subscribe: impl FnOnce() -> Result<(), JsValue>) -> Result<(), JsValue> {
        if get::<JsValue>(self, Field::Subscribed).is_truthy() {
            return Ok(());
        }
        subscribe()?;
        set(self, Field::Subscribed, &JsValue::TRUE);
        Ok(())
    }

    fn registrations(&self) -> Option<Array> {
        let list: JsValue = get(self, Field::Registrations);
        list.is_object().then(|| list.unchecked_into())
    }

    /// Starts registering our callbacks afresh: what each registration returns goes into the
    /// record through [`Registrations::add`] as it comes. (Whether a list is complete is the
    /// caller's to judge: one cut short holds fewer entries than callbacks.)
    pub fn registering(&self) -> Registrations {
        let list = Array::new();
        set(self, Field::Registrations, &list);
        Registrations(list)
    }

    /// Our callbacks are no longer to be registered: the record first, then `after` with what
    /// each registration returned (to remove them).
    pub fn release<R>(&self, after: impl FnOnce(Vec<JsValue>) -> R) -> Option<R> {
        let list = self.registrations()?;
        set(self, Field::Registrations, &JsValue::UNDEFINED);
        Some(after(list.iter().collect()))
    }

    /// What each registration made so far returned (none when not registered).
    pub fn removers(&self) -> Vec<JsValue> {
        self.registrations().map(|list| list.iter().collect()).unwrap_or_default()
    }
}

/// The registrations of our callbacks on one manager, as they are made.
pub struct Registrations(Array);

impl Registrations {
    /// Records what one registration returned (the function that removes it).
    pub fn add(&self, returned: JsValue) {
        self.0.push(&returned);
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
