//! The instance's mutable state: every session and every websocket-manager binding, indexed for
//! routing. What a fresh instance needs to rebuild it is also kept in the ledger (`ledger.rs`).
//!
//! Borrows are short and never held while JavaScript runs, so a subscriber may call back in
//! (subscribe, clean up, connect another session) at any time.

use crate::binding::Binding;
use crate::core::interner::KeyIds;
use crate::core::routing::SessionId;
use crate::core::subscribers::Subscribers;
use js_sys::Function;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// One session, from `TaskSession.create` until `cleanUp()` (or until its object is collected
/// before it connected).
pub struct Session {
    /// The session's two contact ids, as given.
    pub initial_contact_id: JsValue,
    pub contact_id: JsValue,
    pub manager: JsValue,
    pub subscribers: Subscribers<Function>,
    /// The id of the binding this session is routed through while connected.
    pub bound_to: Option<u32>,
}

#[derive(Default)]
pub struct Registry {
    /// By id; ids are never reused (the ledger counts them), so a session object used after
    /// its `cleanUp()` reaches nothing.
    pub sessions: FxHashMap<SessionId, Session>,
    pub bindings: Vec<Binding>,
    /// Interned ids of connected sessions' contact ids, shared by every binding...
    pub key_ids: KeyIds,
    /// ...and, by id, the JavaScript value each stands for.
    pub key_values: Vec<JsValue>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::default();
}

/// Runs `f` with the registry borrowed. `f` must not call JavaScript that can call back in.
pub fn with<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    REGISTRY.with(|r| f(&mut r.borrow_mut()))
}

impl Registry {
    pub fn binding(&mut self, id: u32) -> Option<&mut Binding> {
        self.bindings.iter_mut().find(|b| b.id == id)
    }
}
