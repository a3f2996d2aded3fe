//! A slab: values stored by ids that stay unique after removal.
//!
//! An id is a slot index plus the slot's generation, so an id kept after its value was
//! removed (a session object used after `cleanUp()`, say) never reaches a newer value that
//! reused the slot: a slot would have to be reused 2^32 times for that. Ids fit in 52 bits, so
//! JavaScript numbers hold them exactly. Lookups are an index and a comparison.


/// Slot indexes use the low 20 bits of an id (about a million live values), the generation
/// the next 32.
const INDEX_BITS: u32 = 20;
const INDEX_MASK: u64 = (1 << INDEX_BITS) - 1;

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
    pub fn insert(&mut self, value: T) -> Result<u64, T> {
        let index = match self.free.pop() {
            Some(index) => index,
            None if (self.slots.len() as u64) <= INDEX_MASK => {
                self.slots.push(Slot { generation: 0, value: None });
                self.slots.len() as u32 - 1
            }
            None => return Err(value),
        };
        let slot = &mut self.slots[index as usize];
        slot.value = Some(value);
        self.len += 1;
        Ok(u64::from(slot.generation) << INDEX_BITS | u64::from(index))
    }

    /// The value of `id`, if it is still there.
    pub fn get(&self, id: u64) -> Option<&T> {
        let slot = self.slots.get((id & INDEX_MASK) as usize)?;
        (u64::from(slot.generation) == id >> INDEX_BITS).then_some(())?;
        slot.value.as_ref()
    }

    /// The value of `id`, mutably.
    pub fn get_mut(&mut self, id: u64) -> Option<&mut T> {
        let slot = self.slots.get_mut((id & INDEX_MASK) as usize)?;
        (u64::from(slot.generation) == id >> INDEX_BITS).then_some(())?;
        slot.value.as_mut()
    }

    /// Removes and returns the value of `id`; its slot gets a new generation.
    pub fn remove(&mut self, id: u64) -> Option<T> {
        let index = (id & INDEX_MASK) as u32;
        let slot = self.slots.get_mut(index as usize)?;
        (u64::from(slot.generation) == id >> INDEX_BITS).then_some(())?;
        let value = slot.value.take()?;
        slot.generation = slot.generation.wrapping_add(1);
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

    #[test]
    fn a_slot_reused_many_times_never_repeats_an_id() {
        // 12-bit generations wrapped after 4,096 reuses and let stale ids reach new values.
        let mut slab = Slab::default();
        let first = slab.insert(0).unwrap();
        slab.remove(first);
        let mut last = first;
        for n in 1..10_000 {
            last = slab.insert(n).unwrap();
            assert_ne!(last, first);
            slab.remove(last);
        }
        assert!(last < 1 << 52, "ids stay exact as JavaScript numbers");
        let now = slab.insert(10_000).unwrap();
        assert_eq!(slab.get(first), None);
        assert_eq!(slab.get(now), Some(&10_000));
    }

    proptest! {
        // Against a model list of (id, value) pairs.
        #[test]
        fn agrees_with_a_model(ops in proptest::collection::vec((any::<bool>(), any::<proptest::sample::Index>()), 0..200)) {
            let mut slab = Slab::default();
            let mut model: Vec<(u64, usize)> = Vec::new();
            let mut removed: Vec<u64> = Vec::new();
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
