//! The requests the agent methods send through Streams' client (createTask, updateContact,
//! listTaskTemplates, getTaskTemplate): which method, and what params.
//!
//! The caller's objects are read once ([`read_task`], [`validation::read_parts`]), validated,
//! and never changed: the params are fresh objects ([`Params`]) holding the caller's own values
//! wherever the JavaScript library sends them unchanged.

use super::errors::{RequestError, ValidationError};
use super::input::{Input, Kind};
use super::params::{keys, Field, Params};
use super::validation::{self, NESTING_MAX};

/// The client methods. Streams names each in an enum, read at call time ([`ClientMethod::streams_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientMethod {
    CreateTaskContact,
    CreateTemplatedTask,
    UpdateContact,
    ListTaskTemplates,
    GetTaskTemplate,
}

impl ClientMethod {
    /// Where Streams names the method: `connect[enum][key]`.
    pub fn streams_name(self) -> (&'static str, &'static str) {
        const TEMPLATES: &str = "TaskTemplatesClientMethods";
        match self {
            ClientMethod::CreateTaskContact => ("ClientMethods", "CREATE_TASK_CONTACT"),
            ClientMethod::CreateTemplatedTask => (TEMPLATES, "CREATE_TEMPLATED_TASK"),
            ClientMethod::UpdateContact => (TEMPLATES, "UPDATE_CONTACT"),
            ClientMethod::ListTaskTemplates => (TEMPLATES, "LIST_TASK_TEMPLATES"),
            ClientMethod::GetTaskTemplate => (TEMPLATES, "GET_TASK_TEMPLATE"),
        }
    }

    /// The name Streams' enums hold, for a Streams without the enum (before 2.2).
    pub fn default_name(self) -> &'static str {
        match self {
            ClientMethod::CreateTaskContact => "createTaskContact",
            ClientMethod::CreateTemplatedTask => "createTemplatedTask",
            ClientMethod::UpdateContact => "updateContact",
            ClientMethod::ListTaskTemplates => "listTaskTemplates",
            ClientMethod::GetTaskTemplate => "getTaskTemplate",
        }
    }
}

/// What to send. The template APIs' params are `{instanceId, queryParams}` and `{instanceId,
/// templateParams}`, with the instance id the shell reads from Streams at send time.
#[derive(Debug)]
pub enum Request<V> {
    CreateTaskContact(Params<V>),
    CreateTemplatedTask(Params<V>),
    UpdateContact(Params<V>),
    ListTaskTemplates(Field<V>),
    GetTaskTemplate(Field<V>),
}

impl<V> Request<V> {
    pub fn method(&self) -> ClientMethod {
        match self {
            Request::CreateTaskContact(_) => ClientMethod::CreateTaskContact,
            Request::CreateTemplatedTask(_) => ClientMethod::CreateTemplatedTask,
            Request::UpdateContact(_) => ClientMethod::UpdateContact,
            Request::ListTaskTemplates(_) => ClientMethod::ListTaskTemplates,
            Request::GetTaskTemplate(_) => ClientMethod::GetTaskTemplate,
        }
    }
}

type Built<I> = Result<Request<<I as Input>::Value>, RequestError<<I as Input>::Error>>;

/// The fields of a task read by property access when its entries lack them (a getter on a
/// class), as the JavaScript library reads them.
pub const TASK_GETTERS: [&str; 3] = ["name", "taskTemplateId", "endpoint"];

/// `agent.createTask(task)` at `now` (epoch seconds). `token` makes the idempotency token of a
/// plain task (Streams' `AWS.util.uuid.v4()`) unless the caller gave one (sent as it is: a retry
/// with the same token cannot create a second task).
pub fn create_task<I: Input>(
    input: &I,
    task: &I::Value,
    now: f64,
    token: &dyn Fn() -> Field<I::Value>,
) -> Built<I> {
    require(input, task, "Task contact object")?;
    let entries = read_task(input, task, &TASK_GETTERS)?;
    build_task(input, entries, now, token)
}

/// createTask's request from the task as [`read_task`] read it.
pub fn build_task<I: Input>(
    input: &I,
    mut task: Params<I::Value>,
    now: f64,
    token: &dyn Fn() -> Field<I::Value>,
) -> Built<I> {
    require_entry(input, &task, "name", "Task name")?;
    let templated = task.value("taskTemplateId").is_some_and(|t| input.kind(t).is_truthy());
    if !templated {
        require_entry(input, &task, "endpoint", "Task endpoint")?;
    }
    validation::check_task(input, &mut task, now)?;
    let own_token = validation::own_token(input, &task)?.cloned();
    if templated {
        let endpoint = task.get(keys::ENDPOINT.lower).filter(|e| !matches!(e, Field::Same(v) if !input.kind(v).is_truthy()));
        if let Some(endpoint) = endpoint {
            let id = validation::quick_connect_id(input, endpoint)?;
            task.set("quickConnectId".into(), Field::Text(id));
            task.remove("endpoint");
        }
        return Ok(Request::CreateTemplatedTask(capitalize_keys(input, task, 0)?));
    }
    // A plain task keeps its keys as given, with one token, spelled `idempotencyToken`.
    task.remove(keys::IDEMPOTENCY_TOKEN.upper);
    task.set(keys::IDEMPOTENCY_TOKEN.lower.into(), own_token.map_or_else(token, Field::Same));
    if let Some(Field::Object(endpoint)) = task.get_mut("endpoint") {
        // The endpoint as sent: its fields (own or inherited) without `endpointId`.
        endpoint.remove("endpointId");
    }
    Ok(Request::CreateTaskContact(task))
}

/// `agent.updateContact(task)`: keys capitalised as for a templated task.
pub fn update_contact<I: Input>(input: &I, task: &I::Value, now: f64) -> Built<I> {
    require(input, task, "Update for templated task")?;
    let mut task = read_task(input, task, &["contactId"])?;
    require_entry(input, &task, "contactId", "Task contact id")?;
    validation::check_task(input, &mut task, now)?;
    validation::own_token(input, &task)?;
    Ok(Request::UpdateContact(capitalize_keys(input, task, 0)?))
}

/// `agent.listTaskTemplates(queryParams)`; a status given in any case is sent upper-case.
pub fn list_task_templates<I: Input>(input: &I, query: &I::Value) -> Built<I> {
    require(input, query, "Query params for listTaskTemplates")?;
    if !input.kind(query).is_object() {
        return Ok(Request::ListTaskTemplates(Field::Same(query.clone())));
    }
    let mut params = validation::read_object(input, query, "queryParams", "key")?;
    validation::check_query(input, &params)?;
    for key in keys::STATUS.spellings() {
        if let Some(status) = params.value(key).and_then(|v| validation::status(input, v)) {
            params.set(key.into(), Field::Text(status.into()));
        }
    }
    Ok(Request::ListTaskTemplates(Field::Object(params)))
}

/// `agent.getTaskTemplate(templateParams)`.
pub fn get_task_template<I: Input>(input: &I, params: &I::Value) -> Built<I> {
    require(input, params, "Task template params")?;
    let entries = read_task(input, params, &["id"])?;
    require_entry(input, &entries, "id", "Task template id")?;
    Ok(Request::GetTaskTemplate(Field::Object(entries)))
}

fn require<I: Input>(input: &I, v: &I::Value, label: &'static str) -> Result<(), RequestError<I::Error>> {
    match input.kind(v) {
        Kind::Array => Err(RequestError::NotAnObject(label)),
        kind if kind.is_present() => Ok(()),
        _ => Err(RequestError::Missing(label)),
    }
}

/// The entries of `v` read once (none for a primitive), with each of `getters` it lacks read by
/// property access (a getter on a class's prototype is not enumerable) and then sent too, as the
/// JavaScript library reads them.
pub fn read_task<I: Input>(input: &I, v: &I::Value, getters: &[&str]) -> Result<Params<I::Value>, RequestError<I::Error>> {
    let mut entries = match input.kind(v) {
        Kind::Object | Kind::Array | Kind::Function => validation::read_object(input, v, "", "key")?,
        _ => Params::default(),
    };
    for key in getters {
        if entries.get(key).is_none() {
            let value = input.get(v, key).map_err(RequestError::Threw)?;
            if input.kind(&value) != Kind::Undefined {
                entries.set((*key).into(), Field::Same(value));
            }
        }
    }
    Ok(entries)
}

/// `entries[key]` must be present.
fn require_entry<I: Input>(input: &I, entries: &Params<I::Value>, key: &str, label: &'static str) -> Result<(), RequestError<I::Error>> {
    match entries.get(key) {
        Some(Field::Same(v)) if !input.kind(v).is_present() => Err(RequestError::Missing(label)),
        Some(_) => Ok(()),
        None => Err(RequestError::Missing(label)),
    }
}

/// The JavaScript library's `normalizeTaskTemplateAPIParams`, on a copy: for each key of
/// the object as it was, in order, a key whose first letter upper-cases differently moves to
/// that spelling (`obj[Upper] = obj[key]`, keeping an existing `Upper` in its place, then
/// `delete obj[key]`); and whenever a key ends up as `References`, each object in it gets
/// the same treatment.
fn capitalize_keys<I: Input>(input: &I, mut params: Params<I::Value>, depth: usize) -> Result<Params<I::Value>, RequestError<I::Error>> {
    let keys: Vec<String> = params.keys().map(str::to_owned).collect();
    for key in keys {
        let upper = capitalize(input, &key);
        if let Some(upper) = &upper {
            if let Some(value) = params.remove(&key) {
                params.set(upper.clone(), value);
            }
        }
        let references = keys::REFERENCES.upper;
        if upper.as_deref().unwrap_or(&key) != references {
            continue;
        }
        let normalized = match params.remove(references) {
            Some(Field::Object(read)) => {
                let mut out = Params::default();
                for (name, entry) in read.into_entries() {
                    let entry = match entry {
                        Field::Object(entry) => Field::Object(capitalize_keys(input, entry, depth + 1)?),
                        other => other,
                    };
                    out.set(name, entry);
                }
                Field::Object(out)
            }
            Some(Field::Same(value)) => nested_references(input, &value, depth + 1)?,
            Some(other) => other,
            None => continue,
        };
        params.set(references.into(), normalized);
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
        let message = ["references must not be nested more than ", &NESTING_MAX.to_string(), " levels deep"].concat();
        return Err(RequestError::Invalid(ValidationError { field: keys::REFERENCES.lower.into(), message }));
    }
    let mut out = Params::default();
    for (name, item) in validation::read_object(input, value, keys::REFERENCES.lower, "key")?.into_entries() {
        let normalized = match item {
            Field::Same(item) if input.kind(&item).is_object() => {
                let inner = validation::read_object(input, &item, keys::REFERENCES.lower, "key")?;
                Field::Object(capitalize_keys(input, inner, depth)?)
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
    fn sent(r: Built<Model>) -> (ClientMethod, Json) {
        let request = r.unwrap_or_else(|e| panic!("expected a request, got {e:?}"));
        let method = request.method();
        let params = match request {
            Request::CreateTaskContact(p) | Request::CreateTemplatedTask(p) | Request::UpdateContact(p) => {
                serde_json::to_value(&p)
            }
            Request::ListTaskTemplates(q) => Ok(json!({"instanceId": "instance", "queryParams": serde_json::to_value(q).unwrap()})),
            Request::GetTaskTemplate(t) => Ok(json!({"instanceId": "instance", "templateParams": serde_json::to_value(t).unwrap()})),
        };
        (method, params.unwrap())
    }

    /// The keys of the params, in order (what `Object.keys` would show).
    fn key_order(r: Built<Model>) -> Vec<String> {
        match r.unwrap() {
            Request::CreateTaskContact(p) | Request::CreateTemplatedTask(p) | Request::UpdateContact(p) => {
                p.keys().map(str::to_owned).collect()
            }
            _ => panic!("not a task"),
        }
    }

    fn missing(r: Built<Model>) -> &'static str {
        match r {
            Err(RequestError::Missing(label)) => label,
            other => panic!("expected Missing, got {other:?}"),
        }
    }

    fn invalid(r: Built<Model>) -> String {
        match r {
            Err(RequestError::Invalid(e)) => e.field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn create(task: &J) -> Built<Model> {
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
        assert_eq!(ClientMethod::CreateTaskContact.streams_name(), ("ClientMethods", "CREATE_TASK_CONTACT"));
        assert_eq!(ClientMethod::CreateTemplatedTask.streams_name(), ("TaskTemplatesClientMethods", "CREATE_TEMPLATED_TASK"));
        assert_eq!(ClientMethod::GetTaskTemplate.default_name(), "getTaskTemplate");
        assert_eq!(ClientMethod::UpdateContact.default_name(), "updateContact");
        assert_eq!(ClientMethod::ListTaskTemplates.default_name(), "listTaskTemplates");
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
        assert_eq!(method, ClientMethod::CreateTemplatedTask);
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
            assert_eq!(method, ClientMethod::CreateTemplatedTask);
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
        assert_eq!(method, ClientMethod::CreateTaskContact);
        assert_eq!(params["idempotencyToken"], json!(TOKEN));
        assert_eq!(key_order(create(&task)), ["name", "description", "endpoint", "idempotencyToken"]);
        // The caller's own token (a string) is sent as it is, in its place; a null one is
        // replaced; a non-object endpoint is sent as it is.
        let task = obj(vec![("idempotencyToken", s("mine")), ("name", s("n")), ("endpoint", s("e"))]);
        assert_eq!(key_order(create(&task)), ["idempotencyToken", "name", "endpoint"]);
        assert_eq!(sent(create(&task)).1, json!({"idempotencyToken": "mine", "name": "n", "endpoint": "e"}));
        let task = obj(vec![("idempotencyToken", J::Null), ("name", s("n")), ("endpoint", s("e"))]);
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
    fn one_token_a_string_of_1_to_500_characters_in_either_spelling() {
        let plain = |token: (&str, J)| obj(vec![token, ("name", s("n")), ("endpoint", s("e"))]);
        let message = |r: Built<Model>| match r {
            Err(RequestError::Invalid(e)) => e.message,
            other => panic!("{other:?}"),
        };
        assert_eq!(message(create(&plain(("idempotencyToken", s(""))))), "idempotencyToken must be at least 1 character");
        assert_eq!(message(create(&plain(("idempotencyToken", J::Num(7.0))))), "idempotencyToken must be a string");
        assert_eq!(message(create(&plain(("IdempotencyToken", J::Bool(true))))), "idempotencyToken must be a string");
        // Capitalised, it is the caller's token too, and sent once, as idempotencyToken.
        assert_eq!(sent(create(&plain(("IdempotencyToken", s("mine"))))).1, json!({"name": "n", "endpoint": "e", "idempotencyToken": "mine"}));
        let both = obj(vec![("idempotencyToken", s("a")), ("IdempotencyToken", s("b")), ("name", s("n")), ("endpoint", s("e"))]);
        assert!(message(create(&both)).contains("given twice"));
        // A templated task's token is checked too, and sent capitalised.
        let templated = |token: J| obj(vec![("name", s("n")), ("taskTemplateId", s("t")), ("idempotencyToken", token)]);
        assert_eq!(invalid(create(&templated(J::Str("t".repeat(501))))), "idempotencyToken");
        assert_eq!(sent(create(&templated(s("tok")))).1["IdempotencyToken"], json!("tok"));
    }

    #[test]
    fn a_task_that_is_an_array_is_refused() {
        assert!(matches!(create(&arr(vec![s("n")])), Err(RequestError::NotAnObject("Task contact object"))));
        assert!(matches!(update_contact(&Model, &arr(vec![]), NOW), Err(RequestError::NotAnObject(_))));
    }

    #[test]
    fn what_is_validated_is_what_is_sent() {
        // Attributes are read once and sent as a copy, like references and the endpoint.
        let task = obj(vec![("name", s("n")), ("endpoint", endpoint_instance()), ("attributes", obj(vec![("k", s("v"))]))]);
        let Ok(Request::CreateTaskContact(p)) = create(&task) else { panic!() };
        assert!(matches!(p.get("attributes"), Some(Field::Object(_))));
        assert!(matches!(p.get("endpoint"), Some(Field::Object(_))));
        // A plain task's references are the copy validation read.
        let task = obj(vec![("name", s("n")), ("endpoint", s("e")), ("references", obj(vec![("r", obj(vec![("type", s("URL")), ("value", s("u"))]))]))]);
        let Ok(Request::CreateTaskContact(p)) = create(&task) else { panic!() };
        assert!(matches!(p.get("references"), Some(Field::Object(_))));
        assert_eq!(sent(create(&task)).1["references"], json!({"r": {"type": "URL", "value": "u"}}));
    }

    #[test]
    fn references_are_normalised_but_not_their_names() {
        let refs = obj(vec![
            ("Phone number", obj(vec![("type", s("STRING")), ("value", s("+1 234"))])),
            ("claim", obj(vec![("value", s("1000")), ("Type", s("NUMBER")), ("type", s("NUMBER"))])),
        ]);
        let task = obj(vec![("contactId", s("c")), ("references", refs)]);
        let (method, params) = sent(update_contact(&Model, &task, NOW));
        assert_eq!(method, ClientMethod::UpdateContact);
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
            fn class_name(&self, v: &J) -> String { Model.class_name(v) }
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
        assert_eq!(method, ClientMethod::ListTaskTemplates);
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
        assert_eq!(method, ClientMethod::GetTaskTemplate);
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
