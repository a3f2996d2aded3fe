//! `connect.Agent.prototype.createTask`, `updateContact`, `listTaskTemplates` and
//! `getTaskTemplate`: convert the arguments, let the core normalise and validate them, then
//! send through Streams' client (`connect.core.getClient().call(method, params, callbacks)`).

use crate::core::task_request::{self, Request, RequestError};
use crate::core::uuid::uuid_v4;
use crate::core::value::{Object as Obj, Value};
use crate::js;
#[allow(unused_imports)]
use crate::prelude::*;
use wasm_bindgen::prelude::*;

/// JavaScript's `toUpperCase` for the core's key capitalisation (see `set_unicode_upper`).
pub fn js_upper(c: char, out: &mut String) {
    let mut buf = [0u8; 4];
    out.push_str(&js::upper_case(c.encode_utf8(&mut buf)));
}

/// The four agent methods.
#[derive(Clone, Copy)]
pub enum AgentMethod {
    CreateTask,
    UpdateContact,
    ListTaskTemplates,
    GetTaskTemplate,
}

impl AgentMethod {
    pub const ALL: [AgentMethod; 4] = [
        AgentMethod::CreateTask,
        AgentMethod::UpdateContact,
        AgentMethod::ListTaskTemplates,
        AgentMethod::GetTaskTemplate,
    ];

    /// The property names on `connect.Agent.prototype`, in [`AgentMethod::ALL`] order.
    pub const NAMES: [&'static str; 4] = ["createTask", "updateContact", "listTaskTemplates", "getTaskTemplate"];

    fn needs_instance_id(self) -> bool {
        matches!(self, AgentMethod::ListTaskTemplates | AgentMethod::GetTaskTemplate)
    }
}

/// Runs one agent method call on its argument, as boundary.js flattened it (`tape`), with
/// `callbacks` (boundary.js makes them settle once, or makes them a promise's). Missing
/// required values throw (as TaskJS does); a validation error or a failing client ends in
/// `callbacks.failure`; otherwise the request is sent.
pub fn run(method: AgentMethod, tape: JsValue, callbacks: &JsValue) -> Result<(), JsValue> {
    let tape = Tape::new(tape);
    let input = tape.read(&mut 3);
    let request = match method {
        AgentMethod::CreateTask => task_request::create_task(input, &random_uuid()),
        AgentMethod::UpdateContact => task_request::update_contact(input),
        AgentMethod::ListTaskTemplates => task_request::list_task_templates(input, ""),
        AgentMethod::GetTaskTemplate => task_request::get_task_template(input, ""),
    };
    match request {
        Err(RequestError::Missing { label }) => Err(js::missing(label)),
        Err(RequestError::Invalid(e)) => js::fail(callbacks, &js::validation_error(&e.message, &e.field)),
        Ok(Request { method: m, params }) => {
            js::send(m.as_str(), &tape.write(&params), callbacks, method.needs_instance_id())
        }
    }
}

/// A fresh UUID v4 from the browser's `crypto.getRandomValues`.
fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        chunk.copy_from_slice(&js::random_u32().to_le_bytes());
    }
    uuid_v4(bytes)
}

/// The caller's input as boundary.js flattened it (see `tape` there): read into the core's
/// [`Value`], and the core's output written back to JavaScript. Anything the core need not
/// look into (functions, class instances, very deep nesting) is `Value::Opaque(position)` and
/// comes back as the very same object.
struct Tape {
    list: JsValue,
    /// The markers boundary.js puts first: ARRAY, OBJECT, OPAQUE.
    markers: [JsValue; 3],
}

impl Tape {
    fn new(list: JsValue) -> Tape {
        let markers = [js::at(&list, 0), js::at(&list, 1), js::at(&list, 2)];
        Tape { list, markers }
    }

    /// The value starting at `*at`, moving `*at` past it.
    fn read(&self, at: &mut u32) -> Value {
        let v = js::at(&self.list, *at);
        *at += 1;
        if v.is_undefined() {
            Value::Undefined
        } else if v.is_null() {
            Value::Null
        } else if let Some(b) = v.as_bool() {
            Value::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Value::Number(n)
        } else if let Some(s) = v.as_string() {
            Value::String(s)
        } else if v == self.markers[0] {
            let n = self.count(at);
            let mut items = Vec::new(); // not with_capacity(n): n comes from the page
            for _ in 0..n {
                items.push(self.read(at));
            }
            Value::Array(items)
        } else if v == self.markers[1] {
            let n = self.count(at);
            let mut obj = Obj::new();
            for _ in 0..n {
                let key = js::at(&self.list, *at).as_string().unwrap_or_default();
                *at += 1;
                let value = self.read(at);
                obj.push_new(key, value);
            }
            Value::Object(obj)
        } else {
            // OPAQUE: the value follows.
            *at += 1;
            Value::Opaque(*at - 1)
        }
    }

    fn count(&self, at: &mut u32) -> u32 {
        let n = js::at(&self.list, *at).as_f64().unwrap_or(0.0) as u32;
        *at += 1;
        n
    }

    /// `v` as a new JavaScript value.
    fn write(&self, v: &Value) -> JsValue {
        match v {
            Value::Undefined => JsValue::UNDEFINED,
            Value::Null => JsValue::NULL,
            Value::Bool(b) => JsValue::from_bool(*b),
            Value::Number(n) => JsValue::from_f64(*n),
            Value::String(s) => JsValue::from_str(s),
            Value::Array(items) => {
                let out = js::new_array();
                for item in items {
                    js::push(&out, &self.write(item));
                }
                out
            }
            Value::Object(obj) => {
                let out = js::new_object();
                for (key, value) in obj.iter() {
                    js::define_value(&out, key, &self.write(value));
                }
                out
            }
            Value::Opaque(at) => js::at(&self.list, *at),
        }
    }
}
