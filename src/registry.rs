//! The module's mutable state: every session and every websocket-manager binding.
//!
//! Borrows are short and never held while JavaScript runs, so a subscriber may call back in
//! (subscribe, clean up, connect another session) at any time.

use crate::binding::Binding;
use crate::core::interner::KeyIds;
use crate::core::slab::Slab;
use crate::core::subscribers::{SubscriptionId, Subscribers};
use js_sys::Function;
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
    pub sessions: Slab<Session>,
    pub bindings: Vec<Binding>,
    /// Interned ids of connected sessions' contact ids, shared by every binding...
    pub key_ids: KeyIds,
    /// ...and, by id, the JavaScript value each stands for.
    pub key_values: Vec<JsValue>,
    next_subscription: SubscriptionId,
    next_binding: u32,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::default();
}

/// Runs `f` with the registry borrowed. `f` must not call JavaScript that can call back in.
pub fn with<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    REGISTRY.with(|r| f(&mut r.borrow_mut()))
}

impl Registry {
    /// A fresh subscription id.
    pub fn next_subscription_id(&mut self) -> SubscriptionId {
        self.next_subscription = self.next_subscription.wrapping_add(1);
        self.next_subscription
    }

    /// A fresh id for a binding, or for one attachment of a binding's listeners.
    pub fn next_binding_id(&mut self) -> u32 {
        self.next_binding = self.next_binding.wrapping_add(1);
        self.next_binding
    }

    pub fn binding(&mut self, id: u32) -> Option<&mut Binding> {
        self.bindings.iter_mut().find(|b| b.id == id)
    }
}
