//! Small integer ids for the values sessions are routed by.
//!
//! Each connected session's `initialContactId` and `contactId` get a [`KeyId`], shared by
//! every session with the same value and released when the last of them leaves. The wasm
//! shell mirrors the live ids into a JavaScript `Map`, so a message's ids are looked up on the
//! JavaScript side and only integers cross into wasm (see `src/boundary.js`). Interning
//! happens when a session connects, not per message, so it is a plain scan.


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
    Text(String),
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

/// The id of an interned key: from 1 up to [`MAX_KEY_ID`], reused once released.
pub type KeyId = u32;

/// Ids fit in 21 bits, so two of them and an event code pack into one JavaScript number.
pub const MAX_KEY_ID: KeyId = (1 << 21) - 1;

/// Interned keys with their number of users.
#[derive(Debug, Default)]
pub struct Interner {
    /// Index `id - 1`: the key and how many users hold it; `None` once released.
    slots: Vec<Option<(RouteKey, u32)>>,
    free: Vec<KeyId>,
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes one use of `key`'s id, interning it if needed. Returns the id and whether it is
    /// new (the shell then tells JavaScript), or `None` when all ids are taken.
    pub fn acquire(&mut self, key: &RouteKey) -> Option<(KeyId, bool)> {
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if let Some((k, users)) = slot {
                if k == key {
                    *users += 1;
                    return Some((i as KeyId + 1, false));
                }
            }
        }
        let id = match self.free.pop() {
            Some(id) => id,
            None if self.slots.len() < MAX_KEY_ID as usize => {
                self.slots.push(None);
                self.slots.len() as KeyId
            }
            None => return None,
        };
        self.slots[id as usize - 1] = Some((key.clone(), 1));
        Some((id, true))
    }

    /// Gives back one use of `id`. Returns the key when that was the last use (the shell then
    /// tells JavaScript to forget it).
    pub fn release(&mut self, id: KeyId) -> Option<RouteKey> {
        let slot = self.slots.get_mut((id as usize).checked_sub(1)?)?;
        let (_, users) = slot.as_mut()?;
        *users -= 1;
        if *users > 0 {
            return None;
        }
        let (key, _) = slot.take()?;
        self.free.push(id);
        Some(key)
    }

    /// How many keys are interned.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// Whether no key is interned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_keys_share_an_id_until_the_last_release() {
        let mut i = Interner::new();
        let (a, new_a) = i.acquire(&RouteKey::text("x")).unwrap();
        let (b, new_b) = i.acquire(&RouteKey::text("x")).unwrap();
        assert!(new_a && !new_b);
        assert_eq!(a, b);
        assert_eq!(i.release(a), None);
        assert_eq!(i.release(a), Some(RouteKey::text("x")));
        assert!(i.is_empty());
        assert_eq!(i.release(a), None, "releasing a released id is harmless");
        assert_eq!(i.release(0), None);
        assert_eq!(i.release(999), None);
    }

    #[test]
    fn ids_are_reused_after_release() {
        let mut i = Interner::new();
        let (a, _) = i.acquire(&RouteKey::text("a")).unwrap();
        let (b, _) = i.acquire(&RouteKey::Undefined).unwrap();
        assert_ne!(a, b);
        i.release(a);
        let (c, new) = i.acquire(&RouteKey::Null).unwrap();
        assert!(new);
        assert_eq!(c, a);
    }

    #[test]
    fn keys_follow_strict_equality() {
        assert_eq!(RouteKey::number(0.0), RouteKey::number(-0.0));
        assert_eq!(RouteKey::number(f64::NAN), None);
        assert_ne!(RouteKey::number(1.0), Some(RouteKey::text("1")));
        assert_ne!(RouteKey::Null, RouteKey::Undefined);
    }

    proptest! {
        // Against a model: the number of live keys equals the distinct keys with users left,
        // and an id never stands for two live keys.
        #[test]
        fn acquire_release_agree_with_a_model(ops in proptest::collection::vec((any::<bool>(), 0u8..6), 0..200)) {
            let mut i = Interner::new();
            let mut held: Vec<(u8, KeyId)> = Vec::new();
            for (acquire, k) in ops {
                let key = RouteKey::text(&k.to_string());
                if acquire {
                    let (id, new) = i.acquire(&key).unwrap();
                    prop_assert_eq!(new, !held.iter().any(|(h, _)| *h == k));
                    if let Some((_, other)) = held.iter().find(|(h, _)| *h == k) {
                        prop_assert_eq!(*other, id);
                    }
                    prop_assert!(!held.iter().any(|(h, other)| *h != k && *other == id));
                    held.push((k, id));
                } else if let Some(pos) = held.iter().position(|(h, _)| *h == k) {
                    let (_, id) = held.remove(pos);
                    let last = !held.iter().any(|(h, _)| *h == k);
                    prop_assert_eq!(i.release(id), last.then(|| key.clone()));
                }
            }
            let mut distinct: Vec<u8> = held.iter().map(|(k, _)| *k).collect();
            distinct.sort();
            distinct.dedup();
            prop_assert_eq!(i.len(), distinct.len());
        }
    }
}
