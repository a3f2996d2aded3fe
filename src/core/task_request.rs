//! Builds the Streams client request for each agent API (createTask, updateContact,
//! listTaskTemplates, getTaskTemplate). Each takes the caller's input as the shell copied it
//! (the caller's JavaScript objects are never modified) and returns the params to send.

#[allow(unused_imports)]
use crate::prelude::*;

use super::validation::{self, ValidationError};
use super::value::{Object, Value};

/// Streams client method names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    CreateTemplatedTask,
    CreateTaskContact,
    UpdateContact,
    ListTaskTemplates,
    GetTaskTemplate,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::CreateTemplatedTask => "createTemplatedTask",
            Method::CreateTaskContact => "createTaskContact",
            Method::UpdateContact => "updateContact",
            Method::ListTaskTemplates => "listTaskTemplates",
            Method::GetTaskTemplate => "getTaskTemplate",
        }
    }
}

/// What to pass to `client.call(method, params, callbacks)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    pub params: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RequestError {
    /// A required value is undefined/null: the shell throws via
    /// `connect.assertNotNull(undefined, label)`, as the reference does.
    Missing { label: &'static str },
    /// A documented limit is violated: the shell reports failure; nothing is sent.
    Invalid(ValidationError),
}

impl From<ValidationError> for RequestError {
    fn from(e: ValidationError) -> Self {
        RequestError::Invalid(e)
    }
}

/// `agent.createTask(task)`. `idempotency_token` is used only for a plain task.
pub fn create_task(task: Value, idempotency_token: &str) -> Result<Request, RequestError> {
    require(&task, "Task contact object")?;
    let obj = require_prop(&task, "name", "Task name")?;
    if obj.get("taskTemplateId").is_some_and(Value::is_truthy) {
        validation::validate_task(&task)?;
        let endpoint = task.prop("endpoint");
        let quick_connect = if endpoint.is_truthy() {
            Some(String::from(validation::quick_connect_id(endpoint)?))
        } else {
            None
        };
        let mut params = into_object(task);
        if let Some(id) = quick_connect {
            params.set("quickConnectId", id.into());
            params.remove("endpoint");
        }
        normalize_object(&mut params);
        return Ok(Request {
            method: Method::CreateTemplatedTask,
            params: Value::Object(params),
        });
    }
    require(task.prop("endpoint"), "Task endpoint")?;
    validation::validate_task(&task)?;
    let mut params = into_object(task);
    params.set("idempotencyToken", idempotency_token.into());
    if let Some(Value::Object(endpoint)) = params.get_mut("endpoint") {
        endpoint.remove("endpointId");
    }
    Ok(Request {
        method: Method::CreateTaskContact,
        params: Value::Object(params),
    })
}

/// `agent.updateContact(task)`: keys normalised as for a templated task.
pub fn update_contact(task: Value) -> Result<Request, RequestError> {
    require(&task, "Update for templated task")?;
    require_prop(&task, "contactId", "Task contact id")?;
    validation::validate_task(&task)?;
    Ok(Request {
        method: Method::UpdateContact,
        params: normalize_template_params(task),
    })
}

/// `agent.listTaskTemplates(queryParams)`; a status given in any case is sent upper-case.
pub fn list_task_templates(mut query: Value, instance_id: &str) -> Result<Request, RequestError> {
    require(&query, "Query params for listTaskTemplates")?;
    validation::validate_query_params(&query)?;
    if let Value::Object(q) = &mut query {
        for key in ["status", "Status"] {
            if let Some(v) = q.get_mut(key) {
                if let Some(status) = v.as_str().and_then(validation::canonical_status) {
                    *v = status.into();
                }
            }
        }
    }
    Ok(Request {
        method: Method::ListTaskTemplates,
        params: with_instance(instance_id, "queryParams", query),
    })
}

/// `agent.getTaskTemplate(templateParams)`.
pub fn get_task_template(params: Value, instance_id: &str) -> Result<Request, RequestError> {
    require(&params, "Task template params")?;
    require_prop(&params, "id", "Task template id")?;
    Ok(Request {
        method: Method::GetTaskTemplate,
        params: with_instance(instance_id, "templateParams", params),
    })
}

/// `params` with template-API key casing: each top-level key gets its first letter
/// upper-cased, and so do the keys of each reference inside `References`. Reproduces the
/// reference implementation's resulting key order.
pub fn normalize_template_params(mut params: Value) -> Value {
    normalize_value(&mut params);
    params
}

/// The entries of a value known to be a plain object.
fn into_object(v: Value) -> Object {
    match v {
        Value::Object(o) => o,
        _ => Object::new(),
    }
}

fn require(v: &Value, label: &'static str) -> Result<(), RequestError> {
    if v.is_nullish() {
        return Err(RequestError::Missing { label });
    }
    Ok(())
}

/// The plain object `v` when `v[key]` is present; Missing(label) otherwise.
fn require_prop<'a>(
    v: &'a Value,
    key: &str,
    label: &'static str,
) -> Result<&'a Object, RequestError> {
    match v {
        Value::Object(o) if o.get(key).is_some_and(|p| !p.is_nullish()) => Ok(o),
        _ => Err(RequestError::Missing { label }),
    }
}

fn with_instance(instance_id: &str, key: &str, value: Value) -> Value {
    let mut o = Object::new();
    o.set("instanceId", instance_id.into());
    o.set(key, value);
    Value::Object(o)
}

fn normalize_value(v: &mut Value) {
    if let Value::Object(o) = v {
        normalize_object(o);
    }
}

/// Mirrors the reference loop over a snapshot of the keys: for a key whose capitalised
/// form differs, `obj[Upper] = obj[key]` (existing Upper keeps its place, a new one is
/// appended) then `delete obj[key]`; whenever the capitalised key is `References`, each
/// of its values that is an object is normalised the same way.
fn normalize_object(obj: &mut Object) {
    let keys: Vec<String> = obj.keys().map(str::to_owned).collect();
    for key in keys {
        let is_references = match capitalize(&key) {
            Some(upper) => {
                let is_references = upper == "References";
                if let Some(v) = obj.remove(&key) {
                    obj.set(upper, v);
                }
                is_references
            }
            None => key == "References",
        };
        if is_references {
            match obj.get_mut("References") {
                Some(Value::Object(refs)) => refs.values_mut().for_each(normalize_value),
                Some(Value::Array(refs)) => refs.iter_mut().for_each(normalize_value),
                _ => {}
            }
        }
    }
}

/// Appends the upper case of a non-ASCII character to `out`, as JavaScript's `toUpperCase`
/// does (`ß` becomes `SS`).
pub type UnicodeUpper = fn(char, &mut String);

/// The core carries no Unicode case tables (they would be the largest part of the wasm):
/// the wasm shell installs JavaScript's own `toUpperCase`, tests use Rust's. Until then
/// non-ASCII characters are left as they are. (An atomic only to be a safe `static`.)
static UNICODE_UPPER: core::sync::atomic::AtomicPtr<()> = core::sync::atomic::AtomicPtr::new(core::ptr::null_mut());

fn unicode_upper() -> UnicodeUpper {
    let f = UNICODE_UPPER.load(core::sync::atomic::Ordering::Relaxed);
    if f.is_null() {
        DEFAULT_UPPER
    } else {
        // SAFETY: only `set_unicode_upper` stores here, and it stores a `UnicodeUpper`.
        unsafe { core::mem::transmute::<*mut (), UnicodeUpper>(f) }
    }
}

#[cfg(not(test))]
const DEFAULT_UPPER: UnicodeUpper = |c, out| out.push(c);
#[cfg(test)]
const DEFAULT_UPPER: UnicodeUpper = |c, out| out.extend(c.to_uppercase());

/// Sets how non-ASCII first letters of keys are upper-cased (see [`UnicodeUpper`]).
pub fn set_unicode_upper(f: UnicodeUpper) {
    UNICODE_UPPER.store(f as *mut (), core::sync::atomic::Ordering::Relaxed);
}

/// JS `s.charAt(0).toUpperCase() + s.slice(1)`, or `None` when that equals `s`.
/// Only a first character inside the BMP (one UTF-16 unit) can change.
fn capitalize(s: &str) -> Option<String> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if u32::from(first) > 0xFFFF || first.is_ascii() && !first.is_ascii_lowercase() {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 2);
    if first.is_ascii() {
        out.push(first.to_ascii_uppercase());
    } else {
        unicode_upper()(first, &mut out);
    }
    out.push_str(chars.as_str());
    (out != s).then_some(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // The request builders consume their input; the tests keep theirs and pass a copy.
    fn create_task(task: &Value, token: &str) -> Result<Request, RequestError> {
        super::create_task(task.clone(), token)
    }
    fn update_contact(task: &Value) -> Result<Request, RequestError> {
        super::update_contact(task.clone())
    }
    fn list_task_templates(query: &Value, instance_id: &str) -> Result<Request, RequestError> {
        super::list_task_templates(query.clone(), instance_id)
    }
    fn get_task_template(params: &Value, instance_id: &str) -> Result<Request, RequestError> {
        super::get_task_template(params.clone(), instance_id)
    }
    fn normalize_template_params(params: &Value) -> Value {
        super::normalize_template_params(params.clone())
    }

    const TOKEN: &str = "4383f0b7-ddcb-4f8c-a63b-cbd53c852d39";
    const INSTANCE: &str = "baf4b555-fa63-445f-8359-5866f35ab09b";

    fn obj(entries: Vec<(&str, Value)>) -> Value {
        Value::Object(entries.into_iter().collect())
    }

    fn keys(v: &Value) -> Vec<&str> {
        v.as_object().expect("object").keys().collect()
    }

    fn missing(r: Result<Request, RequestError>) -> &'static str {
        match r {
            Err(RequestError::Missing { label }) => label,
            other => panic!("expected Missing, got {other:?}"),
        }
    }

    fn invalid_field(r: Result<Request, RequestError>) -> String {
        match r {
            Err(RequestError::Invalid(e)) => e.field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    /// Equality that treats NaN as equal to itself.
    fn same(a: &Value, b: &Value) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    fn endpoint() -> Value {
        obj(vec![
            (
                "endpointARN",
                "arn:aws:connect:us-west-2:1:instance/i/transfer-destination/qc-9".into(),
            ),
            ("endpointId", "ep-1".into()),
            ("type", "queue".into()),
            ("name", "John Smith".into()),
        ])
    }

    #[test]
    fn method_names() {
        assert_eq!(Method::CreateTemplatedTask.as_str(), "createTemplatedTask");
        assert_eq!(Method::CreateTaskContact.as_str(), "createTaskContact");
        assert_eq!(Method::UpdateContact.as_str(), "updateContact");
        assert_eq!(Method::ListTaskTemplates.as_str(), "listTaskTemplates");
        assert_eq!(Method::GetTaskTemplate.as_str(), "getTaskTemplate");
    }

    #[test]
    fn capitalize_like_js() {
        assert_eq!(capitalize("name").as_deref(), Some("Name"));
        assert_eq!(capitalize("Name"), None);
        assert_eq!(capitalize(""), None);
        assert_eq!(capitalize("1abc"), None);
        assert_eq!(capitalize("ßx").as_deref(), Some("SSx"));
        assert_eq!(capitalize("éa").as_deref(), Some("Éa"));
        assert_eq!(capitalize("ǆa").as_deref(), Some("Ǆa"));
        // U+10428 DESERET SMALL LETTER LONG I is outside the BMP: left as is
        assert_eq!(capitalize("\u{10428}x"), None);
    }

    #[test]
    fn create_task_missing_fields() {
        assert_eq!(
            missing(create_task(&Value::Undefined, TOKEN)),
            "Task contact object"
        );
        assert_eq!(
            missing(create_task(&Value::Null, TOKEN)),
            "Task contact object"
        );
        assert_eq!(missing(create_task(&obj(vec![]), TOKEN)), "Task name");
        assert_eq!(
            missing(create_task(&obj(vec![("name", Value::Null)]), TOKEN)),
            "Task name"
        );
        assert_eq!(
            missing(create_task(&obj(vec![("Name", "x".into())]), TOKEN)),
            "Task name"
        );
        assert_eq!(missing(create_task(&"str".into(), TOKEN)), "Task name");
        assert_eq!(missing(create_task(&Value::Opaque(1), TOKEN)), "Task name");
        assert_eq!(
            missing(create_task(&obj(vec![("name", "x".into())]), TOKEN)),
            "Task endpoint"
        );
        let t = obj(vec![("name", "x".into()), ("endpoint", Value::Null)]);
        assert_eq!(missing(create_task(&t, TOKEN)), "Task endpoint");
        // a falsy template id means a plain task, which needs an endpoint
        let t = obj(vec![("name", "x".into()), ("taskTemplateId", "".into())]);
        assert_eq!(missing(create_task(&t, TOKEN)), "Task endpoint");
        // Missing comes before validation
        let t = obj(vec![("name", "x".repeat(600).into())]);
        assert_eq!(missing(create_task(&t, TOKEN)), "Task endpoint");
    }

    #[test]
    fn templated_task_matches_reference_example() {
        let task = obj(vec![
            ("name", "Task name".into()),
            ("description", "Task description".into()),
            ("endpoint", endpoint()),
            ("taskTemplateId", "tpl-1".into()),
        ]);
        let before = task.clone();
        let req = create_task(&task, TOKEN).unwrap();
        assert_eq!(task, before);
        assert_eq!(req.method, Method::CreateTemplatedTask);
        assert_eq!(
            req.params,
            obj(vec![
                ("Name", "Task name".into()),
                ("Description", "Task description".into()),
                ("TaskTemplateId", "tpl-1".into()),
                ("QuickConnectId", "qc-9".into()),
            ])
        );
        assert_eq!(
            keys(&req.params),
            ["Name", "Description", "TaskTemplateId", "QuickConnectId"]
        );
    }

    #[test]
    fn templated_truthiness() {
        for id in [
            Value::Number(1.0),
            Value::Bool(true),
            obj(vec![]),
            Value::Opaque(4),
            "t".into(),
        ] {
            let t = obj(vec![("name", "n".into()), ("taskTemplateId", id)]);
            assert_eq!(
                create_task(&t, TOKEN).unwrap().method,
                Method::CreateTemplatedTask
            );
        }
        for id in [
            Value::Number(0.0),
            Value::Number(f64::NAN),
            Value::Bool(false),
            "".into(),
            Value::Null,
        ] {
            let t = obj(vec![
                ("name", "n".into()),
                ("taskTemplateId", id),
                ("endpoint", obj(vec![])),
            ]);
            assert_eq!(
                create_task(&t, TOKEN).unwrap().method,
                Method::CreateTaskContact
            );
        }
    }

    #[test]
    fn templated_endpoint_handling() {
        // falsy endpoint: left in place (then capitalised)
        let t = obj(vec![
            ("name", "n".into()),
            ("taskTemplateId", "t".into()),
            ("endpoint", "".into()),
        ]);
        let p = create_task(&t, TOKEN).unwrap().params;
        assert_eq!(keys(&p), ["Name", "TaskTemplateId", "Endpoint"]);
        // existing quickConnectId is overwritten in place
        let t = obj(vec![
            ("quickConnectId", "old".into()),
            ("name", "n".into()),
            ("endpoint", obj(vec![("endpointARN", "a/b".into())])),
            ("taskTemplateId", "t".into()),
        ]);
        let p = create_task(&t, TOKEN).unwrap().params;
        assert_eq!(keys(&p), ["QuickConnectId", "Name", "TaskTemplateId"]);
        assert_eq!(p.prop("QuickConnectId"), &Value::from("b"));
        // ARN without a slash: the whole ARN
        let t = obj(vec![
            ("name", "n".into()),
            ("taskTemplateId", "t".into()),
            ("endpoint", obj(vec![("endpointARN", "plain".into())])),
        ]);
        assert_eq!(
            create_task(&t, TOKEN)
                .unwrap()
                .params
                .prop("QuickConnectId"),
            &Value::from("plain")
        );
        // truthy endpoint without a string ARN: the reference crashes; we report it
        for ep in [
            obj(vec![]),
            "x".into(),
            Value::Opaque(2),
            obj(vec![("endpointARN", Value::Null)]),
        ] {
            let t = obj(vec![
                ("name", "n".into()),
                ("taskTemplateId", "t".into()),
                ("endpoint", ep),
            ]);
            assert_eq!(
                invalid_field(create_task(&t, TOKEN)),
                "endpoint.endpointARN"
            );
        }
    }

    #[test]
    fn key_order_reproduction() {
        let norm = |entries: Vec<(&str, Value)>| normalize_template_params(&obj(entries));
        let p = norm(vec![
            ("name", 1.0.into()),
            ("description", 2.0.into()),
            ("taskTemplateId", 3.0.into()),
        ]);
        assert_eq!(keys(&p), ["Name", "Description", "TaskTemplateId"]);
        let p = norm(vec![("Foo", 1.0.into()), ("bar", 2.0.into())]);
        assert_eq!(keys(&p), ["Foo", "Bar"]);
        let p = norm(vec![("bar", 1.0.into()), ("Foo", 2.0.into())]);
        assert_eq!(keys(&p), ["Foo", "Bar"]);
        // name -> Name overwrites the existing Name in place: the lower-case value wins
        let p = norm(vec![("name", "lower".into()), ("Name", "upper".into())]);
        assert_eq!(p, obj(vec![("Name", "lower".into())]));
        let p = norm(vec![("Name", "upper".into()), ("name", "lower".into())]);
        assert_eq!(p, obj(vec![("Name", "lower".into())]));
        let p = norm(vec![
            ("a", 1.0.into()),
            ("Name", 2.0.into()),
            ("b", 3.0.into()),
            ("name", 4.0.into()),
        ]);
        assert_eq!(
            p,
            obj(vec![
                ("Name", 4.0.into()),
                ("A", 1.0.into()),
                ("B", 3.0.into())
            ])
        );
        // ß -> SS, digits and empty keys unchanged, astral first char unchanged
        let p = norm(vec![
            ("ßa", 1.0.into()),
            ("", 2.0.into()),
            ("9x", 3.0.into()),
            ("\u{10428}y", 4.0.into()),
            ("z", 5.0.into()),
        ]);
        assert_eq!(keys(&p), ["", "9x", "\u{10428}y", "SSa", "Z"]);
        // non-objects are returned as they are
        for v in [
            Value::Null,
            "name".into(),
            Value::Array(vec![obj(vec![("a", Value::Null)])]),
            Value::Opaque(1),
        ] {
            assert_eq!(normalize_template_params(&v), v);
        }
    }

    #[test]
    fn references_are_normalised_but_not_their_names() {
        let refs = obj(vec![
            (
                "Phone number",
                obj(vec![("type", "STRING".into()), ("value", "+1 234".into())]),
            ),
            (
                "claim",
                obj(vec![
                    ("value", "1000".into()),
                    ("Type", "NUMBER".into()),
                    ("type", "NUMBER".into()),
                ]),
            ),
            ("odd", "not an object".into()),
        ]);
        let p =
            normalize_template_params(&obj(vec![("contactId", "c".into()), ("references", refs)]));
        let want = obj(vec![
            ("ContactId", "c".into()),
            (
                "References",
                obj(vec![
                    (
                        "Phone number",
                        obj(vec![("Type", "STRING".into()), ("Value", "+1 234".into())]),
                    ),
                    (
                        "claim",
                        obj(vec![("Type", "NUMBER".into()), ("Value", "1000".into())]),
                    ),
                    ("odd", "not an object".into()),
                ]),
            ),
        ]);
        assert_eq!(p, want);
        let refs = keys(p.prop("References"));
        assert_eq!(refs, ["Phone number", "claim", "odd"]);
        // [value, Type, type]: value -> Value appended, type overwrites Type in place
        assert_eq!(keys(p.prop("References").prop("claim")), ["Type", "Value"]);
    }

    #[test]
    fn references_edge_shapes() {
        // already capitalised References: still normalised inside
        let p = normalize_template_params(&obj(vec![(
            "References",
            obj(vec![("r", obj(vec![("type", "URL".into())]))]),
        )]));
        assert_eq!(keys(p.prop("References").prop("r")), ["Type"]);
        // an array of references (Object.values works on arrays)
        let p = normalize_template_params(&obj(vec![(
            "references",
            Value::Array(vec![obj(vec![("value", "v".into())]), Value::Null]),
        )]));
        match p.prop("References") {
            Value::Array(a) => {
                assert_eq!(keys(&a[0]), ["Value"]);
                assert_eq!(a[1], Value::Null);
            }
            other => panic!("{other:?}"),
        }
        // null / opaque References: passed through (the reference throws on null)
        for v in [Value::Null, Value::Opaque(5), "str".into()] {
            let p = normalize_template_params(&obj(vec![("references", v.clone())]));
            assert_eq!(p, obj(vec![("References", v)]));
        }
        // nested "references" inside a reference are normalised too (the reference recurses)
        let inner = obj(vec![(
            "references",
            obj(vec![("x", obj(vec![("type", "URL".into())]))]),
        )]);
        let p = normalize_template_params(&obj(vec![("references", obj(vec![("r", inner)]))]));
        assert_eq!(
            keys(p.prop("References").prop("r").prop("References").prop("x")),
            ["Type"]
        );
        // other nested objects are left alone
        let p =
            normalize_template_params(&obj(vec![("attributes", obj(vec![("key", "v".into())]))]));
        assert_eq!(keys(p.prop("Attributes")), ["key"]);
    }

    #[test]
    fn plain_task_copies_endpoint_and_sets_token() {
        let task = obj(vec![
            ("name", "Task".into()),
            ("description", "D".into()),
            ("endpoint", endpoint()),
        ]);
        let before = task.clone();
        let req = create_task(&task, TOKEN).unwrap();
        assert_eq!(task, before, "input must not be mutated");
        assert_eq!(req.method, Method::CreateTaskContact);
        assert_eq!(
            keys(&req.params),
            ["name", "description", "endpoint", "idempotencyToken"]
        );
        assert_eq!(req.params.prop("idempotencyToken"), &Value::from(TOKEN));
        assert_eq!(
            keys(req.params.prop("endpoint")),
            ["endpointARN", "type", "name"]
        );
        // an existing token is replaced in place
        let task = obj(vec![
            ("idempotencyToken", "mine".into()),
            ("name", "n".into()),
            ("endpoint", "e".into()),
        ]);
        let req = create_task(&task, TOKEN).unwrap();
        assert_eq!(keys(&req.params), ["idempotencyToken", "name", "endpoint"]);
        assert_eq!(req.params.prop("idempotencyToken"), &Value::from(TOKEN));
        assert_eq!(req.params.prop("endpoint"), &Value::from("e"));
    }

    #[test]
    fn create_task_validates() {
        let long = Value::String("x".repeat(513));
        let plain = obj(vec![("name", long.clone()), ("endpoint", endpoint())]);
        assert_eq!(invalid_field(create_task(&plain, TOKEN)), "name");
        let templated = obj(vec![("name", long), ("taskTemplateId", "t".into())]);
        assert_eq!(invalid_field(create_task(&templated, TOKEN)), "name");
        let bad_ref = obj(vec![
            ("name", "n".into()),
            ("taskTemplateId", "t".into()),
            (
                "references",
                obj(vec![(
                    "r",
                    obj(vec![("type", "NOPE".into()), ("value", "v".into())]),
                )]),
            ),
        ]);
        assert_eq!(
            invalid_field(create_task(&bad_ref, TOKEN)),
            "references.r.type"
        );
        let bad_time = obj(vec![
            ("name", "n".into()),
            ("endpoint", endpoint()),
            ("scheduledTime", "soon".into()),
        ]);
        assert_eq!(
            invalid_field(create_task(&bad_time, TOKEN)),
            "scheduledTime"
        );
    }

    #[test]
    fn update_contact_rules() {
        assert_eq!(
            missing(update_contact(&Value::Undefined)),
            "Update for templated task"
        );
        assert_eq!(
            missing(update_contact(&obj(vec![("name", "n".into())]))),
            "Task contact id"
        );
        assert_eq!(
            missing(update_contact(&obj(vec![("contactId", Value::Null)]))),
            "Task contact id"
        );
        let task = obj(vec![
            ("contactId", "c-1".into()),
            ("name", "updated".into()),
            (
                "references",
                obj(vec![(
                    "Claim amount",
                    obj(vec![("type", "NUMBER".into()), ("value", "1000".into())]),
                )]),
            ),
        ]);
        let before = task.clone();
        let req = update_contact(&task).unwrap();
        assert_eq!(task, before);
        assert_eq!(req.method, Method::UpdateContact);
        assert_eq!(keys(&req.params), ["ContactId", "Name", "References"]);
        assert_eq!(
            keys(req.params.prop("References").prop("Claim amount")),
            ["Type", "Value"]
        );
        // no endpoint handling
        let t = obj(vec![
            ("contactId", "c".into()),
            ("endpoint", obj(vec![("endpointARN", "a/b".into())])),
        ]);
        assert_eq!(
            keys(&update_contact(&t).unwrap().params),
            ["ContactId", "Endpoint"]
        );
        let t = obj(vec![
            ("contactId", "c".into()),
            ("description", "d".repeat(4097).into()),
        ]);
        assert_eq!(invalid_field(update_contact(&t)), "description");
    }

    #[test]
    fn list_task_templates_rules() {
        assert_eq!(
            missing(list_task_templates(&Value::Null, INSTANCE)),
            "Query params for listTaskTemplates"
        );
        let q = obj(vec![
            ("status", "active".into()),
            ("maxResults", 50.0.into()),
        ]);
        let before = q.clone();
        let req = list_task_templates(&q, INSTANCE).unwrap();
        assert_eq!(q, before, "input must not be mutated");
        assert_eq!(req.method, Method::ListTaskTemplates);
        assert_eq!(
            req.params,
            obj(vec![
                ("instanceId", INSTANCE.into()),
                (
                    "queryParams",
                    obj(vec![
                        ("status", "ACTIVE".into()),
                        ("maxResults", 50.0.into())
                    ])
                ),
            ])
        );
        assert_eq!(keys(&req.params), ["instanceId", "queryParams"]);
        let q = obj(vec![("Status", "inActive".into())]);
        assert_eq!(
            list_task_templates(&q, INSTANCE)
                .unwrap()
                .params
                .prop("queryParams")
                .prop("Status"),
            &Value::from("INACTIVE")
        );
        let q = obj(vec![("maxResults", 101.0.into())]);
        assert_eq!(
            invalid_field(list_task_templates(&q, INSTANCE)),
            "queryParams.maxResults"
        );
        let q = obj(vec![("status", "DRAFT".into())]);
        assert_eq!(
            invalid_field(list_task_templates(&q, INSTANCE)),
            "queryParams.status"
        );
        // empty and non-object query params are passed through
        let req = list_task_templates(&obj(vec![]), INSTANCE).unwrap();
        assert_eq!(req.params.prop("queryParams"), &obj(vec![]));
        let req = list_task_templates(&Value::Opaque(3), INSTANCE).unwrap();
        assert_eq!(req.params.prop("queryParams"), &Value::Opaque(3));
    }

    #[test]
    fn get_task_template_rules() {
        assert_eq!(
            missing(get_task_template(&Value::Undefined, INSTANCE)),
            "Task template params"
        );
        assert_eq!(
            missing(get_task_template(&obj(vec![]), INSTANCE)),
            "Task template id"
        );
        assert_eq!(
            missing(get_task_template(&obj(vec![("id", Value::Null)]), INSTANCE)),
            "Task template id"
        );
        let p = obj(vec![("id", "tpl".into()), ("version", 5.0.into())]);
        let req = get_task_template(&p, INSTANCE).unwrap();
        assert_eq!(req.method, Method::GetTaskTemplate);
        assert_eq!(
            req.params,
            obj(vec![("instanceId", INSTANCE.into()), ("templateParams", p)])
        );
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(vec![
                "name", "Name", "description", "references", "References", "type", "Type",
                "value", "Value", "endpoint", "endpointARN", "endpointId", "taskTemplateId",
                "contactId", "id", "status", "Status", "maxResults", "scheduledTime",
                "quickConnectId", "QuickConnectId", "idempotencyToken", "", "ß", "SS",
            ])
            .prop_map(str::to_owned),
            1 => "[a-zA-Zß\u{10428}é0-9/ ]{0,6}",
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Undefined),
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            prop_oneof![any::<f64>(), -5.0..150.0f64, Just(0.0), Just(1.0)].prop_map(Value::Number),
            prop_oneof![
                prop::sample::select(vec![
                    "URL", "EMAIL", "NUMBER", "STRING", "DATE", "active", "a/b/c", "12"
                ])
                .prop_map(str::to_owned),
                "[a-zA-Z0-9/.+\\-é😀]{0,8}",
            ]
            .prop_map(Value::String),
            any::<u32>().prop_map(Value::Opaque),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((key(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    fn task() -> impl Strategy<Value = Value> {
        prop_oneof![
            value(),
            prop::collection::vec((key(), value()), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    }

    proptest! {
        #[test]
        fn entry_points_never_panic_nor_mutate(t in task()) {
            let before = format!("{t:?}");
            let _ = create_task(&t, TOKEN);
            let _ = update_contact(&t);
            let _ = list_task_templates(&t, INSTANCE);
            let _ = get_task_template(&t, INSTANCE);
            let _ = normalize_template_params(&t);
            let _ = validation::validate_task(&t);
            let _ = validation::validate_query_params(&t);
            prop_assert_eq!(before, format!("{t:?}"));
        }

        #[test]
        fn normalisation_is_idempotent(t in task()) {
            let once = normalize_template_params(&t);
            let twice = normalize_template_params(&once);
            prop_assert!(same(&once, &twice), "{:?} -> {:?}", once, twice);
        }

        #[test]
        fn templated_params_are_already_normal(t in task()) {
            if let Ok(req) = create_task(&t, TOKEN) {
                if req.method == Method::CreateTemplatedTask {
                    prop_assert!(same(&normalize_template_params(&req.params), &req.params));
                }
            }
            if let Ok(req) = update_contact(&t) {
                prop_assert!(same(&normalize_template_params(&req.params), &req.params));
            }
        }

        #[test]
        fn normalised_top_level_keys_are_capitalised(t in task()) {
            if let Value::Object(o) = normalize_template_params(&t) {
                for k in o.keys() {
                    prop_assert!(capitalize(k).is_none(), "{:?}", k);
                }
            }
        }

        #[test]
        fn plain_task_always_carries_token_and_no_endpoint_id(t in task()) {
            if let Ok(req) = create_task(&t, TOKEN) {
                if req.method == Method::CreateTaskContact {
                    prop_assert_eq!(req.params.prop("idempotencyToken"), &Value::from(TOKEN));
                    prop_assert!(req.params.prop("endpoint").get("endpointId").is_none());
                }
            }
        }

        #[test]
        fn sent_status_is_upper_case(t in task()) {
            if let Ok(req) = list_task_templates(&t, INSTANCE) {
                let q = req.params.prop("queryParams");
                for k in ["status", "Status"] {
                    if let Some(Value::String(s)) = q.get(k) {
                        prop_assert!(s == "ACTIVE" || s == "INACTIVE");
                    }
                }
            }
        }
    }
}
