//! Small integer ids for the values sessions are routed by.
//!
//! Each connected session's `initialContactId` and `contactId` get a [`KeyId`], shared by
//! every session with the same value and given back when the last of them leaves. The wasm
//! shell keeps the value -> id lookup in a JavaScript `Map` (whose SameValueZero equality is
//! `===` for every value JSON can produce), so a message's ids are looked up without copying
//! them into wasm memory; this module hands out the ids and counts their users.

/// The id of an interned value: from 1 up, reused once released.
pub type KeyId = u32;

/// Ids with their number of users.
#[derive(Debug, Default)]
pub struct KeyIds {
    /// Index `id - 1`: how many users hold the id (0: free).
    users: Vec<u32>,
    free: Vec<KeyId>,
}

impl KeyIds {
    pub fn new() -> Self {
        Self::default()
    }

    /// A fresh id, with one user.
    pub fn allocate(&mut self) -> KeyId {
        let id = self.free.pop().unwrap_or_else(|| {
            self.users.push(0);
            self.users.len() as KeyId
        });
        self.users[id as usize - 1] = 1;
        id
    }

    /// One more user of a live id.
    pub fn share(&mut self, id: KeyId) {
        if let Some(users) = self.slot(id).filter(|u| **u > 0) {
            *users += 1;
        }
    }

    /// Gives back one use of `id`; returns whether that was the last (the id is then free).
    pub fn release(&mut self, id: KeyId) -> bool {
        let Some(users) = self.slot(id).filter(|u| **u > 0) else { return false };
        *users -= 1;
        if *users > 0 {
            return false;
        }
        self.free.push(id);
        true
    }

    /// How many ids are live.
    pub fn len(&self) -> usize {
        self.users.len() - self.free.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn slot(&mut self, id: KeyId) -> Option<&mut u32> {
        self.users.get_mut((id as usize).checked_sub(1)?)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn a_shared_id_lives_until_its_last_user_leaves() {
        let mut ids = KeyIds::new();
        let a = ids.allocate();
        ids.share(a);
        assert!(!ids.release(a));
        assert!(ids.release(a));
        assert!(ids.is_empty());
        assert!(!ids.release(a), "releasing a free id is harmless");
        assert!(!ids.release(0));
        assert!(!ids.release(999));
        ids.share(a); // sharing a free id is ignored
        assert!(ids.is_empty());
    }

    #[test]
    fn ids_are_reused_after_release() {
        let mut ids = KeyIds::new();
        let a = ids.allocate();
        let b = ids.allocate();
        assert_ne!(a, b);
        ids.release(a);
        assert_eq!(ids.allocate(), a);
        assert_eq!(ids.len(), 2);
    }

    proptest! {
        // Against a model of the shell's use (a value -> id map beside the ids): an id never
        // stands for two live values, and it is freed exactly when its last user leaves.
        #[test]
        fn agrees_with_a_model(ops in proptest::collection::vec((any::<bool>(), 0u8..6), 0..200)) {
            let mut ids = KeyIds::new();
            let mut map: HashMap<u8, KeyId> = HashMap::new();
            let mut held: Vec<u8> = Vec::new();
            for (acquire, value) in ops {
                if acquire {
                    match map.get(&value) {
                        Some(&id) => ids.share(id),
                        None => {
                            let id = ids.allocate();
                            prop_assert!(!map.values().any(|&other| other == id));
                            map.insert(value, id);
                        }
                    }
                    held.push(value);
                } else if let Some(pos) = held.iter().position(|h| *h == value) {
                    held.remove(pos);
                    let last = !held.contains(&value);
                    prop_assert_eq!(ids.release(map[&value]), last);
                    if last {
                        map.remove(&value);
                    }
                }
            }
            prop_assert_eq!(ids.len(), map.len());
        }
    }
}
