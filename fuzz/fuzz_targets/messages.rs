//! Message handling: a random sequence of sessions joining and leaving (their contact ids
//! interned, then indexed in the routing table), messages with arbitrary contact ids and content
//! types, and subscribers added, removed and cleared while events are "delivered" — each step
//! checked against a naive model.
#![no_main]

use fuzz_input::Input;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use taskjs::core::events::{classify, events_for_message, TaskEvent};
use taskjs::core::interner::{Interner, KeyId, RouteKey};
use taskjs::core::routing::{RoutingTable, SessionId};
use taskjs::core::subscribers::Subscribers;

/// The obvious implementation: every connected session, scanned in join order.
#[derive(Default)]
struct Model {
    sessions: Vec<(SessionId, Option<RouteKey>, Option<RouteKey>)>,
}

impl Model {
    fn route(&self, initial: Option<&RouteKey>, contact: Option<&RouteKey>) -> Vec<SessionId> {
        let hit = |a: &Option<RouteKey>, b: Option<&RouteKey>| matches!((a, b), (Some(a), Some(b)) if a == b);
        self.sessions
            .iter()
            .filter(|(_, i, c)| hit(i, initial) || hit(c, contact))
            .map(|(id, _, _)| *id)
            .collect()
    }

    fn users(&self, key: &RouteKey) -> usize {
        self.sessions
            .iter()
            .map(|(_, i, c)| usize::from(i.as_ref() == Some(key)) + usize::from(c.as_ref() == Some(key)))
            .sum()
    }
}

/// The interner plus the JavaScript side's mirror of it (key -> id), as the wasm shell keeps it.
#[derive(Default)]
struct Keys {
    interner: Interner,
    mirror: HashMap<RouteKey, KeyId>,
}

impl Keys {
    fn acquire(&mut self, key: Option<&RouteKey>) -> Option<KeyId> {
        let key = key?;
        let (id, new) = self.interner.acquire(key).expect("ids left");
        match self.mirror.get(key) {
            Some(known) => assert!(!new && *known == id, "{key:?}: id {id} new {new}, known {known}"),
            None => {
                assert!(new, "{key:?} was not interned yet");
                assert!(!self.mirror.values().any(|v| *v == id), "id {id} given to two keys");
                self.mirror.insert(key.clone(), id);
            }
        }
        Some(id)
    }

    fn release(&mut self, id: Option<KeyId>, key: Option<&RouteKey>, users_left: usize) {
        let (Some(id), Some(key)) = (id, key) else { return };
        let gone = self.interner.release(id);
        assert_eq!(gone.is_some(), users_left == 0, "{key:?}");
        if let Some(gone) = gone {
            assert_eq!(&gone, key);
            assert_eq!(self.mirror.remove(key), Some(id));
        }
    }

    fn lookup(&self, key: Option<&RouteKey>) -> Option<KeyId> {
        key.and_then(|k| self.mirror.get(k).copied())
    }
}

/// Releases a departed session's two ids. `model` no longer holds the session; when both of its
/// ids are the same key, the first release still leaves the second use.
fn release_both(
    keys: &mut Keys,
    model: &Model,
    (i, c): (Option<KeyId>, Option<KeyId>),
    initial: Option<&RouteKey>,
    contact: Option<&RouteKey>,
) {
    let same = initial.is_some() && initial == contact;
    keys.release(i, initial, initial.map_or(0, |k| model.users(k)) + usize::from(same));
    keys.release(c, contact, contact.map_or(0, |k| model.users(k)));
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let mut table = RoutingTable::new();
    let mut keys = Keys::default();
    let mut model = Model::default();
    let mut subs: Subscribers<u32> = Subscribers::default();
    let mut subs_model: Vec<(TaskEvent, u32)> = Vec::new();
    let mut next_sub = 0u32;

    for _ in 0..256 {
        if input.is_empty() {
            break;
        }
        match input.below(8) {
            0 | 1 => {
                let id = input.below(16) as SessionId;
                let (initial, contact) = (input.route_key(), input.route_key());
                if model.sessions.iter().any(|(s, _, _)| *s == id) {
                    // Joining twice changes nothing (the shell checks before interning).
                    assert!(!table.join(id, Some(input.u32() % 64), None));
                } else {
                    let i = keys.acquire(initial.as_ref());
                    let c = keys.acquire(contact.as_ref());
                    assert!(table.join(id, i, c));
                    model.sessions.push((id, initial, contact));
                }
            }
            2 => {
                let id = input.below(16) as SessionId;
                let pos = model.sessions.iter().position(|(s, _, _)| *s == id);
                let left = table.leave(id);
                assert_eq!(left.is_some(), pos.is_some());
                if let (Some(pos), Some((i, c))) = (pos, left) {
                    let (_, initial, contact) = model.sessions.remove(pos);
                    assert_eq!(i, keys.lookup(initial.as_ref()));
                    assert_eq!(c, keys.lookup(contact.as_ref()));
                    release_both(&mut keys, &model, (i, c), initial.as_ref(), contact.as_ref());
                }
            }
            3 | 4 => {
                // A message: its two ids, its content type, and the events it fires.
                let (initial, contact) = (input.route_key(), input.route_key());
                let routed = table.route(keys.lookup(initial.as_ref()), keys.lookup(contact.as_ref()));
                assert_eq!(routed, model.route(initial.as_ref(), contact.as_ref()));
                let content_type = input.bool().then(|| input.string());
                let events: Vec<TaskEvent> = events_for_message(content_type.as_deref()).collect();
                assert!(!events.is_empty() && events.len() <= 2);
                assert_eq!(*events.last().unwrap(), TaskEvent::IncomingMessage);
                let specific = content_type.as_deref().and_then(classify);
                assert_eq!(events.len() == 2, specific.is_some());
                if let Some(e) = specific {
                    assert_eq!(events[0], e);
                    assert!(!matches!(
                        e,
                        TaskEvent::IncomingMessage
                            | TaskEvent::ConnectionEstablished
                            | TaskEvent::ConnectionBroken
                            | TaskEvent::ConnectionLost
                    ));
                }
                // Delivery works on snapshots: edits made "by a subscriber" do not change
                // the list being delivered.
                for event in events {
                    let snapshot = subs.snapshot(event);
                    let expected: Vec<u32> =
                        subs_model.iter().filter(|(e, _)| *e == event).map(|(_, s)| *s).collect();
                    assert_eq!(snapshot.iter().map(|(id, cb)| { assert_eq!(id, cb); *id }).collect::<Vec<_>>(), expected);
                    if input.bool() {
                        let event = TaskEvent::ALL[input.below(TaskEvent::ALL.len())];
                        subs.add(event, next_sub, next_sub);
                        subs_model.push((event, next_sub));
                        next_sub += 1;
                    }
                    assert_eq!(snapshot.iter().map(|(id, _)| *id).collect::<Vec<_>>(), expected);
                }
            }
            5 => {
                let event = TaskEvent::ALL[input.below(TaskEvent::ALL.len())];
                subs.add(event, next_sub, next_sub);
                subs_model.push((event, next_sub));
                next_sub += 1;
            }
            6 => {
                let id = if next_sub == 0 { 0 } else { input.u32() % (next_sub + 1) };
                let pos = subs_model.iter().position(|(_, s)| *s == id);
                assert_eq!(subs.remove(id), pos.is_some());
                if let Some(pos) = pos {
                    subs_model.remove(pos);
                }
            }
            _ => {
                if input.below(4) == 0 {
                    subs.clear();
                    subs_model.clear();
                }
                let all = table.all_in_order();
                let expected: Vec<SessionId> = model.sessions.iter().map(|(id, _, _)| *id).collect();
                assert_eq!(all, expected);
            }
        }
        assert_eq!(table.len(), model.sessions.len());
        assert_eq!(table.is_empty(), model.sessions.is_empty());
        assert_eq!(subs.len(), subs_model.len());
    }
    // Leaving every session leaves nothing behind, in the table or in the interner.
    while let Some((id, initial, contact)) = model.sessions.pop() {
        let (i, c) = table.leave(id).expect("member");
        assert!(!table.contains(id));
        release_both(&mut keys, &model, (i, c), initial.as_ref(), contact.as_ref());
    }
    assert!(table.is_empty());
    assert!(table.all_in_order().is_empty());
    assert!(keys.interner.is_empty() && keys.mirror.is_empty());
});
