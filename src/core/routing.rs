//! The routing table: which connected sessions a websocket message belongs to.
//!
//! A message goes to every session whose `initialContactId` equals the message's
//! `InitialContactId`, or whose `contactId` equals its `ContactId` (JavaScript `===`). Both
//! sides are interned to [`KeyId`]s (see `interner.rs`), and each id indexes a list of the
//! sessions holding it, so the cost per message depends on how many sessions match, not on how
//! many are open. Matches come back in the order the sessions connected, which is the order
//! the JavaScript library delivers in.

use super::interner::KeyId;
use rustc_hash::FxHashMap;

/// Identifies a session inside this crate.
pub type SessionId = u32;

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
    initial: Option<KeyId>,
    contact: Option<KeyId>,
}

/// Connected sessions indexed by their two interned contact ids.
#[derive(Debug, Default)]
pub struct RoutingTable {
    /// Index `key id`: the sessions whose `initialContactId` has that id, in connection order.
    by_initial: Vec<Vec<Entry>>,
    /// Likewise for `contactId`.
    by_contact: Vec<Vec<Entry>>,
    /// Every member and what it joined with.
    members: FxHashMap<SessionId, Member>,
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
    pub fn join(&mut self, id: SessionId, initial: Option<KeyId>, contact: Option<KeyId>) -> bool {
        if self.contains(id) {
            return false;
        }
        let order = self.next_order;
        self.next_order += 1;
        let entry = Entry { order, id };
        add_entry(&mut self.by_initial, initial, entry);
        add_entry(&mut self.by_contact, contact, entry);
        self.in_order.push(entry);
        self.members.insert(id, Member { order, initial, contact });
        true
    }

    /// Removes a session and returns its two key ids (for releasing), or `None` if it was not in.
    pub fn leave(&mut self, id: SessionId) -> Option<(Option<KeyId>, Option<KeyId>)> {
        let member = self.members.remove(&id)?;
        remove_entry(&mut self.by_initial, member.initial, id);
        remove_entry(&mut self.by_contact, member.contact, id);
        if let Ok(pos) = self.in_order.binary_search_by_key(&member.order, |e| e.order) {
            self.in_order.remove(pos);
        }
        Some((member.initial, member.contact))
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

    /// The sessions a message with these key ids belongs to, each once, in connection order.
    /// A `None` id (the message's value is not interned) matches nothing.
    pub fn route(&self, initial: Option<KeyId>, contact: Option<KeyId>) -> Vec<SessionId> {
        let a = lookup(&self.by_initial, initial);
        let b = lookup(&self.by_contact, contact);
        if b.is_empty() {
            return a.iter().map(|e| e.id).collect();
        }
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

fn lookup(lists: &[Vec<Entry>], key: Option<KeyId>) -> &[Entry] {
    key.and_then(|k| lists.get(k as usize)).map_or(&[], Vec::as_slice)
}

fn add_entry(lists: &mut Vec<Vec<Entry>>, key: Option<KeyId>, entry: Entry) {
    let Some(k) = key.map(|k| k as usize) else { return };
    if lists.len() <= k {
        lists.resize_with(k + 1, Vec::new);
    }
    lists[k].push(entry);
}

fn remove_entry(lists: &mut [Vec<Entry>], key: Option<KeyId>, id: SessionId) {
    if let Some(list) = key.and_then(|k| lists.get_mut(k as usize)) {
        list.retain(|e| e.id != id);
        if list.is_empty() {
            // Free the list's memory: key ids are reused, but the next user may never come.
            *list = Vec::new();
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn routes_by_initial_or_current_contact_id() {
        let mut table = RoutingTable::new();
        table.join(1, Some(1), Some(2));
        table.join(2, Some(3), Some(4));
        assert_eq!(table.route(Some(1), None), [1]);
        assert_eq!(table.route(None, Some(4)), [2]);
        // A transfer changes ContactId but keeps InitialContactId.
        assert_eq!(table.route(Some(1), Some(99)), [1]);
        assert!(table.route(Some(77), Some(78)).is_empty());
        assert!(table.route(None, None).is_empty());
    }

    #[test]
    fn a_session_matching_both_keys_gets_the_message_once() {
        let mut table = RoutingTable::new();
        table.join(7, Some(1), Some(2));
        assert_eq!(table.route(Some(1), Some(2)), [7]);
    }

    #[test]
    fn matches_come_in_connection_order_whichever_key_matched() {
        let mut table = RoutingTable::new();
        table.join(30, Some(9), Some(2));
        table.join(10, Some(1), Some(8));
        table.join(20, Some(1), Some(2));
        assert_eq!(table.route(Some(1), Some(2)), [30, 10, 20]);
    }

    #[test]
    fn leave_removes_every_trace_and_join_is_idempotent() {
        let mut table = RoutingTable::new();
        assert!(table.join(1, Some(1), Some(2)));
        assert!(!table.join(1, Some(3), Some(4)));
        assert_eq!(table.len(), 1);
        assert_eq!(table.leave(1), Some((Some(1), Some(2))));
        assert_eq!(table.leave(1), None);
        assert!(table.is_empty());
        assert!(table.route(Some(1), Some(2)).is_empty());
        assert!(table.by_initial.iter().chain(&table.by_contact).all(|l| l.capacity() == 0));
        assert!(table.in_order.is_empty());
    }

    #[test]
    fn connection_events_reach_everyone_in_order() {
        let mut table = RoutingTable::new();
        for id in [5, 3, 9] {
            table.join(id, Some(id), None);
        }
        table.leave(3);
        assert_eq!(table.all_in_order(), [5, 9]);
    }

    #[test]
    fn route_cost_does_not_depend_on_open_sessions() {
        // With 10,000 sessions open, a lookup only visits the matching entries.
        let mut table = RoutingTable::new();
        for id in 0..10_000u32 {
            table.join(id, Some(id + 1), Some(id + 20_001));
        }
        assert_eq!(table.route(Some(1235), None), [1234]);
        assert_eq!(lookup(&table.by_initial, Some(1235)).len(), 1);
        assert_eq!(lookup(&table.by_contact, Some(21_235)).len(), 1);
    }

    proptest! {
        // Against a naive model: scan every session, keep the matching ones in join order.
        #[test]
        fn route_agrees_with_a_linear_scan(
            sessions in proptest::collection::vec((1u32..5, 1u32..5), 0..30),
            removed in proptest::collection::vec(any::<proptest::sample::Index>(), 0..10),
            probe in (0u32..6, 0u32..6),
        ) {
            let key = |n: u32| (n > 0).then_some(n);
            let mut table = RoutingTable::new();
            let mut model: Vec<(SessionId, u32, u32)> = Vec::new();
            for (id, (i, c)) in sessions.iter().enumerate() {
                table.join(id as SessionId, key(*i), key(*c));
                model.push((id as SessionId, *i, *c));
            }
            for r in removed {
                if model.is_empty() { break; }
                let (id, _, _) = model.remove(r.index(model.len()));
                prop_assert!(table.leave(id).is_some());
            }
            let expected: Vec<SessionId> = model
                .iter()
                .filter(|(_, i, c)| *i == probe.0 || *c == probe.1)
                .map(|(id, _, _)| *id)
                .collect();
            prop_assert_eq!(table.route(key(probe.0), key(probe.1)), expected);
            prop_assert_eq!(table.len(), model.len());
        }
    }
}
