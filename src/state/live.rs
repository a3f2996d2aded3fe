//! What an instance derives from the record (`record.rs`) to serve the page quickly: each
//! session's subscribers by event, and for each websocket manager the routing table of the
//! sessions connected through it, their contact ids interned.
//!
//! The page's calls change it through the same methods a fresh instance derives it with
//! ([`derive`]), so there is one way to build it. Borrows are short and never held while page
//! code runs, so a subscriber may call back in (subscribe, clean up, connect another session) at
//! any time.

use crate::core::events::TaskEvent;
use crate::core::routing::RoutingTable;
use crate::core::subscribers::{Snapshot, Subscribers};
use crate::state::contact_keys::ContactKeys;
use crate::state::record::{each_subscription, ManagerId, NewSession, Page, SessionId, SubscriptionKey};
use js_sys::{Function, Map};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// A live session: what it was made of, and where the record keeps its subscriptions.
pub struct LiveSession {
    pub made_of: NewSession,
    pub subscriptions: Map,
    subscribers: Subscribers<Function>,
    /// The manager it is routed through, while connected.
    pub joined: Option<ManagerId>,
}

#[derive(Default)]
pub struct Live {
    /// By id, ascending (ids only grow, so a new session goes at the end).
    sessions: Vec<(SessionId, LiveSession)>,
    /// Each manager's table (a page has one or two managers).
    routes: Vec<(ManagerId, RoutingTable)>,
    keys: ContactKeys,
}

thread_local! {
    static LIVE: RefCell<Live> = RefCell::default();
}

/// Runs `f` with this instance's state borrowed. `f` must not run page code.
pub fn with<R>(f: impl FnOnce(&mut Live) -> R) -> R {
    LIVE.with(|l| f(&mut l.borrow_mut()))
}

/// A fresh instance's state, derived from `record`: every session with its subscribers in
/// subscription order, then the connected ones joining their manager's table in connection
/// order. Returns how many sessions there are.
pub fn derive(page: &Page) -> u32 {
    let mut live = Live::default();
    for manager in page.each_manager() {
        live.add_manager(manager.id());
    }
    for (id, session) in page.each_session() {
        let made_of = NewSession {
            contact_id: session.contact_id(),
            initial_contact_id: session.initial_contact_id(),
            websocket_manager: session.websocket_manager(),
        };
        let subscriptions = session.subscriptions();
        let each = each_subscription(&subscriptions);
        live.add_session(id, made_of, subscriptions);
        for (key, callback) in each {
            live.subscribe(id, key, callback);
        }
    }
    for id in page.each_connected() {
        let manager = live.session(id).and_then(|s| page.manager(&s.made_of.websocket_manager));
        if let Some(manager) = manager {
            live.join(id, manager.id());
        }
    }
    let sessions = live.sessions.len() as u32;
    with(|l| *l = live);
    sessions
}

impl Live {
    pub fn add_session(&mut self, id: SessionId, made_of: NewSession, subscriptions: Map) {
        let session = LiveSession { made_of, subscriptions, subscribers: Subscribers::default(), joined: None };
        match self.position(id) {
            Ok(at) => self.sessions[at].1 = session,
            Err(at) => self.sessions.insert(at, (id, session)),
        }
    }

    fn position(&self, id: SessionId) -> Result<usize, usize> {
        self.sessions.binary_search_by_key(&id, |(s, _)| *s)
    }

    pub fn session(&self, id: SessionId) -> Option<&LiveSession> {
        self.position(id).ok().map(|at| &self.sessions[at].1)
    }

    fn session_mut(&mut self, id: SessionId) -> Option<&mut LiveSession> {
        self.position(id).ok().map(|at| &mut self.sessions[at].1)
    }

    fn table(&mut self, manager: ManagerId) -> &mut RoutingTable {
        let at = match self.routes.iter().position(|(m, _)| *m == manager) {
            Some(at) => at,
            None => {
                self.routes.push((manager, RoutingTable::new()));
                self.routes.len() - 1
            }
        };
        &mut self.routes[at].1
    }

    fn table_of(&self, manager: ManagerId) -> Option<&RoutingTable> {
        self.routes.iter().find(|(m, _)| *m == manager).map(|(_, t)| t)
    }

    pub fn subscribe(&mut self, id: SessionId, key: SubscriptionKey, callback: Function) {
        if let (Some(s), Some(event)) = (self.session_mut(id), key.event()) {
            s.subscribers.add(event, key.0, callback);
        }
    }

    pub fn unsubscribe(&mut self, id: SessionId, key: SubscriptionKey) {
        if let Some(s) = self.session_mut(id) {
            s.subscribers.remove(key.0);
        }
    }

    /// The subscribers of `event` on session `id` now (later changes do not affect them).
    pub fn subscribers(&self, id: SessionId, event: TaskEvent) -> Option<Snapshot<Function>> {
        self.session(id)?.subscribers.snapshot(event)
    }

    pub fn add_manager(&mut self, manager: ManagerId) {
        self.table(manager);
    }

    /// Routes session `id` through `manager`: its contact ids interned, after the sessions
    /// connected before it.
    pub fn join(&mut self, id: SessionId, manager: ManagerId) {
        let Ok(at) = self.position(id) else { return };
        let session = &mut self.sessions[at].1;
        if session.joined.is_some() {
            return;
        }
        session.joined = Some(manager);
        let initial = self.keys.acquire(&session.made_of.initial_contact_id);
        let contact = self.keys.acquire(&session.made_of.contact_id);
        self.table(manager).join(id, Some(initial), Some(contact));
    }

    /// Removes session `id`, from its manager's table too; returns what it was.
    pub fn remove_session(&mut self, id: SessionId) -> Option<LiveSession> {
        let (_, session) = self.sessions.remove(self.position(id).ok()?);
        if let Some(manager) = session.joined {
            if let Some((initial, contact)) = self.table(manager).leave(id) {
                initial.into_iter().chain(contact).for_each(|key| self.keys.release(key));
            }
        }
        Some(session)
    }

    /// Whether any session is routed through `manager`.
    pub fn in_use(&self, manager: ManagerId) -> bool {
        self.table_of(manager).is_some_and(|t| !t.is_empty())
    }

    /// The sessions a message with these contact ids belongs to, in connection order.
    pub fn route(&self, manager: ManagerId, initial: &JsValue, contact: &JsValue) -> Vec<SessionId> {
        let Some(table) = self.table_of(manager) else { return Vec::new() };
        table.route(self.keys.find(initial), self.keys.find(contact))
    }

    /// Every session routed through `manager`, in connection order.
    pub fn everyone(&self, manager: ManagerId) -> Vec<SessionId> {
        self.table_of(manager).map(RoutingTable::all_in_order).unwrap_or_default()
    }

    /// How many sessions there are, and how many of them are connected.
    pub fn counts(&self) -> (usize, usize) {
        (self.sessions.len(), self.sessions.iter().filter(|(_, s)| s.joined.is_some()).count())
    }
}
