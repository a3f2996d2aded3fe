//! What a request sends: fresh objects ([`Params`]) whose values ([`Field`]) are the caller's
//! own where the JavaScript library sends them unchanged. The core also reads the caller's
//! objects into a `Params` once, and checks and builds from that one reading.

use serde::ser::{Serialize, SerializeMap, Serializer};
use rustc_hash::FxHashMap as HashMap;

/// A value in a request.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum Field<V> {
    /// The caller's own value, sent as it is.
    Same(V),
    /// A string the core made (an upper-cased status, a quick connect id).
    Text(String),
    /// An object the core rebuilt.
    Object(Params<V>),
    /// An array the core rebuilt (references nested in a reference, as an array).
    List(Vec<Field<V>>),
}

/// An object a request sends: its entries in order, with JavaScript's assignment semantics
/// (`set` keeps an existing key in its place, `remove` keeps the others in theirs).
#[derive(Debug)]
pub struct Params<V> {
    /// `None` where an entry was removed.
    entries: Vec<Option<(String, Field<V>)>>,
    /// Where each key is in `entries`.
    index: HashMap<String, usize>,
}

impl<V> Default for Params<V> {
    fn default() -> Self {
        Params { entries: Vec::new(), index: HashMap::default() }
    }
}

impl<V> Params<V> {
    /// `obj[key] = value`.
    pub fn set(&mut self, key: String, value: Field<V>) {
        match self.index.get(&key) {
            Some(&i) => {
                if let Some((_, slot)) = &mut self.entries[i] {
                    *slot = value;
                }
            }
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push(Some((key, value)));
            }
        }
    }

    /// `delete obj[key]`, returning the value.
    pub fn remove(&mut self, key: &str) -> Option<Field<V>> {
        let i = self.index.remove(key)?;
        self.entries[i].take().map(|(_, v)| v)
    }

    pub fn get(&self, key: &str) -> Option<&Field<V>> {
        let i = *self.index.get(key)?;
        self.entries[i].as_ref().map(|(_, v)| v)
    }

    /// The caller's value at `key`, if the entry is one.
    pub fn value(&self, key: &str) -> Option<&V> {
        match self.get(key) {
            Some(Field::Same(v)) => Some(v),
            _ => None,
        }
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Field<V>)> {
        self.entries.iter().flatten().map(|(k, v)| (k.as_str(), v))
    }

    /// The entries, in order.
    pub fn into_entries(self) -> impl Iterator<Item = (String, Field<V>)> {
        self.entries.into_iter().flatten()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(k, _)| k)
    }
}

/// The key JavaScript treats specially: assigning it sets an object's prototype.
pub const PROTO_KEY: &str = "__proto__";

/// Entries in order, except a `__proto__` entry, which comes last: a serializer that assigns
/// keys (`obj[key] = value`) turns it into the object's prototype, which must not stand in
/// the way of the other keys (the wasm shell then makes it a plain entry again).
impl<V: Serialize> Serialize for Params<V> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut map = ser.serialize_map(Some(self.index.len()))?;
        for (key, value) in self.iter().filter(|(k, _)| *k != PROTO_KEY) {
            map.serialize_entry(key, value)?;
        }
        if let Some(value) = self.get(PROTO_KEY) {
            map.serialize_entry(PROTO_KEY, value)?;
        }
        map.end()
    }
}

