//! The requests the agent methods send through Streams' client (createTask, updateContact,
//! listTaskTemplates, getTaskTemplate): which method, and what params.
//!
//! The caller's objects are read once ([`Input`]), validated, and never changed: the params
//! are fresh objects ([`Params`]) holding the caller's own values wherever the JavaScript
//! library sends them unchanged, and serialise (serde) into what `client.call` gets.

use super::input::{Input, Kind};
use super::errors::{RequestError, ValidationError};
use super::params::{Field, Params};
use super::validation::{self, References, NESTING_MAX};

/// The client methods. Streams names each in an enum, read at call time ([`Method::streams_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    CreateTaskContact,
    CreateTemplatedTask,
    UpdateContact,
    ListTaskTemplates,
    GetTaskTemplate,
}

impl Method {
    /// Where Streams names the method: `connect[enum][key]`.
    pub fn streams_name(self) -> (&'static str, &'static str) {
        const TEMPLATES: &str = "TaskTemplatesClientMethods";
        match self {
            Method::CreateTaskContact => ("ClientMethods", "CREATE_TASK_CONTACT"),
            Method::CreateTemplatedTask => (TEMPLATES, "CREATE_TEMPLATED_TASK"),
            Method::UpdateContact => (TEMPLATES, "UPDATE_CONTACT"),
            Method::ListTaskTemplates => (TEMPLATES, "LIST_TASK_TEMPLATES"),
            Method::GetTaskTemplate => (TEMPLATES, "GET_TASK_TEMPLATE"),
        }
    }

    /// The name Streams' enums hold, for a Streams without the enum (before 2.2).
    pub fn default_name(self) -> &'static str {
        match self {
            Method::CreateTaskContact => "createTaskContact",
            Method::CreateTemplatedTask => "createTemplatedTask",
            Method::UpdateContact => "updateContact",
            Method::ListTaskTemplates => "listTaskTemplates",
            Method::GetTaskTemplate => "getTaskTemplate",
        }
    }
}

/// The params of `listTaskTemplates`.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListTaskTemplatesParams<V> {
    pub instance_id: V,
    pub query_params: Field<V>,
}

/// The params of `getTaskTemplate`.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetTaskTemplateParams<V> {
    pub instance_id: V,
    pub template_params: Field<V>,
}

/// What to send, before the shell adds what it reads from Streams at send time (the instance
/// id of the template APIs).
#[derive(Debug)]
pub enum Request<V> {
    CreateTaskContact(Params<V>),
    CreateTemplatedTask(Params<V>),
    UpdateContact(Params<V>),
    ListTaskTemplates(Field<V>),
    GetTaskTemplate(Field<V>),
}

impl<V> Request<V> {
    pub fn method(&self) -> Method {
        match self {
            Request::CreateTaskContact(_) => Method::CreateTaskContact,
            Request::CreateTemplatedTask(_) => Method::CreateTemplatedTask,
            Request::UpdateContact(_) => Method::UpdateContact,
            Request::ListTaskTemplates(_) => Method::ListTaskTemplates,
            Request::GetTaskTemplate(_) => Method::GetTaskTemplate,
        }
    }
}

type Outcome<I> = Result<Request<<I as Input>::Value>, RequestError<<I as Input>::Error>>;

/// `agent.createTask(task)` at `now` (epoch seconds). `token` makes the idempotency token of a
/// plain task (Streams' `AWS.util.uuid.v4()`) unless the caller gave one (a string, sent as it
/// is: a retry with the same token cannot create a second task); a templated task has none.
pub fn create_task<I: Input>(
    input: &I,
    task: &I::Value,
    now: f64,
    token: &dyn Fn() -> Field<I::Value>,
) -> Outcome<I> {
    require(input, task, "Task contact object")?;
    let mut entries = snapshot(input, task, "")?;
    require_field(input, &mut entries, task, "name", "Task name")?;
    let template = field(input, &mut entries, task, "taskTemplateId")?;
    if template.is_some_and(|t| input.kind(&t).is_truthy()) {
        let references = validation::check_task(input, &entries, now)?;
        let endpoint = entries.value("endpoint").cloned();
        let mut params = entries;
        if let Some(endpoint) = endpoint.filter(|e| input.kind(e).is_truthy()) {
            let id = validation::quick_connect_id(input, &endpoint)?;
            params.set("quickConnectId".into(), Field::Text(id));
            params.remove("endpoint");
        }
        let params = capitalize_keys(input, params, references, 0)?;
        return Ok(Request::CreateTemplatedTask(params));
    }
    let endpoint = require_field(input, &mut entries, task, "endpoint", "Task endpoint")?;
    let own_token = entries.value("idempotencyToken").filter(|t| matches!(input.kind(t), Kind::String(_))).cloned();
    let token = match own_token {
        Some(token) => {
            validation::check_token(input, &token)?;
            Field::Same(token)
        }
        None => token(),
    };
    validation::check_task(input, &entries, now)?;
    let mut params = entries;
    params.set("idempotencyToken".into(), token);
    if input.kind(&endpoint).is_object() {
        // The endpoint as sent: its fields (own or inherited) without `endpointId`.
        let mut copy = validation::read_object(input, &endpoint, "endpoint", "key")?;
        copy.remove("endpointId");
        params.set("endpoint".into(), Field::Object(copy));
    }
    Ok(Request::CreateTaskContact(params))
}

/// `agent.updateContact(task)`: keys capitalised as for a templated task.
pub fn update_contact<I: Input>(input: &I, task: &I::Value, now: f64) -> Outcome<I> {
    require(input, task, "Update for templated task")?;
    let mut entries = snapshot(input, task, "")?;
    require_field(input, &mut entries, task, "contactId", "Task contact id")?;
    let references = validation::check_task(input, &entries, now)?;
    let params = capitalize_keys(input, entries, references, 0)?;
    Ok(Request::UpdateContact(params))
}

/// `agent.listTaskTemplates(queryParams)`; a status given in any case is sent upper-case.
pub fn list_task_templates<I: Input>(input: &I, query: &I::Value) -> Outcome<I> {
    require(input, query, "Query params for listTaskTemplates")?;
    if !input.kind(query).is_object() {
        return Ok(Request::ListTaskTemplates(Field::Same(query.clone())));
    }
    let mut params = validation::read_object(input, query, "queryParams", "key")?;
    validation::check_query(input, &params)?;
    for key in ["status", "Status"] {
        if let Some(v) = params.value(key) {
            if let Some(status) = validation::status(input, v) {
                params.set(key.into(), Field::Text(status.into()));
            }
        }
    }
    Ok(Request::ListTaskTemplates(Field::Object(params)))
}

/// `agent.getTaskTemplate(templateParams)`.
pub fn get_task_template<I: Input>(input: &I, params: &I::Value) -> Outcome<I> {
    require(input, params, "Task template params")?;
    let mut entries = snapshot(input, params, "templateParams")?;
    require_field(input, &mut entries, params, "id", "Task template id")?;
    Ok(Request::GetTaskTemplate(Field::Object(entries)))
}

fn require<I: Input>(input: &I, v: &I::Value, label: &'static str) -> Result<(), RequestError<I::Error>> {
    if input.kind(v).is_present() {
        Ok(())
    } else {
        Err(RequestError::Missing(label))
    }
}

/// The entries of `v` read once (none for a primitive): what the request is built from.
fn snapshot<I: Input>(input: &I, v: &I::Value, path: &str) -> Result<Params<I::Value>, RequestError<I::Error>> {
    match input.kind(v) {
        Kind::Object | Kind::Array | Kind::Function => validation::read_object(input, v, path, "key"),
        _ => Ok(Params::default()),
    }
}

/// `obj[key]` as the snapshot has it; a field it lacks (a getter on a class's prototype, which
/// is not enumerable) is read by property access, as the JavaScript library reads it, and is
/// then sent too.
fn field<I: Input>(
    input: &I,
    entries: &mut Params<I::Value>,
    obj: &I::Value,
    key: &str,
) -> Result<Option<I::Value>, RequestError<I::Error>> {
    if let Some(v) = entries.value(key) {
        return Ok(Some(v.clone()));
    }
    let v = input.get(obj, key).map_err(RequestError::Threw)?;
    if input.kind(&v) == Kind::Undefined {
        return Ok(None);
    }
    entries.set(key.into(), Field::Same(v.clone()));
    Ok(Some(v))
}

/// [`field`], which must be present.
fn require_field<I: Input>(
    input: &I,
    entries: &mut Params<I::Value>,
    obj: &I::Value,
    key: &str,
    label: &'static str,
) -> Result<I::Value, RequestError<I::Error>> {
    match field(input, entries, obj, key)? {
        Some(v) if input.kind(&v).is_present() => Ok(v),
        _ => Err(RequestError::Missing(label)),
    }
}

/// The JavaScript library's `normalizeTaskTemplateAPIParams`, on a copy: for each key of
/// the object as it was, in order, a key whose first letter upper-cases differently moves to
/// that spelling (`obj[Upper] = obj[key]`, keeping an existing `Upper` in its place, then
/// `delete obj[key]`); and whenever a key ends up as `References`, each object in it gets
/// the same treatment. `references` is what validation read of the top level's.
fn capitalize_keys<I: Input>(
    input: &I,
    mut params: Params<I::Value>,
    mut references: References<I::Value>,
    depth: usize,
) -> Result<Params<I::Value>, RequestError<I::Error>> {
    let keys: Vec<String> = params.keys().map(str::to_owned).collect();
    for key in keys {
        let upper = capitalize(input, &key);
        if let Some(upper) = &upper {
            if let Some(value) = params.remove(&key) {
                params.set(upper.clone(), value);
            }
        }
        if upper.as_deref().unwrap_or(&key) != "References" {
            continue;
        }
        let Some(Field::Same(value)) = params.get("References") else { continue };
        let read = references.iter().position(|(spelling, _)| *spelling == key).map(|i| references.swap_remove(i));
        let normalized = match read {
            Some((_, refs)) => {
                let mut out = Params::default();
                for (name, entry) in refs {
                    out.set(name, Field::Object(capitalize_keys(input, entry, Vec::new(), depth + 1)?));
                }
                Field::Object(out)
            }
            None => nested_references(input, value, depth + 1)?,
        };
        params.set("References".into(), normalized);
    }
    Ok(params)
}

/// A `References` value below the top level (which validation did not read): each object or
/// array in it is normalised, other values stay as they are.
fn nested_references<I: Input>(
    input: &I,
    value: &I::Value,
    depth: usize,
) -> Result<Field<I::Value>, RequestError<I::Error>> {
    let kind = input.kind(value);
    if !kind.is_object() {
        return Ok(Field::Same(value.clone()));
    }
    if depth > NESTING_MAX {
        let message = "references must not be nested more than 16 levels deep".into();
        return Err(RequestError::Invalid(ValidationError { field: "references".into(), message }));
    }
    let mut out = Params::default();
    for (name, item) in validation::read_object(input, value, "references", "key")?.into_entries() {
        let normalized = match item {
            Field::Same(item) if input.kind(&item).is_object() => {
                let inner = validation::read_object(input, &item, "references", "key")?;
                Field::Object(capitalize_keys(input, inner, Vec::new(), depth)?)
            }
            other => other,
        };
        out.set(name, normalized);
    }
    Ok(match kind {
        Kind::Array => Field::List(out.into_entries().map(|(_, v)| v).collect()),
        _ => Field::Object(out),
    })
}

/// JavaScript's `s.charAt(0).toUpperCase() + s.slice(1)`, or `None` when that equals `s`.
/// Only a first character inside the BMP (one UTF-16 unit) can change.
fn capitalize<I: Input>(input: &I, s: &str) -> Option<String> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if u32::from(first) > 0xFFFF || first.is_ascii() && !first.is_ascii_lowercase() {
        return None;
    }
    let mut out = if first.is_ascii() {
        first.to_ascii_uppercase().to_string()
    } else {
        input.upper_case(first.encode_utf8(&mut [0; 4]))
    };
    out.push_str(chars.as_str());
    (out != s).then_some(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::input::model::{arr, derived, obj, s, Model, Thrown, J};
    use proptest::prelude::*;
    use serde_json::{json, Value as Json};

    const NOW: f64 = 1_700_000_000.0;
    const TOKEN: &str = "4383f0b7-ddcb-4f8c-a63b-cbd53c852d39";

    fn token() -> Field<J> {
        Field::Text(TOKEN.into())
    }

    /// What the client would get, as JSON: (method, params).
    fn sent(r: Outcome<Model>) -> (Method, Json) {
        let request = r.unwrap_or_else(|e| panic!("expected a request, got {e:?}"));
        let method = request.method();
        let params = match request {
            Request::CreateTaskContact(p) | Request::CreateTemplatedTask(p) | Request::UpdateContact(p) => {
                serde_json::to_value(&p)
            }
            Request::ListTaskTemplates(q) => {
                serde_json::to_value(ListTaskTemplatesParams { instance_id: s("instance"), query_params: q })
            }
            Request::GetTaskTemplate(t) => {
                serde_json::to_value(GetTaskTemplateParams { instance_id: s("instance"), template_params: t })
            }
        };
        (method, params.unwrap())
    }

    /// The keys of the params, in order (what `Object.keys` would show).
    fn key_order(r: Outcome<Model>) -> Vec<String> {
        match r.unwrap() {
            Request::CreateTaskContact(p) | Request::CreateTemplatedTask(p) | Request::UpdateContact(p) => {
                p.keys().map(str::to_owned).collect()
            }
            _ => panic!("not a task"),
        }
    }

    fn missing(r: Outcome<Model>) -> &'static str {
        match r {
            Err(RequestError::Missing(label)) => label,
            other => panic!("expected Missing, got {other:?}"),
        }
    }

    fn invalid(r: Outcome<Model>) -> String {
        match r {
            Err(RequestError::Invalid(e)) => e.field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn create(task: &J) -> Outcome<Model> {
        create_task(&Model, task, NOW, &token)
    }

    const ARN: &str = "arn:aws:connect:us-west-2:1:instance/i/transfer-destination/qc-9";

    /// The fields of a queue endpoint, as `connect.Endpoint` has them.
    fn endpoint_fields() -> Vec<(&'static str, J)> {
        vec![
            ("endpointARN", s(ARN)),
            ("endpointId", s(ARN)),
            ("type", s("queue")),
            ("name", s("Support")),
            ("phoneNumber", J::Null),
            ("agentLogin", J::Null),
            ("queue", J::Null),
        ]
    }

    /// What `connect.Endpoint` instances hold: own fields, and a prototype with methods.
    fn endpoint_instance() -> J {
        let prototype = obj(vec![("stripPhoneNumber", J::Func("stripPhoneNumber"))]);
        derived(prototype, endpoint_fields())
    }

    fn endpoint_literal() -> J {
        obj(endpoint_fields())
    }

    #[test]
    fn method_names_and_where_streams_keeps_them() {
        assert_eq!(Method::CreateTaskContact.streams_name(), ("ClientMethods", "CREATE_TASK_CONTACT"));
        assert_eq!(Method::CreateTemplatedTask.streams_name(), ("TaskTemplatesClientMethods", "CREATE_TEMPLATED_TASK"));
        assert_eq!(Method::GetTaskTemplate.default_name(), "getTaskTemplate");
        assert_eq!(Method::UpdateContact.default_name(), "updateContact");
        assert_eq!(Method::ListTaskTemplates.default_name(), "listTaskTemplates");
    }

    #[test]
    fn capitalize_like_js() {
        assert_eq!(capitalize(&Model, "name").as_deref(), Some("Name"));
        assert_eq!(capitalize(&Model, "Name"), None);
        assert_eq!(capitalize(&Model, ""), None);
        assert_eq!(capitalize(&Model, "1abc"), None);
        assert_eq!(capitalize(&Model, "ßx").as_deref(), Some("SSx"));
        assert_eq!(capitalize(&Model, "éa").as_deref(), Some("Éa"));
        assert_eq!(capitalize(&Model, "\u{10428}x"), None);
    }

    #[test]
    fn missing_fields_throw_the_reference_labels() {
        assert_eq!(missing(create(&J::Undefined)), "Task contact object");
        assert_eq!(missing(create(&J::Null)), "Task contact object");
        assert_eq!(missing(create(&obj(vec![]))), "Task name");
        assert_eq!(missing(create(&obj(vec![("name", J::Null)]))), "Task name");
        assert_eq!(missing(create(&obj(vec![("Name", s("x"))]))), "Task name");
        assert_eq!(missing(create(&s("str"))), "Task name");
        assert_eq!(missing(create(&obj(vec![("name", s("x"))]))), "Task endpoint");
        assert_eq!(missing(create(&obj(vec![("name", s("x")), ("endpoint", J::Null)]))), "Task endpoint");
        // a falsy template id means a plain task, which needs an endpoint
        assert_eq!(missing(create(&obj(vec![("name", s("x")), ("taskTemplateId", s(""))]))), "Task endpoint");
        // missing comes before validation
        assert_eq!(missing(create(&obj(vec![("name", J::Str("x".repeat(600)))]))), "Task endpoint");
        assert_eq!(missing(update_contact(&Model, &J::Undefined, NOW)), "Update for templated task");
        assert_eq!(missing(update_contact(&Model, &obj(vec![("name", s("n"))]), NOW)), "Task contact id");
        assert_eq!(missing(list_task_templates(&Model, &J::Null)), "Query params for listTaskTemplates");
        assert_eq!(missing(get_task_template(&Model, &J::Undefined)), "Task template params");
        assert_eq!(missing(get_task_template(&Model, &obj(vec![("id", J::Null)]))), "Task template id");
    }

    #[test]
    fn templated_task_matches_the_reference_example() {
        let task = obj(vec![
            ("name", s("Task name")),
            ("description", s("Task description")),
            ("endpoint", endpoint_literal()),
            ("taskTemplateId", s("tpl-1")),
        ]);
        let (method, params) = sent(create(&task));
        assert_eq!(method, Method::CreateTemplatedTask);
        assert_eq!(params, json!({"Name": "Task name", "Description": "Task description", "TaskTemplateId": "tpl-1", "QuickConnectId": "qc-9"}));
        assert_eq!(key_order(create(&task)), ["Name", "Description", "TaskTemplateId", "QuickConnectId"]);
    }

    #[test]
    fn endpoints_made_by_streams_give_the_same_request_as_literals() {
        // Class instances and objects inheriting their fields (Object.create) read like literals.
        let shapes = [endpoint_literal(), endpoint_instance(), derived(endpoint_literal(), vec![])];
        let plain: Vec<_> = shapes
            .iter()
            .map(|ep| sent(create(&obj(vec![("name", s("n")), ("endpoint", ep.clone())]))))
            .collect();
        assert!(plain.iter().all(|p| *p == plain[0]), "{plain:?}");
        assert_eq!(plain[0].1["endpoint"], json!({"endpointARN": ARN, "type": "queue", "name": "Support", "phoneNumber": null, "agentLogin": null, "queue": null}));
        for ep in shapes {
            let (method, params) = sent(create(&obj(vec![("name", s("n")), ("taskTemplateId", s("t")), ("endpoint", ep)])));
            assert_eq!(method, Method::CreateTemplatedTask);
            assert_eq!(params, json!({"Name": "n", "TaskTemplateId": "t", "QuickConnectId": "qc-9"}));
        }
        // A task that is itself a class instance.
        let task = derived(obj(vec![("name", s("n")), ("endpoint", endpoint_instance()), ("save", J::Func("save"))]), vec![]);
        assert_eq!(sent(create(&task)), plain[0]);
    }

    #[test]
    fn plain_task_copies_the_endpoint_without_its_id_and_adds_the_token() {
        let task = obj(vec![("name", s("Task")), ("description", s("D")), ("endpoint", endpoint_literal())]);
        let (method, params) = sent(create(&task));
        assert_eq!(method, Method::CreateTaskContact);
        assert_eq!(params["idempotencyToken"], json!(TOKEN));
        assert_eq!(key_order(create(&task)), ["name", "description", "endpoint", "idempotencyToken"]);
        // The caller's own token (a string) is sent as it is, in its place; anything else in
        // its place is replaced; a non-object endpoint is sent as it is.
        let task = obj(vec![("idempotencyToken", s("mine")), ("name", s("n")), ("endpoint", s("e"))]);
        assert_eq!(key_order(create(&task)), ["idempotencyToken", "name", "endpoint"]);
        assert_eq!(sent(create(&task)).1, json!({"idempotencyToken": "mine", "name": "n", "endpoint": "e"}));
        let task = obj(vec![("idempotencyToken", J::Num(7.0)), ("name", s("n")), ("endpoint", s("e"))]);
        assert_eq!(sent(create(&task)).1, json!({"idempotencyToken": TOKEN, "name": "n", "endpoint": "e"}));
        let task = obj(vec![("idempotencyToken", J::Str("t".repeat(501))), ("name", s("n")), ("endpoint", s("e"))]);
        assert_eq!(invalid(create(&task)), "idempotencyToken");
    }

    #[test]
    fn the_token_is_made_only_for_a_plain_task_and_after_the_checks() {
        let made = std::cell::Cell::new(0);
        let count = || {
            made.set(made.get() + 1);
            token()
        };
        let _ = create_task(&Model, &obj(vec![("name", s("n")), ("taskTemplateId", s("t"))]), NOW, &count);
        let _ = create_task(&Model, &obj(vec![("name", s("n"))]), NOW, &count);
        assert_eq!(made.get(), 0);
        let _ = create_task(&Model, &obj(vec![("name", s("n")), ("endpoint", s("e"))]), NOW, &count);
        assert_eq!(made.get(), 1);
    }

    #[test]
    fn references_are_normalised_but_not_their_names() {
        let refs = obj(vec![
            ("Phone number", obj(vec![("type", s("STRING")), ("value", s("+1 234"))])),
            ("claim", obj(vec![("value", s("1000")), ("Type", s("NUMBER")), ("type", s("NUMBER"))])),
        ]);
        let task = obj(vec![("contactId", s("c")), ("references", refs)]);
        let (method, params) = sent(update_contact(&Model, &task, NOW));
        assert_eq!(method, Method::UpdateContact);
        assert_eq!(params, json!({"ContactId": "c", "References": {
            "Phone number": {"Type": "STRING", "Value": "+1 234"},
            "claim": {"Type": "NUMBER", "Value": "1000"}}}));
        let Ok(Request::UpdateContact(p)) = update_contact(&Model, &task, NOW) else { panic!() };
        let Some(Field::Object(refs)) = p.get("References") else { panic!() };
        let Some(Field::Object(claim)) = refs.get("claim") else { panic!() };
        // [value, Type, type]: value -> Value appended, type overwrites Type in place
        assert_eq!(claim.keys().collect::<Vec<_>>(), ["Type", "Value"]);
    }

    #[test]
    fn nested_references_and_other_objects() {
        // A reference's own `references` is normalised too (the JavaScript library recurses),
        // other nested objects are sent as they are.
        let inner = obj(vec![("x", obj(vec![("type", s("URL"))]))]);
        let r = obj(vec![("type", s("URL")), ("value", s("u")), ("references", inner), ("attributes", obj(vec![("key", s("v"))]))]);
        let task = obj(vec![("contactId", s("c")), ("references", obj(vec![("r", r)]))]);
        let (_, params) = sent(update_contact(&Model, &task, NOW));
        assert_eq!(params["References"]["r"], json!({"Type": "URL", "Value": "u", "References": {"x": {"Type": "URL"}}, "Attributes": {"key": "v"}}));
        // As an array, and with values that are not objects.
        let r = obj(vec![("type", s("URL")), ("value", s("u")), ("references", arr(vec![obj(vec![("value", s("v"))]), J::Null, s("s")]))]);
        let task = obj(vec![("contactId", s("c")), ("references", obj(vec![("r", r)]))]);
        let (_, params) = sent(update_contact(&Model, &task, NOW));
        assert_eq!(params["References"]["r"]["References"], json!([{"Value": "v"}, null, "s"]));
        // Too deep: refused, not recursed into without end.
        let mut deep = obj(vec![("leaf", J::Bool(true))]);
        for _ in 0..100 {
            deep = obj(vec![("references", deep)]);
        }
        let r = obj(vec![("type", s("URL")), ("value", s("u")), ("references", deep)]);
        let task = obj(vec![("contactId", s("c")), ("references", obj(vec![("r", r)]))]);
        match update_contact(&Model, &task, NOW) {
            Err(RequestError::Invalid(e)) => assert!(e.message.contains(&format!(" {NESTING_MAX} levels")), "{}", e.message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn both_spellings_of_references() {
        let refs = |v: &str| obj(vec![("r", obj(vec![("type", s("STRING")), ("value", s(v))]))]);
        let task = obj(vec![("References", refs("upper")), ("contactId", s("c")), ("references", refs("lower"))]);
        let (_, params) = sent(update_contact(&Model, &task, NOW));
        assert_eq!(params, json!({"References": {"r": {"Type": "STRING", "Value": "lower"}}, "ContactId": "c"}));
        // A null References is passed through (the JavaScript library throws on it).
        let (_, params) = sent(update_contact(&Model, &obj(vec![("contactId", s("c")), ("references", J::Null)]), NOW));
        assert_eq!(params, json!({"ContactId": "c", "References": null}));
    }

    #[test]
    fn key_order_follows_javascript_assignment() {
        let task = obj(vec![("Name", s("old")), ("b", s("1")), ("name", s("new")), ("contactId", s("c"))]);
        assert_eq!(key_order(update_contact(&Model, &task, NOW)), ["Name", "B", "ContactId"]);
        assert_eq!(sent(update_contact(&Model, &task, NOW)).1["Name"], json!("new"));
        let task = obj(vec![("", s("e")), ("9x", s("n")), ("ßa", s("s")), ("z", s("z")), ("contactId", s("c"))]);
        assert_eq!(key_order(update_contact(&Model, &task, NOW)), ["", "9x", "SSa", "Z", "ContactId"]);
    }

    #[test]
    fn validation_runs_before_sending() {
        let long = J::Str("x".repeat(513));
        assert_eq!(invalid(create(&obj(vec![("name", long.clone()), ("endpoint", endpoint_literal())]))), "name");
        assert_eq!(invalid(create(&obj(vec![("name", long), ("taskTemplateId", s("t"))]))), "name");
        let bad_ref = obj(vec![("r", obj(vec![("type", s("NOPE")), ("value", s("v"))]))]);
        let task = obj(vec![("name", s("n")), ("taskTemplateId", s("t")), ("references", bad_ref)]);
        assert_eq!(invalid(create(&task)), "references.r.type");
        let task = obj(vec![("name", s("n")), ("endpoint", endpoint_literal()), ("scheduledTime", J::Num(NOW + 7.0 * 86400.0))]);
        assert_eq!(invalid(create(&task)), "scheduledTime");
        let task = obj(vec![("contactId", s("c")), ("description", J::Str("d".repeat(4097)))]);
        assert_eq!(invalid(update_contact(&Model, &task, NOW)), "description");
    }

    #[test]
    fn required_fields_a_snapshot_lacks_are_read_by_property_access_and_sent() {
        // Like a getter on a class's prototype: not enumerable, so not among the entries.
        struct Hidden;
        impl Input for Hidden {
            type Value = J;
            type Error = Thrown;
            fn kind(&self, v: &J) -> Kind { Model.kind(v) }
            fn get(&self, v: &J, key: &str) -> Result<J, Thrown> {
                if key == "name" { Ok(s("from a getter")) } else { Model.get(v, key) }
            }
            fn entries(&self, v: &J) -> Result<Vec<(J, J)>, Thrown> { Model.entries(v) }
            fn text(&self, v: &J, max: usize) -> String { Model.text(v, max) }
            fn upper_case(&self, t: &str) -> String { Model.upper_case(t) }
            fn number(&self, v: &J) -> f64 { Model.number(v) }
            fn parse_number(&self, t: &str) -> f64 { Model.parse_number(t) }
        }
        let task = obj(vec![("endpoint", s("e"))]);
        let Ok(Request::CreateTaskContact(p)) = create_task(&Hidden, &task, NOW, &token) else { panic!() };
        assert_eq!(p.keys().collect::<Vec<_>>(), ["endpoint", "name", "idempotencyToken"]);
    }

    #[test]
    fn what_reading_throws_is_thrown() {
        let task = obj(vec![("name", s("n")), ("endpoint", endpoint_literal()), ("bad", J::Throws)]);
        assert!(matches!(create(&task), Err(RequestError::Threw(Thrown))));
        assert!(matches!(create(&obj(vec![("name", J::Throws)])), Err(RequestError::Threw(Thrown))));
    }

    #[test]
    fn list_task_templates_upper_cases_status() {
        let q = obj(vec![("status", s("active")), ("maxResults", J::Num(50.0))]);
        let (method, params) = sent(list_task_templates(&Model, &q));
        assert_eq!(method, Method::ListTaskTemplates);
        assert_eq!(params, json!({"instanceId": "instance", "queryParams": {"status": "ACTIVE", "maxResults": 50.0}}));
        let (_, params) = sent(list_task_templates(&Model, &obj(vec![("Status", s("inActive"))])));
        assert_eq!(params["queryParams"], json!({"Status": "INACTIVE"}));
        assert_eq!(invalid(list_task_templates(&Model, &obj(vec![("maxResults", J::Num(101.0))]))), "queryParams.maxResults");
        assert_eq!(invalid(list_task_templates(&Model, &obj(vec![("status", s("DRAFT"))]))), "queryParams.status");
        // Not an object: passed on as it is.
        assert_eq!(sent(list_task_templates(&Model, &s("q"))).1["queryParams"], json!("q"));
    }

    #[test]
    fn get_task_template_sends_a_copy() {
        let p = obj(vec![("id", s("tpl")), ("version", J::Num(5.0))]);
        let (method, params) = sent(get_task_template(&Model, &p));
        assert_eq!(method, Method::GetTaskTemplate);
        assert_eq!(params, json!({"instanceId": "instance", "templateParams": {"id": "tpl", "version": 5.0}}));
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(vec![
                "name", "Name", "description", "references", "References", "type", "Type", "value", "Value",
                "endpoint", "endpointARN", "endpointId", "taskTemplateId", "contactId", "id", "status",
                "maxResults", "scheduledTime", "quickConnectId", "QuickConnectId", "idempotencyToken", "", "ß", "SS",
            ]).prop_map(str::to_owned),
            1 => "[a-zA-Zß\u{10428}é0-9/ ]{0,6}",
        ]
    }

    fn value() -> impl Strategy<Value = J> {
        let leaf = prop_oneof![
            Just(J::Undefined),
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
            prop_oneof![any::<f64>(), -5.0..150.0f64, Just(1.0)].prop_map(J::Num),
            prop_oneof![
                prop::sample::select(vec!["URL", "EMAIL", "NUMBER", "STRING", "DATE", "active", "a/b/c", "12"]).prop_map(str::to_owned),
                "[a-zA-Z0-9/.+\\-é😀]{0,8}",
            ].prop_map(J::Str),
            Just(J::Func("f")),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(arr),
                prop::collection::vec((key(), inner), 0..6).prop_map(|kv| {
                    let mut seen = std::collections::HashSet::new();
                    let unique: Vec<_> = kv.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect();
                    obj(unique.iter().map(|(k, v)| (k.as_str(), v.clone())).collect())
                }),
            ]
        })
    }

    /// Every top-level key capitalised, and each reference's keys too.
    fn is_normal(params: &Json) -> bool {
        let Json::Object(top) = params else { return true };
        top.iter().all(|(k, v)| {
            capitalize(&Model, k).is_none()
                && (k != "References" || match v {
                    Json::Object(refs) => refs.values().all(is_normal),
                    _ => true,
                })
        })
    }

    proptest! {
        #[test]
        fn entry_points_never_panic(t in value()) {
            let _ = create(&t);
            let _ = update_contact(&Model, &t, NOW);
            let _ = list_task_templates(&Model, &t);
            let _ = get_task_template(&Model, &t);
        }

        #[test]
        fn templated_params_are_normal(t in value()) {
            if let Ok(r @ (Request::CreateTemplatedTask(_) | Request::UpdateContact(_))) = create(&t).or_else(|_| update_contact(&Model, &t, NOW)) {
                let (_, params) = sent(Ok(r));
                prop_assert!(is_normal(&params), "{}", params);
            }
        }

        #[test]
        fn plain_task_always_carries_a_token_and_no_endpoint_id(t in value()) {
            let own = Model.get(&t, "idempotencyToken").ok().filter(|v| matches!(v, J::Str(_)));
            if let Ok(r @ Request::CreateTaskContact(_)) = create(&t) {
                let (_, params) = sent(Ok(r));
                let expected = match own { Some(J::Str(own)) => json!(own), _ => json!(TOKEN) };
                prop_assert_eq!(&params["idempotencyToken"], &expected);
                prop_assert!(params["endpoint"].get("endpointId").is_none());
            }
        }

        #[test]
        fn sent_status_is_upper_case(t in value()) {
            if let Ok(r) = list_task_templates(&Model, &t) {
                let (_, params) = sent(Ok(r));
                for k in ["status", "Status"] {
                    if let Some(Json::String(s)) = params["queryParams"].get(k) {
                        prop_assert!(s == "ACTIVE" || s == "INACTIVE");
                    }
                }
            }
        }
    }
}
