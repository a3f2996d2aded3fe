//! A session's subscribers, one list per event.
//!
//! Triggering an event works on a snapshot of its list (a cheap `Rc` clone), so subscribers
//! that subscribe, unsubscribe or clean up while an event is being delivered change what the
//! *next* trigger sees, never the one in progress — the same as Streams' `EventBus`.


use super::events::{TaskEvent, EVENT_COUNT};
use std::rc::Rc;

/// Identifies one subscription, for unsubscribing.
pub type SubscriptionId = u32;

/// The subscribers of one event at one moment, in registration order.
pub type Snapshot<F> = Rc<Vec<(SubscriptionId, F)>>;

/// Subscriber lists of every event of one session. `F` is the callback type (a JS function in
/// the wasm shell, anything in tests). A list is allocated on its first subscriber.
#[derive(Debug)]
pub struct Subscribers<F> {
    lists: [Option<Snapshot<F>>; EVENT_COUNT],
}

impl<F> Default for Subscribers<F> {
    fn default() -> Self {
        Subscribers {
            lists: Default::default(),
        }
    }
}

impl<F: Clone> Subscribers<F> {
    /// Appends a subscriber to an event's list.
    pub fn add(&mut self, event: TaskEvent, id: SubscriptionId, callback: F) {
        let slot = &mut self.lists[event.index()];
        if let Some(list) = slot.as_mut().and_then(Rc::get_mut) {
            list.push((id, callback)); // no snapshot holds it: edit in place
        } else {
            // Copy on write: snapshots being delivered keep the old list.
            let mut list = slot.as_deref().cloned().unwrap_or_default();
            list.push((id, callback));
            *slot = Some(Rc::new(list));
        }
    }

    /// Removes one subscription; returns whether it was there.
    pub fn remove(&mut self, id: SubscriptionId) -> bool {
        for list in self.lists.iter_mut().flatten() {
            if let Some(pos) = list.iter().position(|(sub, _)| *sub == id) {
                if let Some(unshared) = Rc::get_mut(list) {
                    unshared.remove(pos);
                } else {
                    let mut copy = Vec::clone(list);
                    copy.remove(pos);
                    *list = Rc::new(copy);
                }
                return true;
            }
        }
        false
    }

    /// The current subscribers of an event, unaffected by later changes (`None`: nobody has
    /// subscribed to it).
    pub fn snapshot(&self, event: TaskEvent) -> Option<Snapshot<F>> {
        self.lists[event.index()].clone()
    }

    /// Removes every subscriber of every event.
    pub fn clear(&mut self) {
        self.lists = Default::default();
    }

    /// How many subscriptions there are in all.
    pub fn len(&self) -> usize {
        self.lists.iter().flatten().map(|l| l.len()).sum()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn ids<F>(s: &Option<Snapshot<F>>) -> Vec<SubscriptionId> {
        s.iter().flat_map(|l| l.iter()).map(|(id, _)| *id).collect()
    }

    #[test]
    fn keeps_registration_order_per_event() {
        let mut subs = Subscribers::default();
        subs.add(TaskEvent::IncomingMessage, 1, "a");
        subs.add(TaskEvent::TransferFailed, 2, "b");
        subs.add(TaskEvent::IncomingMessage, 3, "c");
        assert_eq!(ids(&subs.snapshot(TaskEvent::IncomingMessage)), [1, 3]);
        assert_eq!(ids(&subs.snapshot(TaskEvent::TransferFailed)), [2]);
        assert!(subs.snapshot(TaskEvent::TaskExpired).is_none());
        assert_eq!(subs.len(), 3);
    }

    #[test]
    fn a_snapshot_is_not_changed_by_later_edits() {
        let mut subs = Subscribers::default();
        subs.add(TaskEvent::IncomingMessage, 1, ());
        subs.add(TaskEvent::IncomingMessage, 2, ());
        let during = subs.snapshot(TaskEvent::IncomingMessage);
        assert!(subs.remove(2));
        subs.add(TaskEvent::IncomingMessage, 3, ());
        assert_eq!(ids(&during), [1, 2]);
        assert_eq!(ids(&subs.snapshot(TaskEvent::IncomingMessage)), [1, 3]);
        subs.clear();
        assert_eq!(ids(&during), [1, 2]);
        assert!(subs.is_empty());
    }

    #[test]
    fn removing_twice_or_unknown_ids_is_harmless() {
        let mut subs = Subscribers::default();
        subs.add(TaskEvent::ConnectionLost, 9, ());
        assert!(subs.remove(9));
        assert!(!subs.remove(9));
        assert!(!subs.remove(12345));
        assert!(subs.is_empty());
    }
}
