//! `connect.Agent.prototype.createTask`, `updateContact`, `listTaskTemplates` and
//! `getTaskTemplate`: read the input, let the core build and validate the request, then send
//! it through Streams' client (`connect.core.getClient().call(method, params, callbacks)`).
//!
//! Every call either throws (or rejects) at once, having sent nothing, or is accepted; an
//! accepted call ends exactly once, in `success` or `failure` (a settled promise), whatever
//! callbacks the caller gave and whatever the client does: the client always gets both
//! callbacks, guarded so that only the first end counts (`state::request`), and a request with
//! no answer in time ends in a `TaskTimeoutError`.

use crate::api::agent_input::{Js, JsInput};
use crate::api::page;
use crate::core::agent_method::AgentMethod;
use crate::core::errors::{RequestError, ValidationError};
use crate::core::params::{Field, Params};
use crate::core::request::{self, ClientMethod, Request};
use crate::core::settlement::{Answer, OnAnswer};
use crate::state::record::Page;
use crate::state::request::PendingRequest;
use crate::sys::builtins::{define_value, get, global, object, parse_json};
use crate::sys::connect::connect;
use crate::sys::logger::{log_error, log_warn};
use js_sys::{Array, Function, JsString, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// One call, up to sending. A missing required value throws (as the JavaScript library does),
/// and so does input of the wrong shape; a validation error ends in `failure` (or a rejected
/// promise), or throws when there is no `failure`. Returns `[promise]` for a call that has
/// ended, or `[promise, client, method, params, callbacks, request]` for the shim to send
/// (`client.call(method, params, callbacks)`), with the request's timer started. `promise` is
/// what the call returns: the promise of the promise form, or `undefined`.
pub fn run(method: AgentMethod, input: JsValue, callbacks: JsValue) -> Result<JsValue, JsValue> {
    let now = js_sys::Date::now() / 1000.0;
    let task = Js(input);
    let built = match method {
        AgentMethod::createTask => request::create_task(&JsInput, &task, now, &idempotency_token),
        AgentMethod::updateContact => request::update_contact(&JsInput, &task, now),
        AgentMethod::listTaskTemplates => request::list_task_templates(&JsInput, &task),
        AgentMethod::getTaskTemplate => request::get_task_template(&JsInput, &task),
    };
    let page = page();
    let built = match built {
        Err(RequestError::Missing(label)) => return Err(missing(label)),
        Err(RequestError::NotAnObject(label)) => return Err(js_sys::TypeError::new(&[label, " must be an object, not an array"].concat()).into()),
        Err(RequestError::Threw(e)) => return Err(e.0),
        Err(RequestError::Invalid(e)) => Err(validation_error(&page, &e)),
        Ok(request) => Ok(request),
    };
    // The callbacks are read after the input, as the JavaScript library reads them.
    let promise_form = callbacks.is_undefined() || callbacks.is_null();
    if !promise_form && !callbacks.is_object() && !callbacks.is_function() {
        let message = [method.name(), "(input, callbacks): callbacks must be an object {success, failure}, or left out for a promise"];
        return Err(js_sys::TypeError::new(&message.concat()).into());
    }
    let (own, promise) = if promise_form {
        let deferred = page.shim().deferred();
        let promise = get(&deferred, "promise");
        (deferred, promise)
    } else {
        (callbacks, JsValue::UNDEFINED)
    };
    // Everything that can fail is done before the request goes out: once it is sent, the call
    // returns normally, and the request ends through its callbacks.
    let prepared = built.and_then(|request| {
        let client_method = request.method();
        let params = params_of(request)?;
        let client = connect().core()?.get_client()?;
        Ok((client_method, params, client))
    });
    let (client_method, params, client) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => return refuse(&page, &own, promise_form, error).map(|()| Array::of1(&promise).into()),
    };
    let name = method_name(client_method);
    let pending = PendingRequest::new(&own, &name, promise_form);
    let guarded = guard(&page, &own, &pending);
    let timeout_ms = page.request_timeout_ms();
    if timeout_ms > 0.0 {
        pending.start_timer(&page.shim().timed_out(&pending), timeout_ms);
    }
    // The shim sends it, once this call has returned: nothing of the module's runs after the
    // client has the request, so nothing can fail the call then (see `js/shim.js`).
    let send: [&JsValue; 6] = [&promise, &client, &name, &params, &guarded, &pending];
    Ok(send.into_iter().collect::<Array>().into())
}

/// The client threw when the shim sent request `pending`. Unless an answer came first, that
/// ends the request: in `failure` (or a rejection), or, with no `failure` to call, by throwing
/// the client's error, unless `late` (the module could not take this at once, and the call has
/// returned: then the error is logged). Returns whether the call throws it.
pub fn client_threw(pending: &PendingRequest, error: &JsValue, late: bool) -> bool {
    if !pending.is_waiting() {
        return false;
    }
    let own = pending.callbacks();
    if !late && !pending.promise() && !get(&own, Answer::Failure.callback()).is_function() {
        pending.abandon();
        return true;
    }
    settle(pending, Answer::Failure, error, &JsValue::UNDEFINED);
    false
}

/// Ends a call refused before sending: `failure(error)`, a rejected promise, or, without a
/// `failure` to call, the error thrown. A failure callback that throws is logged.
fn refuse(page: &Page, own: &JsValue, promise_form: bool, error: JsValue) -> Result<(), JsValue> {
    let failure = get(own, "failure");
    let Some(failure) = failure.dyn_ref::<Function>() else { return Err(error) };
    let error = if promise_form { service_error(page, &error, &JsValue::UNDEFINED) } else { error };
    if let Err(e) = failure.call1(own, &error) {
        log_error("A task request failure callback threw: %s", &error, Some(&e));
    }
    Ok(())
}

/// The request's params as what the client gets: fresh objects holding the caller's values
/// (the template APIs' with the instance id Streams has).
fn params_of(request: Request<Js>) -> Result<JsValue, JsValue> {
    let instance = |key: &str, field: Field<Js>| -> Result<JsValue, JsValue> {
        let id = connect().core()?.get_agent_data_provider()?.get_instance_id()?;
        Ok(object(&[("instanceId", id), (key, to_js(field))]).into())
    };
    match request {
        Request::CreateTaskContact(p) | Request::CreateTemplatedTask(p) | Request::UpdateContact(p) => Ok(to_js(Field::Object(p))),
        Request::ListTaskTemplates(query) => instance("queryParams", query),
        Request::GetTaskTemplate(template) => instance("templateParams", template),
    }
}

/// A request's value as JavaScript: objects made with `Object.fromEntries`, whose keys are
/// plain own properties (also `__proto__`).
fn to_js(field: Field<Js>) -> JsValue {
    match field {
        Field::Same(v) => v.0,
        Field::Text(text) => text.into(),
        Field::Object(params) => from_entries(params),
        Field::List(items) => items.into_iter().map(to_js).collect::<Array>().into(),
    }
}

fn from_entries(params: Params<Js>) -> JsValue {
    let entries: Array = params.into_entries().map(|(key, value)| Array::of2(&key.into(), &to_js(value))).collect();
    Object::from_entries(&entries).map(JsValue::from).unwrap_or_default()
}

/// `connect[enum][key]` (`connect.ClientMethods.CREATE_TASK_CONTACT`, ...), read at call time:
/// consumers' tests mock it. Streams before 2.2 has no such enum: then the name it holds since.
fn method_name(method: ClientMethod) -> JsValue {
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

/// A `TaskValidationError` whose `field` names the offending input.
pub fn validation_error(page: &Page, e: &ValidationError) -> JsValue {
    page.shim().error("TaskValidationError", &e.message, &object(&[("field", e.field.as_str().into())]))
}

/// The callbacks the client gets for `pending`: the shim's guarded `success` and `failure`, on
/// an object inheriting from the caller's (so the client still sees its other members), or a
/// plain one for the promise form. The client always gets both: Streams' client calls only
/// the callbacks it finds, and an answer nobody hears would end in a timeout.
fn guard(page: &Page, own: &JsValue, pending: &PendingRequest) -> JsValue {
    let guarded = if pending.promise() { Object::new() } else { Object::create(own.unchecked_ref()) };
    for answer in [Answer::Success, Answer::Failure] {
        define_value(&guarded, answer.callback(), &page.shim().settle(pending, answer));
    }
    guarded.into()
}

/// The client answered request `pending` (a guarded `success` or `failure`): the first end of
/// the request is delivered to the caller; an answer after the timeout ended it is logged, not
/// delivered; a second answer is dropped.
pub fn settle(pending: &PendingRequest, answer: Answer, data: &JsValue, extra: &JsValue) {
    match pending.answer() {
        OnAnswer::Deliver => deliver(pending, answer, data, extra),
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
        let method = pending.method();
        let timeout_ms = pending.timeout_ms();
        let parts = [method.clone(), " got no answer within ".into(), timeout_ms.into(), " ms: its outcome is unknown (it may still have been carried out)".into()];
        let message: String = parts.iter().collect::<Array>().join("").into();
        let fields = object(&[("method", method), ("timeoutMs", timeout_ms.into())]);
        let error = page().shim().error("TaskTimeoutError", &message, &fields);
        deliver(pending, Answer::Failure, &error, &JsValue::UNDEFINED);
    }
}

/// Calls the caller's `success` or `failure` with the caller's object as `this` (one that
/// throws is logged). The promise form rejects with an `Error`: a service's refusal becomes a
/// `TaskServiceError`. A failure with no `failure` to call is logged, never lost.
fn deliver(pending: &PendingRequest, answer: Answer, data: &JsValue, extra: &JsValue) {
    let callbacks = pending.callbacks();
    let data = if pending.promise() && answer == Answer::Failure {
        service_error(&page(), data, &pending.method())
    } else {
        data.clone()
    };
    match get(&callbacks, answer.callback()).dyn_into::<Function>() {
        Ok(f) => {
            if let Err(e) = f.call2(&callbacks, &data, extra) {
                log_error("A task request callback threw: %s", &answer.callback().into(), Some(&e));
            }
        }
        Err(_) if answer == Answer::Failure => {
            log_error("A task request failed, and its callbacks have no failure to report it to: %s", &data, None);
        }
        Err(_) => {}
    }
}

/// What a promise rejects with for a failure `raw`: an `Error` as it is; otherwise (what the
/// service answered, a JSON string through Streams' CCP: `{type, message, statusCode, ...}`) a
/// `TaskServiceError` with the service's `message`, its `type` and `status`, and `raw` as its
/// `cause`.
fn service_error(page: &Page, raw: &JsValue, method: &JsValue) -> JsValue {
    if raw.is_instance_of::<js_sys::Error>() {
        return raw.clone();
    }
    let parsed = match raw.dyn_ref::<JsString>() {
        Some(text) => parse_json(text).ok().filter(JsValue::is_object).unwrap_or_default(),
        None => raw.clone(),
    };
    let text = |v: JsValue| v.as_string().filter(|t| !t.is_empty());
    let kind = get(&parsed, "type");
    let message = text(get(&parsed, "message"))
        .or_else(|| text(raw.clone()))
        .unwrap_or_else(|| {
            let (method, kind) = (method.as_string().unwrap_or_default(), text(kind.clone()).unwrap_or_default());
            [method.as_str(), " was refused", if kind.is_empty() { "" } else { ": " }, &kind].concat()
        });
    let status = Some(get(&parsed, "statusCode")).filter(|s| !s.is_undefined()).unwrap_or_else(|| get(&parsed, "status"));
    let fields = object(&[("type", kind), ("status", status), ("cause", raw.clone())]);
    page.shim().error("TaskServiceError", &message, &fields)
}
