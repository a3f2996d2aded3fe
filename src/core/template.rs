//! A task template's rules, checked before anything is sent: `connect.TaskJS.validateTask(task,
//! template)`, with `template` what `getTaskTemplate` gives (the service's GetTaskTemplate
//! answer: `Id`, `Name`, `Status`, `Fields`, `Constraints`, `Defaults`).
//!
//! The rules, from the service's documentation (StartTaskContact, TaskTemplateField,
//! TaskTemplateConstraints, UpdateContactTaskTemplate): the template is active, the task names
//! it, required fields have values, read-only fields keep their default, invisible fields are not
//! set, and a reference named after a field has the reference type of the field's type and a
//! value of that kind. A template field's value is where `createTask` sends it: NAME → `name`,
//! DESCRIPTION → `description`, SCHEDULED_TIME → `scheduledTime`, QUICK_CONNECT → `endpoint`,
//! every other field → `references[field name]`. Everything `createTask` itself checks is
//! reported too. Both arguments are read by property access and never changed.

use super::errors::{RequestError, ValidationError};
use super::input::{Input, Kind};
use super::params::{keys, Field, Params};
use super::request;
use super::validation::{self, first, ReferenceType, KEY_MAX};
use rustc_hash::FxHashMap;

/// A template field's type (TaskTemplateField `Type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Name,
    Description,
    ScheduledTime,
    QuickConnect,
    Url,
    Number,
    Text,
    TextArea,
    DateTime,
    Boolean,
    SingleSelect,
    Email,
    /// SELF_ASSIGN, EXPIRY_DURATION and types documented later: no rule of ours.
    Other,
}

/// Each type as the service names it.
const FIELD_TYPES: [(&str, FieldType); 12] = [
    ("NAME", FieldType::Name),
    ("DESCRIPTION", FieldType::Description),
    ("SCHEDULED_TIME", FieldType::ScheduledTime),
    ("QUICK_CONNECT", FieldType::QuickConnect),
    ("URL", FieldType::Url),
    ("NUMBER", FieldType::Number),
    ("TEXT", FieldType::Text),
    ("TEXT_AREA", FieldType::TextArea),
    ("DATE_TIME", FieldType::DateTime),
    ("BOOLEAN", FieldType::Boolean),
    ("SINGLE_SELECT", FieldType::SingleSelect),
    ("EMAIL", FieldType::Email),
];

/// TEXT fields must be fewer than 512 characters, TEXT_AREA fields fewer than 4,096
/// (UpdateContactTaskTemplate).
const TEXT_MAX: usize = 511;
const TEXT_AREA_MAX: usize = 4095;

impl FieldType {
    fn named(name: &str) -> FieldType {
        FIELD_TYPES.iter().find(|(n, _)| *n == name).map_or(FieldType::Other, |(_, t)| *t)
    }

    /// The reference type a reference for this field must have.
    fn reference_type(self) -> Option<ReferenceType> {
        match self {
            FieldType::Url => Some(ReferenceType::URL),
            FieldType::Email => Some(ReferenceType::EMAIL),
            FieldType::Number => Some(ReferenceType::NUMBER),
            FieldType::DateTime => Some(ReferenceType::DATE),
            FieldType::Text | FieldType::TextArea | FieldType::SingleSelect | FieldType::Boolean => Some(ReferenceType::STRING),
            _ => None,
        }
    }
}

/// One field of the template.
#[derive(Debug, PartialEq)]
pub struct TemplateField {
    pub name: String,
    pub kind: FieldType,
    /// SINGLE_SELECT: the values it allows.
    pub options: Vec<String>,
}

/// A template, as read from GetTaskTemplate's answer.
#[derive(Debug, Default, PartialEq)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub status: Option<String>,
    pub fields: Vec<TemplateField>,
    /// The constraints, by field name, looked up in time independent of the template's size.
    pub required: Names,
    pub read_only: Names,
    pub invisible: Names,
    /// Each default value, at its place in `defaults` by field name.
    pub defaults: Names,
    pub default_values: Vec<String>,
}

/// Field names, each with a number (a place in a list, or 0). The same map type as a request's
/// key index (`params.rs`), so the module has one hash map's code, not several.
pub type Names = FxHashMap<String, usize>;

/// Why nothing could be checked.
#[derive(Debug, PartialEq)]
pub enum TemplateError<E> {
    /// `template` is not what `getTaskTemplate` gives (a `TypeError`).
    NotATemplate,
    /// `task` is not an object (a `TypeError`).
    NotATask,
    /// Reading the input threw: thrown.
    Threw(E),
}

type Read<T, E> = Result<T, TemplateError<E>>;

/// Every problem of `task` against `template` at `now` (epoch seconds), in the template's field
/// order, then what `createTask` reports; none when the task satisfies the template. The task is
/// read once, as `createTask` reads it, and both kinds of rule look at that one reading.
pub fn validate_task<I: Input>(input: &I, task: &I::Value, template: &I::Value, now: f64) -> Read<Vec<ValidationError>, I::Error> {
    let template = read_template(input, template)?;
    if input.kind(task) != Kind::Object {
        return Err(TemplateError::NotATask);
    }
    let mut problems = Vec::new();
    let (entries, unreadable) = match request::read_task(input, task, &request::TASK_GETTERS) {
        Ok(mut entries) => {
            let unreadable = validation::read_parts(input, &mut entries).err();
            (entries, unreadable)
        }
        Err(e) => (Params::default(), Some(e)),
    };
    let unreadable = match unreadable {
        Some(RequestError::Threw(e)) => return Err(TemplateError::Threw(e)),
        Some(e) => Some(problem_of(e)),
        None => None,
    };
    let mut report = |field: &str, rule: &[&str]| {
        let message = [field, " ", &rule.concat()].concat();
        problems.push(ValidationError { field: field.into(), message });
    };
    if let Some(status) = template.status.as_deref().filter(|s| *s != "ACTIVE") {
        report(keys::TASK_TEMPLATE_ID.lower, &["must name an ACTIVE template (template \"", &template.name, "\" is ", status, ")"]);
    }
    let id = first(input, &entries, keys::TASK_TEMPLATE_ID).and_then(|id| text(input, id));
    if id.as_deref() != Some(template.id.as_str()) {
        report(keys::TASK_TEMPLATE_ID.lower, &["must be the template's Id, ", &template.id]);
    }
    let references = validation::parts(input, &entries, keys::REFERENCES).flatten().next();
    for field in template.fields.iter().filter(|f| f.kind != FieldType::Other) {
        let quoted = ["template field \"", &field.name, "\""].concat();
        let value = value_of(input, &entries, references, field);
        let set = value.is_set(input);
        let path = value.path(field);
        if template.invisible.contains_key(&field.name) && set {
            report(&path, &["must not be set: ", &quoted, " is invisible"]);
            continue;
        }
        if template.required.contains_key(&field.name) && !value.is_given(input) {
            report(&path, &["is required by ", &quoted]);
            continue;
        }
        if template.read_only.contains_key(&field.name) && set {
            let default = template.defaults.get(&field.name).and_then(|&i| template.default_values.get(i)).map(String::as_str);
            if !equals_default(input, field.kind, &value, default) {
                match default {
                    Some(default) => report(&path, &["must be left as ", &quoted, "'s default, ", default, " (the field is read-only)"]),
                    None => report(&path, &["must not be set: ", &quoted, " is read-only and has no default"]),
                }
                continue;
            }
        }
        if let FieldValue::Reference { entry, value: Some(v) } = value {
            check_reference(input, field, entry, v, &path, &quoted, &mut report);
        }
    }
    // What createTask itself checks (its first violation), unless a problem of that field (or of
    // what holds it, or what it holds) is already reported.
    let related = |a: &str, b: &str| a == b || a.strip_prefix(b).is_some_and(|rest| rest.starts_with('.'));
    let known = |field: &str| problems.iter().any(|p| related(field, &p.field) || related(&p.field, field));
    let from_create_task = match unreadable {
        Some(e) => Some(e),
        None => match request::build_task(input, entries, now, &|| Field::Text(String::new())) {
            Err(RequestError::Threw(e)) => return Err(TemplateError::Threw(e)),
            Err(e) => Some(problem_of(e)),
            Ok(_) => None,
        },
    };
    if let Some(e) = from_create_task.filter(|e| !known(&e.field)) {
        problems.push(e);
    }
    Ok(problems)
}

/// Where a template field's value is in the task, as read.
enum FieldValue<'a, V> {
    /// NAME, DESCRIPTION, SCHEDULED_TIME: a field of the task.
    Task(&'static str, Option<&'a V>),
    /// QUICK_CONNECT: `endpoint` (its ARN's last part) or `quickConnectId`, whichever is given.
    QuickConnect { endpoint: Option<&'a Field<V>>, id: Option<&'a V> },
    /// Every other field: `references[field name]` and its value.
    Reference { entry: Option<&'a Params<V>>, value: Option<&'a V> },
}

impl<V> FieldValue<'_, V> {
    /// Whether the task sets it (to anything but undefined or null; an endpoint, to anything
    /// truthy, as createTask reads it).
    fn is_set<I: Input<Value = V>>(&self, input: &I) -> bool {
        match self {
            FieldValue::Task(_, v) | FieldValue::Reference { value: v, .. } => v.is_some(),
            FieldValue::QuickConnect { endpoint, id } => id.is_some() || endpoint.is_some_and(|e| is_truthy(input, e)),
        }
    }

    /// Whether it has a value a required field accepts (an empty string is none).
    fn is_given<I: Input<Value = V>>(&self, input: &I) -> bool {
        let filled = |v: &Option<&V>| v.is_some_and(|v| input.kind(v) != Kind::String(0));
        match self {
            FieldValue::Task(_, v) | FieldValue::Reference { value: v, .. } => filled(v),
            FieldValue::QuickConnect { endpoint, id } => filled(id) || endpoint.is_some_and(|e| is_truthy(input, e)),
        }
    }

    /// The path problems of this field are reported under.
    fn path(&self, field: &TemplateField) -> String {
        match self {
            FieldValue::Task(key, _) => (*key).into(),
            FieldValue::QuickConnect { id: Some(_), endpoint: None } => keys::QUICK_CONNECT_ID.lower.into(),
            FieldValue::QuickConnect { .. } => keys::ENDPOINT.lower.into(),
            FieldValue::Reference { .. } => [keys::REFERENCES.lower, ".", &field.name].concat(),
        }
    }
}

/// Where `field`'s value is in `task` (read, with its parts), `references` the task's.
fn value_of<'a, I: Input>(
    input: &I,
    task: &'a Params<I::Value>,
    references: Option<&'a Params<I::Value>>,
    field: &TemplateField,
) -> FieldValue<'a, I::Value> {
    let key = match field.kind {
        FieldType::Name => keys::NAME,
        FieldType::Description => keys::DESCRIPTION,
        FieldType::ScheduledTime => keys::SCHEDULED_TIME,
        FieldType::QuickConnect => {
            let endpoint = task.get(keys::ENDPOINT.lower).filter(|e| !matches!(e, Field::Same(v) if !input.kind(v).is_present()));
            return FieldValue::QuickConnect { endpoint, id: first(input, task, keys::QUICK_CONNECT_ID) };
        }
        _ => {
            let entry = match references.and_then(|r| r.get(&field.name)) {
                Some(Field::Object(entry)) => Some(entry),
                _ => None,
            };
            return FieldValue::Reference { entry, value: entry.and_then(|e| first(input, e, keys::VALUE)) };
        }
    };
    FieldValue::Task(key.lower, first(input, task, key))
}

/// Whether a field of the task as read is truthy (a part read is an object).
fn is_truthy<I: Input>(input: &I, field: &Field<I::Value>) -> bool {
    !matches!(field, Field::Same(v) if !input.kind(v).is_truthy())
}

/// A reference for `field` has the field's reference type and a value of its kind.
fn check_reference<I: Input>(
    input: &I,
    field: &TemplateField,
    entry: Option<&Params<I::Value>>,
    value: &I::Value,
    path: &str,
    quoted: &str,
    report: &mut impl FnMut(&str, &[&str]),
) {
    if let (Some(expected), Some(entry)) = (field.kind.reference_type(), entry) {
        let kind = first(input, entry, keys::TYPE).and_then(|t| validation::reference_type(input, t));
        if kind != Some(expected) {
            report(&[path, ".type"].concat(), &["must be ", expected.name(), " for ", quoted]);
        }
    }
    let path = [path, ".value"].concat();
    let string = text(input, value);
    let length = match input.kind(value) {
        Kind::String(len) => len,
        _ => 0,
    };
    match field.kind {
        FieldType::Number if !validation::is_numeric(input, value) => report(&path, &["must be a number for ", quoted]),
        FieldType::DateTime if !validation::is_numeric(input, value) => {
            report(&path, &["must be epoch seconds (a number) for ", quoted])
        }
        FieldType::Boolean if !matches!(string.as_deref(), Some("true" | "false")) => {
            report(&path, &["must be true or false for ", quoted])
        }
        FieldType::SingleSelect if field.options.is_empty() => {
            report(&path, &["cannot be set: ", quoted, " is a SINGLE_SELECT field with no options"])
        }
        FieldType::SingleSelect if !string.as_ref().is_some_and(|s| field.options.contains(s)) => {
            let options: Vec<&str> = field.options.iter().map(String::as_str).collect();
            report(&path, &["must be one of ", &options.join(", "), " for ", quoted])
        }
        FieldType::Text if length > TEXT_MAX => {
            report(&path, &["must be fewer than ", &(TEXT_MAX + 1).to_string(), " characters for ", quoted, " (a TEXT field)"])
        }
        FieldType::TextArea if length > TEXT_AREA_MAX => {
            report(&path, &["must be fewer than ", &(TEXT_AREA_MAX + 1).to_string(), " characters for ", quoted, " (a TEXT_AREA field)"])
        }
        _ => {}
    }
}

/// Whether a read-only field's value is its default (a string): numbers compared as numbers
/// (also when the value is a decimal string), a quick connect by its id (the ARN's last part).
fn equals_default<I: Input>(input: &I, kind: FieldType, value: &FieldValue<'_, I::Value>, default: Option<&str>) -> bool {
    let Some(default) = default else { return false };
    let value = match value {
        FieldValue::QuickConnect { endpoint: Some(endpoint), .. } => {
            return matches!(validation::quick_connect_id(input, endpoint), Ok(id) if id == default);
        }
        FieldValue::QuickConnect { id, .. } => return id.and_then(|id| text(input, id)).as_deref() == Some(default),
        FieldValue::Task(_, Some(v)) | FieldValue::Reference { value: Some(v), .. } => *v,
        _ => return false,
    };
    let numeric = matches!(kind, FieldType::Number | FieldType::DateTime) || matches!(input.kind(value), Kind::Number(_));
    if numeric {
        let default = validation::is_decimal(default).then(|| input.parse_number(default));
        return default.is_some() && validation::number(input, value) == default;
    }
    match input.kind(value) {
        Kind::Bool(b) => default == if b { "true" } else { "false" },
        _ => text(input, value).as_deref() == Some(default),
    }
}

/// What createTask reports, as a problem: a missing value under the field it is missing from.
fn problem_of<E>(e: RequestError<E>) -> ValidationError {
    let label = match e {
        RequestError::Invalid(e) => return e,
        RequestError::Missing(label) | RequestError::NotAnObject(label) => label,
        RequestError::Threw(_) => "",
    };
    let field = match label {
        "Task endpoint" => keys::ENDPOINT.lower,
        _ => keys::NAME.lower,
    };
    ValidationError { field: field.into(), message: [field, " must be provided (", label, ")"].concat() }
}

/// Reads GetTaskTemplate's answer.
pub fn read_template<I: Input>(input: &I, template: &I::Value) -> Read<Template, I::Error> {
    if input.kind(template) != Kind::Object {
        return Err(TemplateError::NotATemplate);
    }
    let id = get(input, template, "Id")?;
    let Some(id) = text(input, &id) else { return Err(TemplateError::NotATemplate) };
    let fields = list(input, &get(input, template, "Fields")?)?;
    let mut out = Template {
        id,
        name: text(input, &get(input, template, "Name")?).unwrap_or_default(),
        status: text(input, &get(input, template, "Status")?),
        ..Template::default()
    };
    for field in fields {
        let Some(name) = field_name(input, &field)? else { continue };
        let kind = text(input, &get(input, &field, "Type")?).map_or(FieldType::Other, |t| FieldType::named(&t));
        let options = list(input, &get(input, &field, "SingleSelectOptions")?)?.iter().filter_map(|o| text(input, o)).collect();
        out.fields.push(TemplateField { name, kind, options });
    }
    let constraints = get(input, template, "Constraints")?;
    for (key, names) in [("RequiredFields", &mut out.required), ("ReadOnlyFields", &mut out.read_only), ("InvisibleFields", &mut out.invisible)] {
        for entry in list(input, &get(input, &constraints, key)?)? {
            if let Some(name) = field_name(input, &entry)? {
                names.insert(name, 0);
            }
        }
    }
    let defaults = get(input, &get(input, template, "Defaults")?, "DefaultFieldValues")?;
    for entry in list(input, &defaults)? {
        let value = text(input, &get(input, &entry, "DefaultValue")?);
        if let (Some(name), Some(value)) = (field_name(input, &entry)?, value) {
            out.defaults.insert(name, out.default_values.len());
            out.default_values.push(value);
        }
    }
    Ok(out)
}

/// `entry.Id.Name`, the name a field is known by.
fn field_name<I: Input>(input: &I, entry: &I::Value) -> Read<Option<String>, I::Error> {
    Ok(text(input, &get(input, &get(input, entry, "Id")?, "Name")?))
}

/// `v[key]` (undefined for what is not an object).
fn get<I: Input>(input: &I, v: &I::Value, key: &str) -> Read<I::Value, I::Error> {
    input.get(v, key).map_err(TemplateError::Threw)
}

/// The items of an array (none for anything else).
fn list<I: Input>(input: &I, v: &I::Value) -> Read<Vec<I::Value>, I::Error> {
    if input.kind(v) != Kind::Array {
        return Ok(Vec::new());
    }
    Ok(input.entries(v).map_err(TemplateError::Threw)?.into_iter().map(|(_, item)| item).collect())
}

/// A string's text; none for a string longer than [`KEY_MAX`] characters (longer than any
/// template's id, field name, option or default), which then equals none of them.
fn text<I: Input>(input: &I, v: &I::Value) -> Option<String> {
    match input.kind(v) {
        Kind::String(len) if len <= KEY_MAX => Some(input.text(v, len)),
        _ => None,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::input::model::{arr, obj, s, Model, J};
    use proptest::prelude::*;

    const NOW: f64 = 1_700_000_000.0;

    fn named(name: &str) -> J {
        obj(vec![("Id", obj(vec![("Name", s(name))]))])
    }

    fn field(name: &str, kind: &str, options: &[&str]) -> J {
        let mut entries = vec![("Id", obj(vec![("Name", s(name))])), ("Type", s(kind))];
        if !options.is_empty() {
            entries.push(("SingleSelectOptions", arr(options.iter().map(|o| s(o)).collect())));
        }
        obj(entries)
    }

    /// A template in GetTaskTemplate's shape, like the CCP simulator's "Refund request".
    fn template(status: &str, required: &[&str], read_only: &[&str], invisible: &[&str], defaults: &[(&str, &str)]) -> J {
        let names = |list: &[&str]| arr(list.iter().map(|n| named(n)).collect());
        obj(vec![
            ("Id", s("tpl-1")),
            ("Name", s("Refund request")),
            ("Status", s(status)),
            ("Fields", arr(vec![
                field("Name", "NAME", &[]),
                field("Description", "DESCRIPTION", &[]),
                field("Order URL", "URL", &[]),
                field("Amount", "NUMBER", &[]),
                field("Due", "DATE_TIME", &[]),
                field("Reason", "SINGLE_SELECT", &["Damaged", "Late delivery", "Other"]),
                field("Urgent", "BOOLEAN", &[]),
                field("Notes", "TEXT", &[]),
                field("Queue", "QUICK_CONNECT", &[]),
                field("Self assign", "SELF_ASSIGN", &[]),
            ])),
            ("Constraints", obj(vec![
                ("RequiredFields", names(required)),
                ("ReadOnlyFields", names(read_only)),
                ("InvisibleFields", names(invisible)),
            ])),
            ("Defaults", obj(vec![(
                "DefaultFieldValues",
                arr(defaults.iter().map(|(n, v)| obj(vec![("Id", obj(vec![("Name", s(n))])), ("DefaultValue", s(v))])).collect()),
            )])),
        ])
    }

    fn active() -> J {
        template("ACTIVE", &["Name", "Order URL", "Amount"], &[], &[], &[])
    }

    fn reference(kind: &str, value: J) -> J {
        obj(vec![("type", s(kind)), ("value", value)])
    }

    fn task(references: Vec<(&str, J)>) -> J {
        obj(vec![("name", s("Refund")), ("taskTemplateId", s("tpl-1")), ("references", obj(references))])
    }

    fn good_references() -> Vec<(&'static str, J)> {
        vec![("Order URL", reference("URL", s("https://shop/1"))), ("Amount", reference("NUMBER", J::Num(12.5)))]
    }

    fn problems(task: &J, template: &J) -> Vec<(String, String)> {
        validate_task(&Model, task, template, NOW).unwrap().into_iter().map(|e| (e.field, e.message)).collect()
    }

    fn fields(task: &J, template: &J) -> Vec<String> {
        problems(task, template).into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_task_that_satisfies_the_template_has_no_problems() {
        assert_eq!(problems(&task(good_references()), &active()), []);
        let mut refs = good_references();
        refs.extend([
            ("Due", reference("DATE", s("1700000000"))),
            ("Reason", reference("STRING", s("Other"))),
            ("Urgent", reference("STRING", s("false"))),
            ("Notes", reference("STRING", s("fragile"))),
            ("Unknown to the template", reference("STRING", s("kept"))),
        ]);
        assert_eq!(problems(&task(refs), &active()), []);
    }

    #[test]
    fn status_and_template_id() {
        let inactive = template("INACTIVE", &[], &[], &[], &[]);
        assert_eq!(problems(&task(vec![]), &inactive), [(
            "taskTemplateId".to_owned(),
            "taskTemplateId must name an ACTIVE template (template \"Refund request\" is INACTIVE)".to_owned()
        )]);
        let other = obj(vec![("name", s("n")), ("taskTemplateId", s("tpl-2")), ("references", obj(good_references()))]);
        assert_eq!(problems(&other, &active()), [("taskTemplateId".to_owned(), "taskTemplateId must be the template's Id, tpl-1".to_owned())]);
    }

    #[test]
    fn required_fields_need_values() {
        let got = problems(&obj(vec![("taskTemplateId", s("tpl-1")), ("name", s(""))]), &active());
        assert_eq!(got, [
            ("name".to_owned(), "name is required by template field \"Name\"".to_owned()),
            ("references.Order URL".to_owned(), "references.Order URL is required by template field \"Order URL\"".to_owned()),
            ("references.Amount".to_owned(), "references.Amount is required by template field \"Amount\"".to_owned()),
        ]);
        // A reference without a value, or with an empty one, has none.
        let t = task(vec![("Order URL", reference("URL", s(""))), ("Amount", obj(vec![("type", s("NUMBER"))]))]);
        assert_eq!(fields(&t, &active()), ["references.Order URL", "references.Amount"]);
    }

    #[test]
    fn read_only_fields_keep_their_default_and_invisible_ones_stay_unset() {
        let t = template("ACTIVE", &[], &["Reason", "Amount", "Queue"], &["Notes"], &[("Reason", "Damaged"), ("Amount", "10"), ("Queue", "qc-1")]);
        let endpoint = |arn: &str| obj(vec![("endpointARN", s(arn))]);
        let ok = obj(vec![
            ("name", s("n")),
            ("taskTemplateId", s("tpl-1")),
            ("endpoint", endpoint("arn:aws:connect:::instance/i/transfer-destination/qc-1")),
            ("references", obj(vec![("Reason", reference("STRING", s("Damaged"))), ("Amount", reference("NUMBER", J::Num(10.0)))])),
        ]);
        assert_eq!(problems(&ok, &t), []);
        let bad = obj(vec![
            ("name", s("n")),
            ("taskTemplateId", s("tpl-1")),
            ("endpoint", endpoint("a/qc-2")),
            ("references", obj(vec![
                ("Reason", reference("STRING", s("Other"))),
                ("Amount", reference("NUMBER", s("11"))),
                ("Notes", reference("STRING", s("hidden"))),
            ])),
        ]);
        assert_eq!(problems(&bad, &t), [
            ("references.Amount".to_owned(), "references.Amount must be left as template field \"Amount\"'s default, 10 (the field is read-only)".to_owned()),
            ("references.Reason".to_owned(), "references.Reason must be left as template field \"Reason\"'s default, Damaged (the field is read-only)".to_owned()),
            ("references.Notes".to_owned(), "references.Notes must not be set: template field \"Notes\" is invisible".to_owned()),
            ("endpoint".to_owned(), "endpoint must be left as template field \"Queue\"'s default, qc-1 (the field is read-only)".to_owned()),
        ]);
    }

    #[test]
    fn references_have_their_fields_type_and_kind_of_value() {
        let mut refs = good_references();
        refs.extend([
            ("Due", reference("STRING", s("tomorrow"))),
            ("Reason", reference("STRING", s("Broken"))),
            ("Urgent", reference("STRING", s("yes"))),
            ("Notes", reference("URL", s(&"n".repeat(512)))),
        ]);
        refs[1] = ("Amount", reference("STRING", s("twelve")));
        assert_eq!(problems(&task(refs), &active()), [
            ("references.Amount.type".to_owned(), "references.Amount.type must be NUMBER for template field \"Amount\"".to_owned()),
            ("references.Amount.value".to_owned(), "references.Amount.value must be a number for template field \"Amount\"".to_owned()),
            ("references.Due.type".to_owned(), "references.Due.type must be DATE for template field \"Due\"".to_owned()),
            ("references.Due.value".to_owned(), "references.Due.value must be epoch seconds (a number) for template field \"Due\"".to_owned()),
            ("references.Reason.value".to_owned(), "references.Reason.value must be one of Damaged, Late delivery, Other for template field \"Reason\"".to_owned()),
            ("references.Urgent.value".to_owned(), "references.Urgent.value must be true or false for template field \"Urgent\"".to_owned()),
            ("references.Notes.type".to_owned(), "references.Notes.type must be STRING for template field \"Notes\"".to_owned()),
            ("references.Notes.value".to_owned(), "references.Notes.value must be fewer than 512 characters for template field \"Notes\" (a TEXT field)".to_owned()),
        ]);
    }

    #[test]
    fn what_create_task_checks_is_reported_too() {
        let mut t = task(good_references());
        if let J::Obj(entries, _) = &mut t {
            std::rc::Rc::make_mut(entries).push(("description".into(), J::Str("d".repeat(4097))));
        }
        assert_eq!(fields(&t, &active()), ["description"]);
        // Capitalised keys (as createTask sends a templated task) are read too.
        let upper = obj(vec![("Name", s("n")), ("TaskTemplateId", s("tpl-1")), ("References", obj(good_references()))]);
        assert_eq!(fields(&upper, &active()), ["name"], "createTask itself needs the lower-case name");
    }

    #[test]
    fn fields_without_documented_rules_are_not_checked() {
        // SELF_ASSIGN, EXPIRY_DURATION and unknown types: required, read-only or invisible, no
        // rule of ours applies (the service's documentation does not say how they are given).
        let fields = arr(vec![field("Self assign", "SELF_ASSIGN", &[]), field("Expiry", "EXPIRY_DURATION", &[]), field("New", "SOMETHING_NEW", &[])]);
        let names = arr(vec![named("Self assign"), named("Expiry"), named("New")]);
        let t = obj(vec![
            ("Id", s("tpl-1")), ("Status", s("ACTIVE")), ("Fields", fields),
            ("Constraints", obj(vec![("RequiredFields", names.clone()), ("ReadOnlyFields", names.clone()), ("InvisibleFields", names)])),
        ]);
        assert_eq!(problems(&task(vec![]), &t), []);
        let set = task(vec![("Self assign", reference("STRING", s("x"))), ("Expiry", reference("NUMBER", J::Num(5.0)))]);
        assert_eq!(problems(&set, &t), []);
    }

    #[test]
    fn a_quick_connect_is_given_as_endpoint_or_as_quick_connect_id() {
        let required = template("ACTIVE", &["Queue"], &[], &[], &[]);
        let with = |key: &str, v: J| obj(vec![("name", s("n")), ("taskTemplateId", s("tpl-1")), (key, v)]);
        assert_eq!(problems(&with("quickConnectId", s("qc-1")), &required), []);
        assert_eq!(problems(&with("QuickConnectId", s("qc-1")), &required), []);
        assert_eq!(fields(&with("quickConnectId", s("")), &required), ["quickConnectId"]);
        assert_eq!(fields(&obj(vec![("name", s("n")), ("taskTemplateId", s("tpl-1"))]), &required), ["endpoint"]);
        let read_only = template("ACTIVE", &[], &["Queue"], &[], &[("Queue", "qc-1")]);
        assert_eq!(problems(&with("quickConnectId", s("qc-1")), &read_only), []);
        assert_eq!(fields(&with("quickConnectId", s("qc-2")), &read_only), ["quickConnectId"]);
        let invisible = template("ACTIVE", &[], &[], &["Queue"], &[]);
        assert_eq!(fields(&with("quickConnectId", s("qc-1")), &invisible), ["quickConnectId"]);
    }

    #[test]
    fn numbers_compare_as_numbers_in_whichever_form() {
        let t = template("ACTIVE", &[], &["Amount"], &[], &[("Amount", "19.990")]);
        for v in [J::Num(19.99), s("19.99"), s("19.990"), s("1.999e1")] {
            assert_eq!(problems(&task(vec![("Amount", reference("NUMBER", v.clone()))]), &t), [], "{v:?}");
        }
        assert_eq!(fields(&task(vec![("Amount", reference("NUMBER", s("20")))]), &t), ["references.Amount"]);
    }

    #[test]
    fn a_single_select_without_options_says_so() {
        let t = obj(vec![("Id", s("tpl-1")), ("Status", s("ACTIVE")), ("Fields", arr(vec![field("Pick", "SINGLE_SELECT", &[])]))]);
        let got = problems(&task(vec![("Pick", reference("STRING", s("a")))]), &t);
        assert_eq!(got, [("references.Pick.value".to_owned(), "references.Pick.value cannot be set: template field \"Pick\" is a SINGLE_SELECT field with no options".to_owned())]);
    }

    #[test]
    fn each_field_is_read_once() {
        use crate::core::input::model::{Thrown, J as V};
        use std::cell::RefCell;
        // Counts every read of a field of the task (entries and property access alike).
        struct Counting(RefCell<Vec<String>>);
        impl Input for Counting {
            type Value = V;
            type Error = Thrown;
            fn kind(&self, v: &V) -> Kind { Model.kind(v) }
            fn get(&self, v: &V, key: &str) -> Result<V, Thrown> { self.0.borrow_mut().push(key.into()); Model.get(v, key) }
            fn entries(&self, v: &V) -> Result<Vec<(V, V)>, Thrown> {
                let entries = Model.entries(v)?;
                self.0.borrow_mut().extend(entries.iter().map(|(k, _)| Model.text(k, 99)));
                Ok(entries)
            }
            fn text(&self, v: &V, max: usize) -> String { Model.text(v, max) }
            fn upper_case(&self, t: &str) -> String { Model.upper_case(t) }
            fn number(&self, v: &V) -> f64 { Model.number(v) }
            fn parse_number(&self, t: &str) -> f64 { Model.parse_number(t) }
            fn class_name(&self, v: &V) -> String { Model.class_name(v) }
        }
        let counting = Counting(RefCell::new(Vec::new()));
        let mut t = task(good_references());
        if let V::Obj(entries, _) = &mut t {
            std::rc::Rc::make_mut(entries).push(("attributes".into(), obj(vec![("a", s("b"))])));
        }
        let template = active();
        validate_task(&counting, &t, &template, NOW).unwrap();
        let reads = counting.0.borrow();
        // The template's own fields are read as well: count only the task's.
        for key in ["name", "taskTemplateId", "references", "Order URL", "Amount", "attributes", "a"] {
            assert_eq!(reads.iter().filter(|k| *k == key).count(), 1, "{key} in {reads:?}");
        }
    }

    #[test]
    fn what_is_not_a_template_or_a_task_is_refused() {
        for bad in [J::Null, s("tpl-1"), obj(vec![("Name", s("no id"))]), arr(vec![])] {
            assert_eq!(validate_task(&Model, &task(vec![]), &bad, NOW), Err(TemplateError::NotATemplate));
        }
        for bad in [J::Undefined, s("task"), arr(vec![])] {
            assert_eq!(validate_task(&Model, &bad, &active(), NOW), Err(TemplateError::NotATask));
        }
    }

    #[test]
    fn the_template_is_read_as_the_service_gives_it() {
        let t = read_template(&Model, &template("ACTIVE", &["Name"], &["Reason"], &["Notes"], &[("Reason", "Damaged")])).unwrap();
        assert_eq!((t.id.as_str(), t.name.as_str(), t.status.as_deref()), ("tpl-1", "Refund request", Some("ACTIVE")));
        assert_eq!(t.fields.len(), 10);
        assert_eq!(t.fields[5], TemplateField { name: "Reason".into(), kind: FieldType::SingleSelect, options: vec!["Damaged".into(), "Late delivery".into(), "Other".into()] });
        assert_eq!(t.fields[9].kind, FieldType::Other);
        let names = |name: &str| Names::from_iter([(name.to_owned(), 0)]);
        assert_eq!((t.required, t.read_only, t.invisible), (names("Name"), names("Reason"), names("Notes")));
        assert_eq!((t.defaults, t.default_values), (names("Reason"), vec!["Damaged".to_owned()]));
    }

    proptest! {
        // Whatever the task, every problem names a field, and its message starts with that field.
        #[test]
        fn problems_name_their_field(name in "[a-z]{0,3}", amount in prop_oneof![Just(J::Num(1.0)), Just(s("x")), Just(J::Null)],
            kind in prop::sample::select(vec!["URL", "NUMBER", "STRING", "DATE"]), id in prop::sample::select(vec!["tpl-1", "tpl-2"])) {
            let t = obj(vec![("name", s(&name)), ("taskTemplateId", s(id)), ("references", obj(vec![("Amount", reference(kind, amount))]))]);
            let got = validate_task(&Model, &t, &active(), NOW).unwrap();
            for e in &got {
                prop_assert!(e.message.starts_with(&e.field), "{:?}", e);
            }
            prop_assert_eq!(got.is_empty(), false, "Order URL is always missing here");
        }
    }
}
