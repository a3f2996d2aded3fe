//! How the core reads the caller's input: by property access, as the JavaScript library does,
//! whatever the object's prototype (Streams' `agent.getEndpoints()` returns `connect.Endpoint`
//! instances, not object literals).
//!
//! The wasm shell implements [`Input`] with js-sys; the tests implement it on a small in-memory
//! model. The core reads only what a rule needs: a string's length before its text, and a value
//! it passes through is never copied into wasm memory — the request carries the caller's own
//! value ([`Input::Value`], a handle).

/// What a value is, as far as the core's rules care.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    /// A string of this many UTF-16 code units (JavaScript's `length`).
    String(usize),
    /// An array (`Array.isArray`).
    Array,
    /// A function.
    Function,
    /// Any other object: a plain object, a class instance, a proxy.
    Object,
    /// A symbol or a bigint.
    Other,
}

impl Kind {
    /// Neither `undefined` nor `null` (what `connect.assertNotNull` accepts).
    pub fn is_present(self) -> bool {
        !matches!(self, Kind::Undefined | Kind::Null)
    }

    /// JavaScript truthiness (a bigint `0n` counts as truthy here; nothing relies on it).
    pub fn is_truthy(self) -> bool {
        match self {
            Kind::Undefined | Kind::Null => false,
            Kind::Bool(b) => b,
            Kind::Number(n) => n != 0.0 && !n.is_nan(),
            Kind::String(len) => len > 0,
            Kind::Array | Kind::Function | Kind::Object | Kind::Other => true,
        }
    }

    /// An object or an array (not a function): what the core copies when it must change it.
    pub fn is_object(self) -> bool {
        matches!(self, Kind::Array | Kind::Object)
    }
}

/// An object's entries: (key, value) pairs, each a handle.
pub type Entries<V> = Vec<(V, V)>;

/// The caller's input, read through property access.
pub trait Input {
    /// A handle to one value of the input; what the core passes through is sent as this value.
    type Value: Clone;
    /// What reading threw (a throwing getter, a revoked proxy): the agent method throws it.
    type Error;

    fn kind(&self, v: &Self::Value) -> Kind;

    /// `v[key]`.
    fn get(&self, v: &Self::Value, key: &str) -> Result<Self::Value, Self::Error>;

    /// The entries a copy of object `v` carries, each read once, in order: its own enumerable
    /// string keys, then the enumerable ones it inherits (not shadowed, and not functions: a
    /// class's methods stay behind). The keys are handles too; see [`Input::text`].
    fn entries(&self, v: &Self::Value) -> Result<Entries<Self::Value>, Self::Error>;

    /// The text of string `v`, up to its first `max` UTF-16 units. The core checks the length
    /// ([`Kind::String`]) first, and copies only what it needs.
    fn text(&self, v: &Self::Value, max: usize) -> String;

    /// JavaScript's `s.toUpperCase()`.
    fn upper_case(&self, s: &str) -> String;

    /// JavaScript's `Number(v)` of string `v`: JavaScript parses the number (Rust's float
    /// parser would add about 13 KB to the module).
    fn number(&self, v: &Self::Value) -> f64;

    /// JavaScript's `Number(text)`, for text the core holds.
    fn parse_number(&self, text: &str) -> f64;

    /// The built-in class of object `v` as `Object.prototype.toString` names it: `Object` for a
    /// plain object or a class instance, `Map`, `Set`, `Date`...
    fn class_name(&self, v: &Self::Value) -> String;
}

/// An in-memory [`Input`] for the core's tests: plain objects (with an optional prototype),
/// arrays, strings, numbers, and opaque functions.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod model {
    use super::{Input, Kind};
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
    use std::rc::Rc;

    #[derive(Clone, Debug, PartialEq)]
    pub enum J {
        Undefined,
        Null,
        Bool(bool),
        Num(f64),
        Str(String),
        Arr(Rc<Vec<J>>),
        /// Own entries, and the prototype they inherit from (if any).
        Obj(Rc<Vec<(String, J)>>, Option<Rc<J>>),
        /// A function, named for the tests.
        Func(&'static str),
        /// A getter that throws when read.
        Throws,
        /// A `Map` (which has no enumerable fields).
        Map,
    }

    pub fn obj(entries: Vec<(&str, J)>) -> J {
        J::Obj(Rc::new(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()), None)
    }

    /// `Object.create(proto)` with the given own entries.
    pub fn derived(proto: J, entries: Vec<(&str, J)>) -> J {
        match obj(entries) {
            J::Obj(own, _) => J::Obj(own, Some(Rc::new(proto))),
            _ => unreachable!(),
        }
    }

    pub fn s(text: &str) -> J {
        J::Str(text.to_owned())
    }

    pub fn arr(items: Vec<J>) -> J {
        J::Arr(Rc::new(items))
    }

    impl From<&str> for J {
        fn from(text: &str) -> J {
            s(text)
        }
    }

    impl From<f64> for J {
        fn from(n: f64) -> J {
            J::Num(n)
        }
    }

    /// UTF-16 length, as JavaScript counts.
    pub fn js_len(text: &str) -> usize {
        text.encode_utf16().count()
    }

    pub struct Model;

    #[derive(Debug, PartialEq)]
    pub struct Thrown;

    impl Input for Model {
        type Value = J;
        type Error = Thrown;

        fn kind(&self, v: &J) -> Kind {
            match v {
                J::Undefined | J::Throws => Kind::Undefined,
                J::Null => Kind::Null,
                J::Bool(b) => Kind::Bool(*b),
                J::Num(n) => Kind::Number(*n),
                J::Str(t) => Kind::String(js_len(t)),
                J::Arr(_) => Kind::Array,
                J::Obj(..) | J::Map => Kind::Object,
                J::Func(_) => Kind::Function,
            }
        }

        fn get(&self, v: &J, key: &str) -> Result<J, Thrown> {
            let found = match v {
                J::Obj(own, proto) => match own.iter().find(|(k, _)| k == key) {
                    Some((_, value)) => Some(value.clone()),
                    None => proto.as_ref().map(|p| self.get(p, key)).transpose()?,
                },
                J::Arr(items) => key.parse::<usize>().ok().and_then(|i| items.get(i).cloned()),
                _ => None,
            };
            match found {
                Some(J::Throws) => Err(Thrown),
                other => Ok(other.unwrap_or(J::Undefined)),
            }
        }

        fn entries(&self, v: &J) -> Result<Vec<(J, J)>, Thrown> {
            let mut out: Vec<(J, J)> = Vec::new();
            let mut level = Some(v);
            let mut own = true;
            while let Some(J::Obj(entries, proto)) = level {
                for (k, value) in entries.iter() {
                    if *value == J::Throws {
                        return Err(Thrown);
                    }
                    let shadowed = out.iter().any(|(seen, _)| *seen == J::Str(k.clone()));
                    if !shadowed && (own || !matches!(value, J::Func(_))) {
                        out.push((s(k), value.clone()));
                    }
                }
                own = false;
                level = proto.as_deref();
            }
            if let J::Arr(items) = v {
                out = items.iter().enumerate().map(|(i, x)| (s(&i.to_string()), x.clone())).collect();
            }
            Ok(out)
        }

        fn text(&self, v: &J, max: usize) -> String {
            match v {
                J::Str(t) => String::from_utf16_lossy(&t.encode_utf16().take(max).collect::<Vec<u16>>()),
                _ => String::new(),
            }
        }

        fn upper_case(&self, text: &str) -> String {
            text.to_uppercase()
        }

        /// Rust's parser, on the decimal strings the core asks about, agrees with `Number`.
        fn number(&self, v: &J) -> f64 {
            match v {
                J::Str(t) => self.parse_number(t),
                J::Num(n) => *n,
                _ => f64::NAN,
            }
        }

        fn parse_number(&self, text: &str) -> f64 {
            text.parse().unwrap_or(f64::NAN)
        }

        fn class_name(&self, v: &J) -> String {
            match v {
                J::Map => "Map",
                J::Arr(_) => "Array",
                J::Func(_) => "Function",
                _ => "Object",
            }
            .to_owned()
        }
    }

    /// What the request sends, as JSON for comparisons (functions become `"<name>"`).
    impl Serialize for J {
        fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
            match self {
                J::Undefined | J::Throws | J::Map => ser.serialize_unit(),
                J::Null => ser.serialize_none(),
                J::Bool(b) => ser.serialize_bool(*b),
                J::Num(n) => ser.serialize_f64(*n),
                J::Str(t) => ser.serialize_str(t),
                J::Func(name) => ser.serialize_str(&format!("<{name}>")),
                J::Arr(items) => {
                    let mut seq = ser.serialize_seq(Some(items.len()))?;
                    for item in items.iter() {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                J::Obj(..) => {
                    let entries = Model.entries(self).map_err(|_| serde::ser::Error::custom("throws"))?;
                    let mut map = ser.serialize_map(Some(entries.len()))?;
                    for (k, v) in entries {
                        map.serialize_entry(&k, &v)?;
                    }
                    map.end()
                }
            }
        }
    }
}
