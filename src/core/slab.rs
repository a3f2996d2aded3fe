//! A slab: values stored by small ids that stay unique after removal.
//!
//! An id is a slot index plus the slot's generation, so an id kept after its value was
//! removed (an unsubscribe function called late, say) never reaches a newer value that reused
//! the slot. Lookups are an index and a comparison.

#[allow(unused_imports)]
use crate::prelude::*;

/// Slot indexes use the low 20 bits of an id (about a million live values).
const INDEX_BITS: u32 = 20;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;

/// Values by id.
#[derive(Debug)]
pub struct Slab<T> {
    slots: Vec<Slot<T>>,
    free: Vec<u32>,
    len: usize,
}

#[derive(Debug)]
struct Slot<T> {
    generation: u32,
    value: Option<T>,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            slots: Vec::new(),
            free: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Slab<T> {
    /// Stores `value` and returns its id, or gives the value back when all slots are taken.
    pub fn insert(&mut self, value: T) -> Result<u32, T> {
        let index = match self.free.pop() {
            Some(index) => index,
            None if self.slots.len() <= INDEX_MASK as usize => {
                self.slots.push(Slot { generation: 0, value: None });
                self.slots.len() as u32 - 1
            }
            None => return Err(value),
        };
        let slot = &mut self.slots[index as usize];
        slot.value = Some(value);
        self.len += 1;
        Ok(slot.generation << INDEX_BITS | index)
    }

    /// The value of `id`, if it is still there.
    pub fn get(&self, id: u32) -> Option<&T> {
        let slot = self.slots.get((id & INDEX_MASK) as usize)?;
        (slot.generation == id >> INDEX_BITS).then_some(())?;
        slot.value.as_ref()
    }

    /// The value of `id`, mutably.
    pub fn get_mut(&mut self, id: u32) -> Option<&mut T> {
        let slot = self.slots.get_mut((id & INDEX_MASK) as usize)?;
        (slot.generation == id >> INDEX_BITS).then_some(())?;
        slot.value.as_mut()
    }

    /// Removes and returns the value of `id`; its slot gets a new generation.
    pub fn remove(&mut self, id: u32) -> Option<T> {
        let index = id & INDEX_MASK;
        let slot = self.slots.get_mut(index as usize)?;
        (slot.generation == id >> INDEX_BITS).then_some(())?;
        let value = slot.value.take()?;
        slot.generation = (slot.generation + 1) & (u32::MAX >> INDEX_BITS);
        self.free.push(index);
        self.len -= 1;
        Some(value)
    }

    /// How many values are stored.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no value is stored.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every stored value.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.slots.iter().filter_map(|s| s.value.as_ref())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stale_ids_do_not_reach_a_reused_slot() {
        let mut slab = Slab::default();
        let a = slab.insert("a").unwrap();
        assert_eq!(slab.remove(a), Some("a"));
        let b = slab.insert("b").unwrap();
        assert_ne!(a, b, "same slot, new generation");
        assert_eq!(slab.get(a), None);
        assert_eq!(slab.remove(a), None);
        assert_eq!(slab.get(b), Some(&"b"));
        assert_eq!(slab.len(), 1);
    }

    proptest! {
        // Against a model list of (id, value) pairs.
        #[test]
        fn agrees_with_a_model(ops in proptest::collection::vec((any::<bool>(), any::<proptest::sample::Index>()), 0..200)) {
            let mut slab = Slab::default();
            let mut model: Vec<(u32, usize)> = Vec::new();
            let mut removed: Vec<u32> = Vec::new();
            for (n, (insert, pick)) in ops.into_iter().enumerate() {
                if insert || model.is_empty() {
                    let id = slab.insert(n).unwrap();
                    prop_assert!(!model.iter().any(|(m, _)| *m == id));
                    model.push((id, n));
                } else {
                    let (id, value) = model.remove(pick.index(model.len()));
                    prop_assert_eq!(slab.remove(id), Some(value));
                    removed.push(id);
                }
                for (id, value) in &model {
                    prop_assert_eq!(slab.get(*id), Some(value));
                }
                for id in &removed {
                    if !model.iter().any(|(m, _)| m == id) {
                        prop_assert_eq!(slab.get(*id), None);
                    }
                }
                prop_assert_eq!(slab.len(), model.len());
                prop_assert_eq!(slab.values().count(), model.len());
            }
        }
    }
}
