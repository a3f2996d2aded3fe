//! The crate's one piece of mutable state: every session and every websocket-manager binding.
//!
//! Borrows of the registry are short and never held while JavaScript runs, so a subscriber may
//! call back into us (subscribe, clean up, connect another session) at any time.

use crate::core::events::TaskEvent;
use crate::core::interner::{Interner, RouteKey};
use crate::core::routing::{RoutingTable, SessionId};
use crate::core::slab::Slab;
use crate::core::subscribers::{Snapshot, SubscriptionId, Subscribers};
use crate::global::Global;
#[allow(unused_imports)]
use crate::prelude::*;
use ::core::cell::RefCell;
use wasm_bindgen::JsValue;

/// One session's state.
pub struct SessionState {
    pub initial: Option<RouteKey>,
    pub contact: Option<RouteKey>,
    /// The JavaScript values `initial` and `contact` were made from.
    pub initial_value: JsValue,
    pub contact_value: JsValue,
    pub manager: JsValue,
    pub subscribers: Subscribers<JsValue>,
    /// The binding this session is routed through while connected.
    pub bound_to: Option<usize>,
}

/// What we registered on one websocket manager (see `binding.rs`).
pub struct BindingState {
    pub manager: JsValue,
    pub table: RoutingTable,
    /// Whether `subscribeTopics(['aws/task'])` was sent for this manager.
    pub topics_subscribed: bool,
    /// While attached, the unsubscribe functions the manager returned (a JavaScript array), or
    /// `undefined` if not all of its `onX` returned one; `None` when detached.
    pub attached: Option<JsValue>,
}

#[derive(Default)]
pub struct Registry {
    pub sessions: Slab<SessionState>,
    pub bindings: Vec<BindingState>,
    /// The interned ids of connected sessions' contact ids, shared by all bindings...
    pub interner: Interner,
    /// ...and, by id, the JavaScript value each stands for (to tell `boundary.js` to forget it).
    pub key_values: Vec<JsValue>,
    next_subscription: SubscriptionId,
}

static REGISTRY: Global<RefCell<Registry>> = Global::new();

/// Runs `f` with the registry borrowed. `f` must not call JavaScript that can call back in.
pub fn with<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    f(&mut REGISTRY.get(Default::default).borrow_mut())
}

impl Registry {
    /// Registers a new session and returns its id (`None` with a million sessions alive).
    pub fn add_session(&mut self, state: SessionState) -> Option<SessionId> {
        self.sessions.insert(state).ok()
    }

    /// A fresh subscription id.
    pub fn next_subscription_id(&mut self) -> SubscriptionId {
        let id = self.next_subscription;
        self.next_subscription = self.next_subscription.wrapping_add(1);
        id
    }

    /// The subscribers of `event` on session `id` at this moment (empty if it is gone).
    pub fn snapshot(&self, id: SessionId, event: TaskEvent) -> Option<Snapshot<JsValue>> {
        self.sessions.get(id).and_then(|s| s.subscribers.snapshot(event))
    }
}
