//! The caller's input to the agent methods, read as the core reads it ([`Input`]): by property
//! access on JavaScript values, whatever their prototype.

use crate::core::input::{Input, Kind};
use crate::sys::builtins::{is_array, object_keys, object_tag};
use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A value of the caller's input.
#[derive(Clone, Debug)]
pub struct Js(pub JsValue);

/// The core's [`Input`], on JavaScript values.
pub struct JsInput;

/// How many prototypes an object's inherited fields are read from (a proxy could make the
/// chain endless).
const PROTOTYPES_MAX: usize = 32;

impl Input for JsInput {
    type Value = Js;
    type Error = Js;

    fn kind(&self, Js(v): &Js) -> Kind {
        if v.is_undefined() {
            Kind::Undefined
        } else if v.is_null() {
            Kind::Null
        } else if let Some(b) = v.as_bool() {
            Kind::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Kind::Number(n)
        } else if let Some(s) = v.dyn_ref::<JsString>() {
            Kind::String(s.length() as usize)
        } else if v.is_function() {
            Kind::Function
        } else if !v.is_object() {
            Kind::Other
        } else if is_array(v).unwrap_or(false) {
            Kind::Array
        } else {
            Kind::Object
        }
    }

    fn get(&self, Js(v): &Js, key: &str) -> Result<Js, Js> {
        if !v.is_object() && !v.is_function() {
            return Ok(Js(JsValue::UNDEFINED)); // a primitive has none of the fields we read
        }
        Reflect::get(v, &key.into()).map(Js).map_err(Js)
    }

    fn entries(&self, Js(v): &Js) -> Result<Vec<(Js, Js)>, Js> {
        let mut out = Vec::new();
        let mut seen: Option<js_sys::Set> = None;
        let mut level = v.clone();
        for depth in 0..PROTOTYPES_MAX {
            let keys = object_keys(&level).map_err(Js)?;
            let own = depth == 0;
            for key in keys.iter() {
                if let Some(seen) = &seen {
                    if seen.has(&key) {
                        continue;
                    }
                    seen.add(&key);
                }
                let value = Reflect::get(v, &key).map_err(Js)?;
                if own || !value.is_function() {
                    out.push((Js(key), Js(value)));
                }
            }
            // Up the prototype chain, short of Object.prototype (whose prototype is null).
            let Ok(next) = Reflect::get_prototype_of(&level) else { break };
            if next.is_null() || Reflect::get_prototype_of(&next).map_or(true, |p| p.is_null()) {
                break;
            }
            if seen.is_none() {
                let set = js_sys::Set::new(&JsValue::UNDEFINED);
                keys.iter().for_each(|k| drop(set.add(&k)));
                seen = Some(set);
            }
            level = next.into();
        }
        Ok(out)
    }

    fn text(&self, Js(v): &Js, max: usize) -> String {
        let Some(s) = v.dyn_ref::<JsString>() else { return String::new() };
        let s = if s.length() as usize > max { s.slice(0, max as u32) } else { s.clone() };
        s.into()
    }

    fn upper_case(&self, s: &str) -> String {
        JsString::from(s).to_upper_case().into()
    }

    fn number(&self, Js(v): &Js) -> f64 {
        js_sys::Number::from(v.clone()).value_of()
    }

    fn parse_number(&self, text: &str) -> f64 {
        js_sys::Number::from(JsValue::from_str(text)).value_of()
    }

    fn class_name(&self, Js(v): &Js) -> String {
        // "[object Map]" -> "Map"
        let tag = object_tag(v).unwrap_or_default();
        tag.slice(8, tag.length().saturating_sub(1)).into()
    }
}
