//! `connect.Agent.prototype.createTask`, `updateContact`, `listTaskTemplates` and
//! `getTaskTemplate`: read the input, let the core build and validate the request, then send
//! it through Streams' client (`connect.core.getClient().call(method, params, callbacks)`).

use crate::api::agent_input::{Js, JsInput};
use crate::core::agent_method::AgentMethod;
use crate::core::errors::{RequestError, ValidationError};
use crate::core::params::{Field, PROTO_KEY};
use crate::core::request::{self, GetTaskTemplateParams, ListTaskTemplatesParams, Method, Request};
use crate::core::settlement::{OnAnswer, Outcome};
use crate::api::page;
use crate::state::record::Page;
use crate::state::request::PendingRequest;
use crate::sys::builtins::{define_value, get, global};
use crate::sys::connect::connect;
use crate::sys::logger::{log_error, log_warn};
use js_sys::{Function, Object, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// One call. A missing required value throws (as the JavaScript library does); a validation
/// error or a failing client ends in `failure` (or a rejected promise); otherwise the request
/// is sent, and ends in `success` or `failure` when the client answers, or in `failure` with a
/// `TaskTimeoutError` when it has not answered in time (`setGlobalConfig`). Without `callbacks`
/// it returns a promise.
pub fn run(method: AgentMethod, input: JsValue, callbacks: JsValue) -> Result<JsValue, JsValue> {
    let now = js_sys::Date::now() / 1000.0;
    let task = Js(input);
    let built = match method {
        AgentMethod::CreateTask => request::create_task(&JsInput, &task, now, &idempotency_token),
        AgentMethod::UpdateContact => request::update_contact(&JsInput, &task, now),
        AgentMethod::ListTaskTemplates => request::list_task_templates(&JsInput, &task),
        AgentMethod::GetTaskTemplate => request::get_task_template(&JsInput, &task),
    };
    let built = match built {
        Err(RequestError::Missing(label)) => return Err(missing(label)),
        Err(RequestError::Threw(e)) => return Err(e.0),
        Err(RequestError::Invalid(e)) => Err(validation_error(&e)),
        Ok(request) => Ok(request),
    };
    // The callbacks are read after the input, as the JavaScript library reads them.
    let (own, promise) = if callbacks.is_undefined() || callbacks.is_null() {
        let mut callbacks = JsValue::UNDEFINED;
        let promise = Promise::new(&mut |resolve, reject| {
            let pair = Object::new();
            let _ = Reflect::set(&pair, &"success".into(), &resolve);
            let _ = Reflect::set(&pair, &"failure".into(), &reject);
            callbacks = pair.into();
        });
        (callbacks, promise.into())
    } else {
        (callbacks, JsValue::UNDEFINED)
    };
    let page = page();
    let pending = PendingRequest::new(&own);
    let (guarded, has_failure) = guard(&page, &own, &pending);
    // A timeout ends a request in `failure`: only one sent with a `failure` to call gets one.
    // What it needs is made before sending, so that little is left to do after.
    let timeout_ms = page.request_timeout_ms();
    let timer = (built.is_ok() && has_failure && timeout_ms > 0.0).then(|| page.shim().timed_out(&pending));
    let sent = built.and_then(|request| {
        let method = method_name(request.method());
        pending.sending(&method);
        send(request, &method, &guarded)
    });
    match sent {
        Ok(()) => {
            if let Some(timer) = timer {
                pending.start_timer(&timer, timeout_ms);
            }
            Ok(promise)
        }
        Err(error) => fail(&guarded, error).map(|()| promise),
    }
}

/// Sends `request` through Streams' client as `method`.
fn send(request: Request<Js>, method: &JsValue, callbacks: &JsValue) -> Result<(), JsValue> {
    let core = connect().core()?;
    let instance_id = || Ok::<_, JsValue>(Js(core.get_agent_data_provider()?.get_instance_id()?));
    let params = match request {
        Request::CreateTaskContact(p) | Request::CreateTemplatedTask(p) | Request::UpdateContact(p) => {
            to_js(&Field::Object(p))?
        }
        Request::ListTaskTemplates(query_params) => {
            let params = ListTaskTemplatesParams { instance_id: instance_id()?, query_params };
            let out = params.serialize(&SERIALIZER)?;
            restore_proto_keys(&params.query_params, &get(&out, "queryParams"))?;
            out
        }
        Request::GetTaskTemplate(template_params) => {
            let params = GetTaskTemplateParams { instance_id: instance_id()?, template_params };
            let out = params.serialize(&SERIALIZER)?;
            restore_proto_keys(&params.template_params, &get(&out, "templateParams"))?;
            out
        }
    };
    core.get_client()?.call(method, &params, callbacks)?;
    Ok(())
}

/// Requests as the JSON-like objects the client expects (maps as plain objects); the caller's
/// values pass through as they are (see [`Js`]).
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();

/// `field` as what the client gets: fresh objects holding the caller's values.
fn to_js(field: &Field<Js>) -> Result<JsValue, JsValue> {
    let out = field.serialize(&SERIALIZER)?;
    restore_proto_keys(field, &out)?;
    Ok(out)
}

/// serde-wasm-bindgen sets keys with `obj[key] = value`, which for the key `__proto__` sets
/// the object's prototype instead (the core serialises that entry last, so it cannot get in
/// the way of the others). Makes each such entry of `field` (already serialised as `out`) a
/// plain own property again, with `Object.prototype` back as the prototype.
fn restore_proto_keys(field: &Field<Js>, out: &JsValue) -> Result<(), JsValue> {
    match field {
        Field::Object(params) => {
            for (key, value) in params.iter() {
                if key == PROTO_KEY {
                    let fresh = to_js(value)?;
                    let obj: &Object = out.unchecked_ref();
                    Object::set_prototype_of(obj, &Object::get_prototype_of(&Object::new()));
                    define_value(obj, PROTO_KEY, &fresh);
                } else if matches!(value, Field::Object(_) | Field::List(_)) {
                    restore_proto_keys(value, &get(out, key))?;
                }
            }
        }
        Field::List(items) => {
            for (i, item) in items.iter().enumerate().filter(|(_, item)| matches!(item, Field::Object(_) | Field::List(_))) {
                restore_proto_keys(item, &Reflect::get_u32(out, i as u32)?)?;
            }
        }
        Field::Same(_) | Field::Text(_) => {}
    }
    Ok(())
}

/// `connect[enum][key]` (`connect.ClientMethods.CREATE_TASK_CONTACT`, ...), read at call time:
/// consumers' tests mock it. Streams before 2.2 has no such enum: then the name it holds since.
fn method_name(method: Method) -> JsValue {
    let (enumeration, key) = method.streams_name();
    let name = get(&get(&connect(), enumeration), key);
    if name.is_undefined() {
        method.default_name().into()
    } else {
        name
    }
}

/// The idempotency token of a plain task: `AWS.util.uuid.v4()` from the AWS SDK bundled in
/// Streams, as the JavaScript library uses (consumers' tests stub it), when it gives a string;
/// otherwise a random UUID v4 of our own.
fn idempotency_token() -> Field<Js> {
    let uuid = get(&get(&global("AWS"), "util"), "uuid");
    if let Some(v4) = get(&uuid, "v4").dyn_ref::<Function>() {
        if let Ok(token) = v4.call0(&uuid) {
            if token.is_string() {
                return Field::Same(Js(token));
            }
        }
    }
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes);
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    Field::Text(uuid.hyphenated().encode_lower(&mut uuid::Uuid::encode_buffer()).to_owned())
}

/// Random bytes from `crypto.getRandomValues` (web-sys), or `Math.random` where there is no
/// Web Crypto (Node 18 without the flag).
fn random_bytes(bytes: &mut [u8]) {
    let crypto = global("crypto");
    if crypto.is_object() && crypto.unchecked_ref::<web_sys::Crypto>().get_random_values_with_u8_array(bytes).is_ok() {
        return;
    }
    for b in bytes.iter_mut() {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
}

/// The error a missing required value throws: Streams' own `ValueError`, through
/// `connect.assertNotNull`; a plain `Error` with the same message without Streams.
fn missing(label: &str) -> JsValue {
    match connect().assert_not_null(&JsValue::NULL, label) {
        Err(e) => e,
        Ok(_) => js_sys::Error::new(&[label, " must be provided"].concat()).into(),
    }
}

/// An `Error` named `TaskValidationError` whose `field` names the offending input.
pub fn validation_error(e: &ValidationError) -> JsValue {
    let error = js_sys::Error::new(&e.message);
    error.set_name("TaskValidationError");
    let _ = Reflect::set(&error, &"field".into(), &e.field.as_str().into());
    error.into()
}

/// Calls `callbacks.failure(error)`; without a failure callback the error is thrown instead,
/// so it is never lost. A failure callback that throws is logged.
fn fail(callbacks: &JsValue, error: JsValue) -> Result<(), JsValue> {
    let Some(failure) = get(callbacks, "failure").dyn_into::<Function>().ok() else {
        return Err(error);
    };
    if let Err(e) = failure.call1(callbacks, &error) {
        log_error("A task request failure callback threw: %s", &error, Some(&e));
    }
    Ok(())
}

/// Callbacks that let only the first of success/failure through, for `pending`: an object
/// inheriting from the caller's (so the client still sees its other members) with guarded
/// `success` and `failure` of its own (the shim's forwarders to `agentSettle`). Without either
/// function, the caller's object is passed on as it is. Also returns whether a `failure` was
/// guarded (only then can the request time out).
fn guard(page: &Page, callbacks: &JsValue, pending: &PendingRequest) -> (JsValue, bool) {
    let has = |outcome: Outcome| get(callbacks, outcome.callback()).is_function();
    let (success, failure) = (has(Outcome::Success), has(Outcome::Failure));
    if !callbacks.is_object() || !(success || failure) {
        return (callbacks.clone(), false);
    }
    let guarded = Object::create(callbacks.unchecked_ref());
    for (outcome, has) in [(Outcome::Success, success), (Outcome::Failure, failure)] {
        if has {
            define_value(&guarded, outcome.callback(), &page.shim().settle(pending, outcome));
        }
    }
    (guarded.into(), failure)
}

/// The client answered request `pending` (a guarded `success` or `failure`): the first end of
/// the request calls the caller's callback, with the caller's object as `this` (one that
/// throws is logged); an answer after the timeout ended it is logged, not delivered.
pub fn settle(pending: &PendingRequest, outcome: Outcome, data: &JsValue, extra: &JsValue) {
    match pending.answer() {
        OnAnswer::Deliver => call(&pending.callbacks(), outcome, data, extra),
        OnAnswer::LogLate => {
            let late = (js_sys::Date::now() - pending.deadline()).round();
            let text = "The answer to %s came %s ms after its %s ms timeout had ended the request (with a TaskTimeoutError); it was not delivered";
            log_warn(text, &[pending.method(), late.into(), pending.timeout_ms().into()]);
        }
        OnAnswer::Drop => {}
    }
}

/// Request `pending`'s timeout came: unless it was answered, it ends in `failure` with a
/// `TaskTimeoutError`.
pub fn timed_out(pending: &PendingRequest) {
    if pending.time_out() {
        let error = timeout_error(&pending.method(), pending.timeout_ms());
        call(&pending.callbacks(), Outcome::Failure, &error, &JsValue::UNDEFINED);
    }
}

/// Calls the caller's `success` or `failure`; one that throws is logged.
fn call(callbacks: &JsValue, outcome: Outcome, data: &JsValue, extra: &JsValue) {
    if let Ok(f) = get(callbacks, outcome.callback()).dyn_into::<Function>() {
        if let Err(e) = f.call2(callbacks, data, extra) {
            log_error("A task request callback threw: %s", &outcome.callback().into(), Some(&e));
        }
    }
}

/// An `Error` named `TaskTimeoutError`, with the client `method` and `timeoutMs`.
fn timeout_error(method: &JsValue, timeout_ms: f64) -> JsValue {
    let parts = [method.clone(), " got no answer within ".into(), timeout_ms.into(), " ms: its outcome is unknown (it may still have been carried out)".into()];
    let message: String = parts.iter().collect::<js_sys::Array>().join("").into();
    let error = js_sys::Error::new(&message);
    error.set_name("TaskTimeoutError");
    let _ = Reflect::set(&error, &"method".into(), method);
    let _ = Reflect::set(&error, &"timeoutMs".into(), &timeout_ms.into());
    error.into()
}
