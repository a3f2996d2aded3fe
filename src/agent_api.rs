//! `connect.Agent.prototype.createTask`, `updateContact`, `listTaskTemplates` and
//! `getTaskTemplate`: convert the arguments, let the core normalise and validate them, then
//! send through Streams' client (`connect.core.getClient().call(method, params, callbacks)`).

use crate::core::task_request::{self, Request, RequestError};
use crate::core::uuid::uuid_v4;
use crate::core::validation::ValidationError;
use crate::core::value::{Object as Obj, Value};
use crate::js;
use js_sys::{Array, Function, Object, Promise, Reflect};
use crate::global::Global;
#[allow(unused_imports)]
use crate::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = connect, js_name = assertNotNull, catch)]
    fn assert_not_null(value: &JsValue, name: &str) -> Result<JsValue, JsValue>;

    type Client;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = getClient, catch)]
    fn get_client() -> Result<Client, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn call(this: &Client, method: &str, params: &JsValue, callbacks: &JsValue) -> Result<JsValue, JsValue>;

    type AgentDataProvider;
    #[wasm_bindgen(js_namespace = ["connect", "core"], js_name = getAgentDataProvider, catch)]
    fn get_agent_data_provider() -> Result<AgentDataProvider, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getInstanceId)]
    fn get_instance_id(this: &AgentDataProvider) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = String)]
    fn js_string(c: char) -> js_sys::JsString;

    // Inspecting the caller's input can run page code (getters, proxy traps), so every import
    // the converter uses is `catch`: a JavaScript exception must never unwind through wasm.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// JavaScript's `toUpperCase` for the core's key capitalisation (see `set_unicode_upper`).
pub fn js_upper(c: char, out: &mut String) {
    out.push_str(&String::from(js_string(c).to_upper_case()));
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

    /// The property name on `connect.Agent.prototype`.
    pub fn name(self) -> &'static str {
        match self {
            AgentMethod::CreateTask => "createTask",
            AgentMethod::UpdateContact => "updateContact",
            AgentMethod::ListTaskTemplates => "listTaskTemplates",
            AgentMethod::GetTaskTemplate => "getTaskTemplate",
        }
    }

    fn needs_instance_id(self) -> bool {
        matches!(self, AgentMethod::ListTaskTemplates | AgentMethod::GetTaskTemplate)
    }
}

/// Runs one agent method call. Missing required values throw (as TaskJS does); a validation
/// error or a failing client ends in `callbacks.failure` (or a rejected promise); otherwise
/// the request is sent. Without `callbacks`, returns a promise of the client's result.
pub fn run(method: AgentMethod, arg: JsValue, callbacks: JsValue) -> Result<JsValue, JsValue> {
    let mut conv = Converter::default();
    let input = conv.import(&arg, 0)?;
    let request = match method {
        AgentMethod::CreateTask => task_request::create_task(&input, &random_uuid()),
        AgentMethod::UpdateContact => task_request::update_contact(&input),
        AgentMethod::ListTaskTemplates => task_request::list_task_templates(&input, ""),
        AgentMethod::GetTaskTemplate => task_request::get_task_template(&input, ""),
    };
    let (callbacks, promise) = if callbacks.is_undefined() || callbacks.is_null() {
        let (cb, p) = promise_callbacks();
        (cb, Some(p))
    } else {
        (settle_once(&callbacks), None)
    };
    match request {
        Err(RequestError::Missing { label }) => return Err(missing(label)),
        Err(RequestError::Invalid(e)) => fail(&callbacks, &validation_error(&e))?,
        Ok(Request { method: m, params }) => {
            let params = conv.export(&params);
            if let Err(e) = send(method, m.as_str(), &params, &callbacks) {
                fail(&callbacks, &e)?;
            }
        }
    }
    Ok(promise.map_or(JsValue::UNDEFINED, JsValue::from))
}

fn send(method: AgentMethod, name: &str, params: &JsValue, callbacks: &JsValue) -> Result<(), JsValue> {
    if method.needs_instance_id() {
        let instance_id = get_agent_data_provider()?.get_instance_id()?;
        Reflect::set(params, &"instanceId".into(), &instance_id)?;
    }
    get_client()?.call(name, params, callbacks)?;
    Ok(())
}

/// Calls `callbacks.failure(error)`; without a failure callback the error is thrown instead,
/// so it is never lost. A failure callback that throws is logged.
fn fail(callbacks: &JsValue, error: &JsValue) -> Result<(), JsValue> {
    let Some(failure) = js::as_function(js::get(callbacks, "failure")) else {
        return Err(error.clone());
    };
    if let Err(e) = failure.call1(callbacks, error) {
        js::log_error("A task request failure callback threw: %s", error, Some(&e));
    }
    Ok(())
}

/// The one function behind every guarded callback (each is this, bound to a call's state).
static SETTLE: Global<Closure<SettleFn>> = Global::new();
type SettleFn = dyn Fn(Object, JsValue, JsValue, JsValue);

/// Calls `state.callbacks[kind](a, b)` unless this request already ended.
fn settle(state: Object, kind: JsValue, a: JsValue, b: JsValue) {
    if js::get(&state, "done").is_truthy() {
        return;
    }
    js::set(&state, "done", &JsValue::TRUE);
    let callbacks = js::get(&state, "callbacks");
    if let Some(f) = Reflect::get(&callbacks, &kind).ok().and_then(js::as_function) {
        let _ = f.call2(&callbacks, &a, &b).map_err(|e| js::log_error("A task request callback threw: %s", &kind, Some(&e)));
    }
}

/// Callbacks that let only the first of `success`/`failure` through: an object inheriting
/// from the caller's (so the client still sees any other members) with guarded
/// `success` and `failure` of its own. Without either function, the caller's object is kept.
fn settle_once(callbacks: &JsValue) -> JsValue {
    let has = |k| js::get(callbacks, k).is_function();
    if !callbacks.is_object() || !has("success") && !has("failure") {
        return callbacks.clone();
    }
    let state = Object::new();
    js::set(&state, "callbacks", callbacks);
    let guarded = Object::create(callbacks.unchecked_ref());
    let f = SETTLE.get(|| Closure::new(settle)).as_ref().unchecked_ref::<Function>();
    for kind in ["success", "failure"] {
        if has(kind) {
            js::set(&guarded, kind, &f.bind2(&JsValue::NULL, &state, &kind.into()).unchecked_into::<Function>());
        }
    }
    guarded.into()
}

/// `{success: resolve, failure: reject}` of a new promise.
fn promise_callbacks() -> (JsValue, Promise) {
    let callbacks = Object::new();
    let promise = Promise::new(&mut |resolve, reject| {
        js::set(&callbacks, "success", &resolve);
        js::set(&callbacks, "failure", &reject);
    });
    (callbacks.into(), promise)
}

/// The error a missing required value throws: Streams' own, through `connect.assertNotNull`.
fn missing(label: &str) -> JsValue {
    let streams_has_it = js::get(&crate::install::connect_global(), "assertNotNull").is_function();
    match assert_not_null(&JsValue::NULL, label) {
        Err(e) if streams_has_it => e,
        _ => {
            let mut msg = String::from(label);
            msg.push_str(" must be provided");
            js_sys::Error::new(&msg).into()
        }
    }
}

/// An `Error` named `TaskValidationError` whose `field` names the offending input.
fn validation_error(e: &ValidationError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("TaskValidationError");
    let _ = Reflect::set(&err, &"field".into(), &e.field.as_str().into());
    err.into()
}

/// A fresh UUID v4 from the browser's `crypto.getRandomValues`.
fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    if get_random_values(&mut bytes).is_err() {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// Plain objects and arrays nest at most this deep before they pass through untouched.
const MAX_DEPTH: u32 = 8;

/// Converts JavaScript values to the core's [`Value`] and back. Anything the core need not
/// look into (functions, class instances, very deep nesting) travels as an opaque handle and
/// comes back as the very same object.
#[derive(Default)]
struct Converter {
    opaque: Vec<JsValue>,
}

impl Converter {
    /// The core's view of `v`. A getter or proxy trap that throws makes this fail with its
    /// exception (the agent method then throws it, as TaskJS would).
    fn import(&mut self, v: &JsValue, depth: u32) -> Result<Value, JsValue> {
        if v.is_undefined() {
            return Ok(Value::Undefined);
        }
        if v.is_null() {
            return Ok(Value::Null);
        }
        if let Some(b) = v.as_bool() {
            return Ok(Value::Bool(b));
        }
        if let Some(n) = v.as_f64() {
            return Ok(Value::Number(n));
        }
        if let Some(s) = v.as_string() {
            return Ok(Value::String(s));
        }
        if depth < MAX_DEPTH && v.is_object() {
            if is_array(v)? {
                let len = Reflect::get(v, &"length".into())?.as_f64().unwrap_or(0.0) as u32;
                let mut items = Vec::with_capacity(len.min(1024) as usize);
                for i in 0..len {
                    items.push(self.import(&Reflect::get_u32(v, i)?, depth + 1)?);
                }
                return Ok(Value::Array(items));
            }
            if is_plain_object(v)? {
                let mut obj = Obj::new();
                for key in object_keys(v)?.iter() {
                    let value = self.import(&Reflect::get(v, &key)?, depth + 1)?;
                    obj.push_new(key.as_string().unwrap_or_default(), value);
                }
                return Ok(Value::Object(obj));
            }
        }
        self.opaque.push(v.clone());
        Ok(Value::Opaque(self.opaque.len() as u32 - 1))
    }

    fn export(&self, v: &Value) -> JsValue {
        match v {
            Value::Undefined => JsValue::UNDEFINED,
            Value::Null => JsValue::NULL,
            Value::Bool(b) => JsValue::from_bool(*b),
            Value::Number(n) => JsValue::from_f64(*n),
            Value::String(s) => JsValue::from_str(s),
            Value::Array(items) => items.iter().map(|i| self.export(i)).collect::<Array>().into(),
            Value::Object(obj) => {
                let out = Object::new();
                for (key, value) in obj.iter() {
                    define(&out, key, &self.export(value));
                }
                out.into()
            }
            Value::Opaque(i) => self.opaque.get(*i as usize).cloned().unwrap_or(JsValue::UNDEFINED),
        }
    }
}

/// An object literal's kind of object: its prototype is `Object.prototype` or `null`.
fn is_plain_object(v: &JsValue) -> Result<bool, JsValue> {
    if !v.is_object() || v.is_function() {
        return Ok(false);
    }
    let proto = Reflect::get_prototype_of(v)?;
    Ok(proto.is_null() || Reflect::get_prototype_of(&proto)?.is_null())
}

/// Sets an own property, also for the key `__proto__` (which plain assignment would treat as
/// the prototype).
fn define(obj: &Object, key: &str, value: &JsValue) {
    if key == "__proto__" {
        js::define_value(obj, &key.into(), value);
    } else {
        let _ = Reflect::set(obj, &key.into(), value);
    }
}
