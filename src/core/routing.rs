//! The routing table: which connected sessions a websocket message belongs to.
//!
//! A message goes to every session whose `initialContactId` equals the message's
//! `InitialContactId`, or whose `contactId` equals its `ContactId` (JavaScript `===`).
//! Lookups are hash-map hits on those two keys, so the cost per message depends on how many
//! sessions match, not on how many are open. Matches come back in the order the sessions
//! connected, which is the order the JavaScript library delivers in.

#[allow(unused_imports)]
use crate::prelude::*;

use core::hash::BuildHasherDefault;
use hashbrown::HashMap;
use rustc_hash::FxHasher;

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Identifies a session inside this crate.
pub type SessionId = u32;

/// A contact id as JavaScript's strict equality (`===`) sees it.
///
/// Only values that can equal a value parsed from JSON are representable; anything else (an
/// object, `NaN`) has no key and matches nothing.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RouteKey {
    Undefined,
    Null,
    Bool(bool),
    /// The bit pattern of a non-NaN number, with `-0` folded into `0` (`0 === -0`).
    Number(u64),
    Text(Box<str>),
}

impl RouteKey {
    /// The key of a number, or `None` for `NaN` (which equals nothing).
    pub fn number(n: f64) -> Option<RouteKey> {
        if n.is_nan() {
            None
        } else if n == 0.0 {
            Some(RouteKey::Number(0f64.to_bits()))
        } else {
            Some(RouteKey::Number(n.to_bits()))
        }
    }

    /// The key of a string.
    pub fn text(s: &str) -> RouteKey {
        RouteKey::Text(s.into())
    }
}

/// A session's place in one lookup list: its connection order and id.
#[derive(Clone, Copy, Debug)]
struct Entry {
    order: u64,
    id: SessionId,
}

/// What the table remembers about a connected session, so it can be removed again.
#[derive(Debug)]
struct Member {
    order: u64,
    initial: Option<RouteKey>,
    contact: Option<RouteKey>,
}

/// Connected sessions indexed by their two contact ids.
#[derive(Debug, Default)]
pub struct RoutingTable {
    by_initial: FastMap<RouteKey, Vec<Entry>>,
    by_contact: FastMap<RouteKey, Vec<Entry>>,
    members: FastMap<SessionId, Member>,
    /// Every member by connection order (ascending: new members are pushed at the end).
    in_order: Vec<Entry>,
    next_order: u64,
}

impl RoutingTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a session; returns `false` (and changes nothing) if it is already in.
    pub fn join(
        &mut self,
        id: SessionId,
        initial: Option<RouteKey>,
        contact: Option<RouteKey>,
    ) -> bool {
        if self.members.contains_key(&id) {
            return false;
        }
        let order = self.next_order;
        self.next_order += 1;
        let entry = Entry { order, id };
        if let Some(key) = &initial {
            self.by_initial.entry(key.clone()).or_default().push(entry);
        }
        if let Some(key) = &contact {
            self.by_contact.entry(key.clone()).or_default().push(entry);
        }
        self.in_order.push(entry);
        self.members.insert(id, Member { order, initial, contact });
        true
    }

    /// Removes a session; returns `false` if it was not in.
    pub fn leave(&mut self, id: SessionId) -> bool {
        let Some(member) = self.members.remove(&id) else {
            return false;
        };
        remove_entry(&mut self.by_initial, member.initial.as_ref(), id);
        remove_entry(&mut self.by_contact, member.contact.as_ref(), id);
        if let Ok(pos) = self.in_order.binary_search_by_key(&member.order, |e| e.order) {
            self.in_order.remove(pos);
        }
        true
    }

    /// Whether a session is in the table.
    pub fn contains(&self, id: SessionId) -> bool {
        self.members.contains_key(&id)
    }

    /// How many sessions are in the table.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the table has no sessions.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The sessions a message with these ids belongs to, each once, in connection order.
    pub fn route(&self, initial: Option<&RouteKey>, contact: Option<&RouteKey>) -> Vec<SessionId> {
        let a = lookup(&self.by_initial, initial);
        let b = lookup(&self.by_contact, contact);
        // Both lists are sorted by connection order: merge them, dropping the duplicates.
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x.order == y.order => {
                    i += 1;
                    j += 1;
                    x
                }
                (Some(x), Some(y)) if x.order < y.order => {
                    i += 1;
                    x
                }
                (Some(x), None) => {
                    i += 1;
                    x
                }
                (_, Some(y)) => {
                    j += 1;
                    y
                }
                (None, None) => break,
            };
            out.push(next.id);
        }
        out
    }

    /// Every session, in connection order (for connection gained/lost/broken).
    pub fn all_in_order(&self) -> Vec<SessionId> {
        self.in_order.iter().map(|e| e.id).collect()
    }
}

fn lookup<'a>(map: &'a FastMap<RouteKey, Vec<Entry>>, key: Option<&RouteKey>) -> &'a [Entry] {
    key.and_then(|k| map.get(k)).map_or(&[], Vec::as_slice)
}

fn remove_entry(map: &mut FastMap<RouteKey, Vec<Entry>>, key: Option<&RouteKey>, id: SessionId) {
    let Some(key) = key else { return };
    if let Some(list) = map.get_mut(key) {
        list.retain(|e| e.id != id);
        if list.is_empty() {
            map.remove(key);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> Option<RouteKey> {
        Some(RouteKey::text(s))
    }

    #[test]
    fn routes_by_initial_or_current_contact_id() {
        let mut table = RoutingTable::new();
        table.join(1, t("init-a"), t("contact-a"));
        table.join(2, t("init-b"), t("contact-b"));
        assert_eq!(table.route(t("init-a").as_ref(), None), [1]);
        assert_eq!(table.route(None, t("contact-b").as_ref()), [2]);
        // A transfer changes ContactId but keeps InitialContactId.
        assert_eq!(table.route(t("init-a").as_ref(), t("contact-new").as_ref()), [1]);
        assert!(table.route(t("x").as_ref(), t("y").as_ref()).is_empty());
    }

    #[test]
    fn a_session_matching_both_keys_gets_the_message_once() {
        let mut table = RoutingTable::new();
        table.join(7, t("i"), t("c"));
        assert_eq!(table.route(t("i").as_ref(), t("c").as_ref()), [7]);
    }

    #[test]
    fn matches_come_in_connection_order_whichever_key_matched() {
        let mut table = RoutingTable::new();
        table.join(30, t("other"), t("c"));
        table.join(10, t("i"), t("x"));
        table.join(20, t("i"), t("c"));
        assert_eq!(table.route(t("i").as_ref(), t("c").as_ref()), [30, 10, 20]);
    }

    #[test]
    fn leave_removes_every_trace_and_join_is_idempotent() {
        let mut table = RoutingTable::new();
        assert!(table.join(1, t("i"), t("c")));
        assert!(!table.join(1, t("i2"), t("c2")));
        assert_eq!(table.len(), 1);
        assert!(table.leave(1));
        assert!(!table.leave(1));
        assert!(table.is_empty());
        assert!(table.route(t("i").as_ref(), t("c").as_ref()).is_empty());
        assert!(table.by_initial.is_empty() && table.by_contact.is_empty());
        assert!(table.in_order.is_empty());
    }

    #[test]
    fn keys_follow_strict_equality() {
        // undefined === undefined: a session created without ids matches messages without them.
        let mut table = RoutingTable::new();
        table.join(1, Some(RouteKey::Undefined), Some(RouteKey::Undefined));
        assert_eq!(table.route(Some(&RouteKey::Undefined), None), [1]);
        assert!(table.route(Some(&RouteKey::Null), Some(&RouteKey::text("undefined"))).is_empty());
        // 0 === -0, NaN equals nothing, 1 !== "1".
        assert_eq!(RouteKey::number(0.0), RouteKey::number(-0.0));
        assert_eq!(RouteKey::number(f64::NAN), None);
        assert_ne!(RouteKey::number(1.0), Some(RouteKey::text("1")));
    }

    #[test]
    fn connection_events_reach_everyone_in_order() {
        let mut table = RoutingTable::new();
        for id in [5, 3, 9] {
            table.join(id, t(&id.to_string()), None);
        }
        table.leave(3);
        assert_eq!(table.all_in_order(), [5, 9]);
    }

    #[test]
    fn route_cost_does_not_depend_on_open_sessions() {
        // With 10,000 sessions open, a lookup still only visits the matching entries.
        let mut table = RoutingTable::new();
        for id in 0..10_000u32 {
            table.join(id, t(&id.to_string()), t(&(id + 1_000_000).to_string()));
        }
        assert_eq!(table.route(t("1234").as_ref(), None), [1234]);
        assert_eq!(lookup(&table.by_initial, t("1234").as_ref()).len(), 1);
        assert_eq!(lookup(&table.by_contact, t("1001234").as_ref()).len(), 1);
    }

    proptest! {
        // Against a naive model: scan every session, keep the matching ones in join order.
        #[test]
        fn route_agrees_with_a_linear_scan(
            sessions in proptest::collection::vec((0u8..4, 0u8..4), 0..30),
            removed in proptest::collection::vec(any::<proptest::sample::Index>(), 0..10),
            probe in (0u8..5, 0u8..5),
        ) {
            let key = |n: u8| Some(RouteKey::text(&n.to_string()));
            let mut table = RoutingTable::new();
            let mut model: Vec<(SessionId, u8, u8)> = Vec::new();
            for (id, (i, c)) in sessions.iter().enumerate() {
                table.join(id as SessionId, key(*i), key(*c));
                model.push((id as SessionId, *i, *c));
            }
            for r in removed {
                if model.is_empty() { break; }
                let (id, _, _) = model.remove(r.index(model.len()));
                prop_assert!(table.leave(id));
            }
            let expected: Vec<SessionId> = model
                .iter()
                .filter(|(_, i, c)| *i == probe.0 || *c == probe.1)
                .map(|(id, _, _)| *id)
                .collect();
            prop_assert_eq!(table.route(key(probe.0).as_ref(), key(probe.1).as_ref()), expected);
            prop_assert_eq!(table.len(), model.len());
        }
    }
}
