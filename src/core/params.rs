//! What a request sends: fresh objects ([`Params`]) whose values ([`Field`]) are the caller's
//! own where the JavaScript library sends them unchanged. The core reads the caller's objects
//! into a `Params` once, and checks and builds from that one reading.

use rustc_hash::FxHashMap as HashMap;

/// A value in a request.
#[derive(Debug)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(serde::Serialize), serde(untagged))]
pub enum Field<V> {
    /// The caller's own value, sent as it is.
    Same(V),
    /// A string the core made (an upper-cased status, a quick connect id).
    Text(String),
    /// An object the core read (and so copies): a task's references, endpoint, attributes.
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

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Field<V>> {
        let i = *self.index.get(key)?;
        self.entries[i].as_mut().map(|(_, v)| v)
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

    /// The entries' values, in order, to change in place.
    pub fn values_mut(&mut self) -> impl Iterator<Item = (&str, &mut Field<V>)> {
        self.entries.iter_mut().flatten().map(|(k, v)| (k.as_str(), v))
    }

    /// The entries, in order.
    pub fn into_entries(self) -> impl Iterator<Item = (String, Field<V>)> {
        self.entries.into_iter().flatten()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(k, _)| k)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
impl<V: serde::Serialize> serde::Serialize for Params<V> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = ser.serialize_map(Some(self.index.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A field the caller may spell lower-case or capitalised: a templated task is sent with its
/// keys capitalised (as the JavaScript library sends it), and callers pass either spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The spelling errors name the field by.
    pub lower: &'static str,
    pub upper: &'static str,
}

impl Key {
    /// Both spellings, lower-case first.
    pub fn spellings(self) -> [&'static str; 2] {
        [self.lower, self.upper]
    }
}

/// The fields the core reads, in both spellings.
pub mod keys {
    use super::Key;

    macro_rules! keys {
        ($($name:ident = $lower:literal / $upper:literal;)*) => {$(
            pub const $name: Key = Key { lower: $lower, upper: $upper };
        )*};
    }

    keys! {
        NAME = "name" / "Name";
        DESCRIPTION = "description" / "Description";
        REFERENCES = "references" / "References";
        SCHEDULED_TIME = "scheduledTime" / "ScheduledTime";
        PREVIOUS_CONTACT_ID = "previousContactId" / "PreviousContactId";
        RELATED_CONTACT_ID = "relatedContactId" / "RelatedContactId";
        ATTRIBUTES = "attributes" / "Attributes";
        IDEMPOTENCY_TOKEN = "idempotencyToken" / "IdempotencyToken";
        TASK_TEMPLATE_ID = "taskTemplateId" / "TaskTemplateId";
        QUICK_CONNECT_ID = "quickConnectId" / "QuickConnectId";
        ENDPOINT = "endpoint" / "Endpoint";
        TYPE = "type" / "Type";
        VALUE = "value" / "Value";
        MAX_RESULTS = "maxResults" / "MaxResults";
        STATUS = "status" / "Status";
    }
}
