//! A JS-like value model for the plain-Rust core.
//!
//! The wasm shell converts plain objects, arrays, strings, numbers and booleans into
//! these variants; anything else (functions, Dates, class instances, too-deep nesting)
//! becomes `Opaque(handle)`, which the core passes through without looking inside.
//!
//! `Object` keeps insertion order like a JS object. JS additionally lists integer-like
//! keys ("0", "42") first in ascending order; this model does not reproduce that.

#[allow(unused_imports)]
use crate::prelude::*;

/// A JS value as seen by the core.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Object),
    /// A JS value owned by the shell; never inspected by the core.
    Opaque(u32),
}

/// An insertion-ordered map of string keys to values (a plain JS object).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    entries: Vec<(String, Value)>,
}

impl Object {
    pub fn new() -> Self {
        Object {
            entries: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Appends an entry whose key the caller knows is not there yet (e.g. from `Object.keys`):
    /// constant time, where [`Object::set`] searches.
    pub fn push_new(&mut self, key: String, value: Value) {
        self.entries.push((key, value));
    }

    /// JS `obj[key] = value`: an existing key keeps its position, a new one is appended.
    pub fn set(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.entries.push((key, value)),
        }
    }

    /// JS `delete obj[key]`; the other keys keep their order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(i).1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Object {
    /// Builds like a JS object literal: a repeated key keeps its first position, last value.
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut obj = Object::new();
        for (k, v) in iter {
            obj.set(k, v);
        }
        obj
    }
}

impl Value {
    /// `value == null` in JS (undefined or null).
    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    /// JS truthiness. Opaque values are objects, hence truthy.
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0 && !n.is_nan(),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) | Value::Opaque(_) => true,
        }
    }

    /// Property lookup on a plain object; `None` for anything else (including Opaque).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(o) => o.get(key),
            _ => None,
        }
    }

    /// `value[key]` treating a missing property as undefined.
    pub fn prop(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Undefined)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Value::Object(o)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn keys(o: &Object) -> Vec<&str> {
        o.keys().collect()
    }

    #[test]
    fn set_overwrites_in_place_and_appends_new_keys() {
        let mut o: Object = [("a", Value::from(1.0)), ("b", Value::from(2.0))]
            .into_iter()
            .collect();
        o.set("a", Value::from(3.0));
        o.set("c", Value::Null);
        assert_eq!(keys(&o), ["a", "b", "c"]);
        assert_eq!(o.get("a"), Some(&Value::Number(3.0)));
        assert_eq!(o.len(), 3);
    }

    #[test]
    fn remove_keeps_order_of_the_rest() {
        let mut o: Object = [("a", Value::Null), ("b", Value::Null), ("c", Value::Null)]
            .into_iter()
            .collect();
        assert_eq!(o.remove("b"), Some(Value::Null));
        assert_eq!(o.remove("b"), None);
        assert_eq!(keys(&o), ["a", "c"]);
        assert!(!o.contains_key("b"));
    }

    #[test]
    fn literal_with_repeated_key_keeps_first_position_last_value() {
        let o: Object = [
            ("a", Value::from(1.0)),
            ("b", Value::Null),
            ("a", Value::from(2.0)),
        ]
        .into_iter()
        .collect();
        assert_eq!(keys(&o), ["a", "b"]);
        assert_eq!(o.get("a"), Some(&Value::Number(2.0)));
    }

    #[test]
    fn truthiness_matches_js() {
        let falsy = [
            Value::Undefined,
            Value::Null,
            Value::Bool(false),
            Value::Number(0.0),
            Value::Number(-0.0),
            Value::Number(f64::NAN),
            Value::from(""),
        ];
        for v in falsy {
            assert!(!v.is_truthy(), "{v:?}");
        }
        let truthy = [
            Value::Bool(true),
            Value::Number(-1.0),
            Value::Number(f64::INFINITY),
            Value::from("0"),
            Value::Array(vec![]),
            Value::Object(Object::new()),
            Value::Opaque(0),
        ];
        for v in truthy {
            assert!(v.is_truthy(), "{v:?}");
        }
    }

    #[test]
    fn property_lookup_only_on_plain_objects() {
        let o: Object = [("k", Value::from("v"))].into_iter().collect();
        assert_eq!(Value::Object(o).prop("k"), &Value::from("v"));
        assert_eq!(Value::Opaque(7).get("k"), None);
        assert_eq!(Value::from("str").prop("length"), &Value::Undefined);
        assert!(Value::Null.is_nullish() && Value::Undefined.is_nullish());
        assert!(!Value::Bool(false).is_nullish());
    }
}
