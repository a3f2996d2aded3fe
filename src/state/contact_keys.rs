//! Contact ids interned as small integers ([`KeyId`]), for the routing tables: a JavaScript
//! `Map` from each value to its id (its SameValueZero equality is `===` for every value JSON can
//! produce, so a message's ids are looked up without copying them into wasm memory), the core's
//! [`KeyIds`] counting each id's users, and each id's value, to forget it when the last user
//! leaves. All of it is derived: a fresh instance starts empty and interns as sessions rejoin.

use crate::core::interner::{KeyId, KeyIds};
use crate::sys::builtins::IdMap;
use js_sys::Map;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub struct ContactKeys {
    ids: IdMap,
    users: KeyIds,
    values: Vec<JsValue>,
}

impl Default for ContactKeys {
    fn default() -> Self {
        ContactKeys { ids: Map::new().unchecked_into(), users: KeyIds::new(), values: Vec::new() }
    }
}

impl ContactKeys {
    /// The id of `value`, if a connected session holds it.
    pub fn find(&self, value: &JsValue) -> Option<KeyId> {
        self.ids.id(value)
    }

    /// Takes a use of `value`'s id, interning it on first use.
    pub fn acquire(&mut self, value: &JsValue) -> KeyId {
        if let Some(id) = self.find(value) {
            self.users.share(id);
            return id;
        }
        let id = self.users.allocate();
        let slot = id as usize;
        if self.values.len() <= slot {
            self.values.resize(slot + 1, JsValue::UNDEFINED);
        }
        self.values[slot] = value.clone();
        self.ids.set(value, &id.into());
        id
    }

    /// Gives back a use of `id`; after its last use the value is forgotten.
    pub fn release(&mut self, id: KeyId) {
        if !self.users.release(id) {
            return;
        }
        if let Some(value) = self.values.get_mut(id as usize).map(std::mem::take) {
            self.ids.delete(&value);
        }
    }
}
