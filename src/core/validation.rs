//! The documented Amazon Connect limits, checked before anything is sent.
//!
//! Conventions:
//! - a field is "present" when its value is neither undefined nor null;
//! - a field may be spelled lower-case or capitalised ([`Key`]); every present spelling is
//!   checked, and error paths use the lower-case spelling;
//! - lengths are UTF-16 code units, like JavaScript's `.length`;
//! - the first violation found (in key order within references) is reported;
//! - every object is read once ([`read_object`], [`read_parts`]), and what is checked is what
//!   is sent.

use super::errors::{RequestError, ValidationError};
use super::input::{Input, Kind};
use super::params::{keys, Field, Key, Params};

/// The values of `connect.ReferenceType`.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceType {
    URL,
    EMAIL,
    NUMBER,
    STRING,
    DATE,
}

impl ReferenceType {
    pub const ALL: [ReferenceType; 5] =
        [ReferenceType::URL, ReferenceType::EMAIL, ReferenceType::NUMBER, ReferenceType::STRING, ReferenceType::DATE];

    /// Its name, which is also its value in `connect.ReferenceType`.
    pub fn name(self) -> &'static str {
        match self {
            ReferenceType::URL => "URL",
            ReferenceType::EMAIL => "EMAIL",
            ReferenceType::NUMBER => "NUMBER",
            ReferenceType::STRING => "STRING",
            ReferenceType::DATE => "DATE",
        }
    }

    /// NUMBER and DATE take numbers; the others strings.
    pub fn is_numeric(self) -> bool {
        matches!(self, ReferenceType::NUMBER | ReferenceType::DATE)
    }

    fn named(name: &str) -> Option<ReferenceType> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

pub const NAME_MAX: usize = 512;
pub const DESCRIPTION_MAX: usize = 4096;
pub const REFERENCE_VALUE_MAX: usize = 4096;
/// Any key of an object the core copies (a task's, an endpoint's, a reference's, including a
/// reference's name).
pub const KEY_MAX: usize = 4096;
/// The longest `endpoint.endpointARN` read for a quick connect id (the length of an ARN).
pub const ARN_MAX: usize = 2048;
pub const MAX_RESULTS_MAX: f64 = 100.0;
/// How far ahead `scheduledTime` may be (StartTaskContact): 6 days, in seconds.
pub const SCHEDULE_AHEAD_MAX: f64 = 6.0 * 24.0 * 3600.0;
/// How deep `references` may nest inside references (the JavaScript library normalises
/// nested ones too, by recursion).
pub const NESTING_MAX: usize = 16;
/// How much of an over-long key an error shows.
const KEY_SHOWN: usize = 32;
/// A contact id (`previousContactId`, `relatedContactId`): 1 to 256 characters.
pub const CONTACT_ID_MAX: usize = 256;
/// An idempotency token (StartTaskContact's `ClientToken`): 1 to 500 characters.
pub const TOKEN_MAX: usize = 500;
/// An attribute's key and its value (StartTaskContact's `Attributes`).
pub const ATTRIBUTE_MAX: usize = 32767;
/// All attributes together, keys and values, in UTF-8 bytes.
pub const ATTRIBUTES_BYTES_MAX: usize = 32768;

/// Reads object `v` once: its entries as the caller's values. Keys longer than [`KEY_MAX`]
/// are refused (named by their start) before they are copied. `path` names the object in
/// errors; `what` names its keys.
pub fn read_object<I: Input>(
    input: &I,
    v: &I::Value,
    path: &str,
    what: &str,
) -> Result<Params<I::Value>, RequestError<I::Error>> {
    read_object_up_to(input, v, path, what, KEY_MAX)
}

/// [`read_object`], with keys of up to `max` characters.
fn read_object_up_to<I: Input>(
    input: &I,
    v: &I::Value,
    path: &str,
    what: &str,
    max: usize,
) -> Result<Params<I::Value>, RequestError<I::Error>> {
    let mut out = Params::default();
    for (key, value) in input.entries(v).map_err(RequestError::Threw)? {
        let len = match input.kind(&key) {
            Kind::String(len) => len,
            _ => 0,
        };
        if len > max {
            // Named by its start: the whole key may be megabytes.
            let dot = if path.is_empty() { "" } else { "." };
            let field = [path, dot, &input.text(&key, KEY_SHOWN), "…"].concat();
            return Err(too_long(&field, &[": ", what].concat(), max, len).into());
        }
        out.set(input.text(&key, len), Field::Same(value));
    }
    Ok(out)
}

/// Reads, once, the objects inside a task that the rules look into, in place of the caller's
/// values: each spelling of `references` and each reference in it, `endpoint`, and each
/// spelling of `attributes` when it is a plain object. What is not an object stays as it is
/// (the checks then report it). A part already read is left as it is.
pub fn read_parts<I: Input>(input: &I, task: &mut Params<I::Value>) -> Result<(), RequestError<I::Error>> {
    for key in [keys::REFERENCES, keys::ENDPOINT, keys::ATTRIBUTES] {
        read_part(input, task, key)?;
    }
    Ok(())
}

/// [`read_parts`], for the part under `key` (the endpoint in its lower-case spelling only, as
/// createTask reads it).
fn read_part<I: Input>(input: &I, task: &mut Params<I::Value>, key: Key) -> Result<(), RequestError<I::Error>> {
    let spellings = if key == keys::ENDPOINT { &key.spellings()[..1] } else { &key.spellings()[..] };
    for spelling in spellings {
        let Some(Field::Same(v)) = task.get(spelling) else { continue };
        let kind = input.kind(v);
        let read = if key == keys::REFERENCES && kind == Kind::Object {
            let mut references = read_object(input, v, key.lower, "name")?;
            for (name, entry) in references.values_mut() {
                if let Field::Same(e) = entry {
                    if input.kind(e) == Kind::Object {
                        let path = [key.lower, ".", name].concat();
                        *entry = Field::Object(read_object(input, e, &path, "key")?);
                    }
                }
            }
            references
        } else if key == keys::ENDPOINT && kind.is_object() {
            read_object(input, v, key.lower, "key")?
        } else if key == keys::ATTRIBUTES && kind == Kind::Object && input.class_name(v) == "Object" {
            read_object_up_to(input, v, key.lower, "key", ATTRIBUTE_MAX)?
        } else {
            continue;
        };
        task.set((*spelling).into(), Field::Object(read));
    }
    Ok(())
}

/// Checks the fields of a task (createTask, updateContact) in order, reading each part when it
/// comes to it ([`read_parts`]): name, description, references, scheduledTime (`now` in epoch
/// seconds), the linked contacts' ids and attributes.
pub fn check_task<I: Input>(input: &I, task: &mut Params<I::Value>, now: f64) -> Result<(), RequestError<I::Error>> {
    for v in present(input, task, keys::NAME) {
        check_string(input, v, keys::NAME.lower, NAME_MAX)?;
    }
    for v in present(input, task, keys::DESCRIPTION) {
        check_string(input, v, keys::DESCRIPTION.lower, DESCRIPTION_MAX)?;
    }
    read_part(input, task, keys::REFERENCES)?;
    for references in parts(input, task, keys::REFERENCES) {
        check_references(input, references.ok_or_else(|| invalid(keys::REFERENCES.lower, "must be an object"))?)?;
    }
    for v in present(input, task, keys::SCHEDULED_TIME) {
        let field = keys::SCHEDULED_TIME.lower;
        match input.kind(v) {
            Kind::Number(n) if n.is_finite() => {
                if n > now + SCHEDULE_AHEAD_MAX {
                    return Err(invalid(field, "must be at most 6 days (518400 seconds) from now").into());
                }
            }
            _ => return Err(invalid(field, "must be a finite number (epoch seconds)").into()),
        }
    }
    for key in [keys::PREVIOUS_CONTACT_ID, keys::RELATED_CONTACT_ID] {
        for v in present(input, task, key) {
            check_text(input, v, key.lower, CONTACT_ID_MAX)?;
        }
    }
    read_part(input, task, keys::ATTRIBUTES)?;
    for attributes in parts(input, task, keys::ATTRIBUTES) {
        match attributes {
            Some(attributes) => check_attributes(input, attributes)?,
            None => {
                let v = task.value(keys::ATTRIBUTES.lower).or(task.value(keys::ATTRIBUTES.upper));
                let class = v.filter(|v| input.kind(v) == Kind::Object).map(|v| input.class_name(v));
                let got = class.map(|c| [" (got a ", &c, ")"].concat()).unwrap_or_default();
                return Err(invalid(keys::ATTRIBUTES.lower, &["must be a plain object of strings", &got].concat()).into());
            }
        }
    }
    read_part(input, task, keys::ENDPOINT)
}

/// The caller's own idempotency token: a string of 1 to 500 characters, given once (in one
/// spelling). Returns it, if given.
pub fn own_token<'a, I: Input>(input: &I, task: &'a Params<I::Value>) -> Result<Option<&'a I::Value>, ValidationError> {
    let key = keys::IDEMPOTENCY_TOKEN;
    let Some(token) = first(input, task, key) else { return Ok(None) };
    if present(input, task, key).count() > 1 {
        return Err(invalid(key.lower, "is given twice, as idempotencyToken and IdempotencyToken: give it once"));
    }
    check_text(input, token, key.lower, TOKEN_MAX)?;
    Ok(Some(token))
}

/// Contact attributes: an object of strings; each key 1 to 32767 letters, digits, `-` and `_`,
/// each value at most 32767 characters, and all of them at most 32768 bytes of UTF-8 (counted
/// until the limit is passed).
fn check_attributes<I: Input>(input: &I, attributes: &Params<I::Value>) -> Result<(), ValidationError> {
    let mut bytes = 0;
    for (key, value) in attributes.iter() {
        let field = [keys::ATTRIBUTES.lower, ".", key].concat();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(invalid(&field, "must be named with letters, digits, - and _ only (1 to 32767 of them)"));
        }
        let Field::Same(value) = value else { continue };
        check_string(input, value, &field, ATTRIBUTE_MAX)?;
        let Kind::String(len) = input.kind(value) else { continue };
        bytes += key.len() + input.text(value, len).len();
        if bytes > ATTRIBUTES_BYTES_MAX {
            let max = ATTRIBUTES_BYTES_MAX.to_string();
            let message = ["attributes must be at most ", &max, " bytes of UTF-8 in all, keys and values (got more by attributes.", key, ")"];
            return Err(ValidationError { field: keys::ATTRIBUTES.lower.into(), message: message.concat() });
        }
    }
    Ok(())
}

/// Checks listTaskTemplates query params: maxResults and status.
pub fn check_query<I: Input>(input: &I, query: &Params<I::Value>) -> Result<(), ValidationError> {
    for v in present(input, query, keys::MAX_RESULTS) {
        let ok = matches!(input.kind(v), Kind::Number(n)
            if (1.0..=MAX_RESULTS_MAX).contains(&n) && n.fract() == 0.0);
        if !ok {
            return Err(invalid("queryParams.maxResults", "must be an integer from 1 to 100"));
        }
    }
    for v in present(input, query, keys::STATUS) {
        if status(input, v).is_none() {
            return Err(invalid("queryParams.status", "must be ACTIVE or INACTIVE"));
        }
    }
    Ok(())
}

/// `ACTIVE`/`INACTIVE` for a status string given in any ASCII case; `None` otherwise.
pub fn status<I: Input>(input: &I, v: &I::Value) -> Option<&'static str> {
    let Kind::String(len @ ..=8) = input.kind(v) else { return None };
    let text = input.text(v, len);
    ["ACTIVE", "INACTIVE"].into_iter().find(|c| c.eq_ignore_ascii_case(&text))
}

/// The quick connect id of a templated task's endpoint (as [`read_parts`] read it): the part
/// of `endpointARN` after the last `/` (the whole ARN when it has none).
pub fn quick_connect_id<I: Input>(input: &I, endpoint: &Field<I::Value>) -> Result<String, ValidationError> {
    const FIELD: &str = "endpoint.endpointARN";
    let arn = match endpoint {
        Field::Object(endpoint) => endpoint.value("endpointARN"),
        _ => None,
    };
    match arn.map(|arn| (arn, input.kind(arn))) {
        Some((_, Kind::String(len))) if len > ARN_MAX => Err(too_long(FIELD, "", ARN_MAX, len)),
        Some((arn, Kind::String(len))) => {
            let arn = input.text(arn, len);
            // (Not by slicing at an index: that would link a panic path that formats chars.)
            Ok(arn.rsplit_once('/').map_or(arn.as_str(), |(_, id)| id).to_owned())
        }
        _ => Err(invalid(FIELD, STRING_MSG)),
    }
}

/// The present values among both spellings of `key`, lower-case first.
pub fn present<'a, I: Input>(input: &'a I, obj: &'a Params<I::Value>, key: Key) -> impl Iterator<Item = &'a I::Value> + 'a {
    key.spellings().into_iter().filter_map(move |k| obj.value(k)).filter(move |v| input.kind(v).is_present())
}

/// The first present value among both spellings of `key`.
pub fn first<'a, I: Input>(input: &I, obj: &'a Params<I::Value>, key: Key) -> Option<&'a I::Value> {
    key.spellings().into_iter().filter_map(|k| obj.value(k)).find(|v| input.kind(v).is_present())
}

/// The parts [`read_parts`] read under both spellings of `key`: `Some` for an object it read,
/// `None` for a present value that is not one.
pub fn parts<'a, I: Input>(input: &'a I, obj: &'a Params<I::Value>, key: Key) -> impl Iterator<Item = Option<&'a Params<I::Value>>> + 'a {
    key.spellings().into_iter().filter_map(move |k| match obj.get(k)? {
        Field::Object(read) => Some(Some(read)),
        Field::Same(v) if input.kind(v).is_present() => Some(None),
        _ => None,
    })
}

fn check_references<I: Input>(input: &I, references: &Params<I::Value>) -> Result<(), ValidationError> {
    for (name, entry) in references.iter() {
        if name.is_empty() {
            return Err(invalid(keys::REFERENCES.lower, "names must be at least 1 character (got an empty name)"));
        }
        let path = [keys::REFERENCES.lower, ".", name].concat();
        match entry {
            Field::Object(entry) => check_reference(input, entry, &path)?,
            _ => return Err(invalid(&path, "must be an object")),
        }
    }
    Ok(())
}

fn check_reference<I: Input>(input: &I, entry: &Params<I::Value>, path: &str) -> Result<(), ValidationError> {
    let type_field = [path, ".type"].concat();
    let mut kind = None;
    for t in present(input, entry, keys::TYPE) {
        let Some(known) = reference_type(input, t) else {
            return Err(invalid(&type_field, TYPE_MSG));
        };
        kind.get_or_insert(known);
    }
    let Some(kind) = kind else {
        return Err(invalid(&type_field, TYPE_MSG));
    };
    let field = [path, ".value"].concat();
    let mut seen = false;
    for v in present(input, entry, keys::VALUE) {
        seen = true;
        if kind.is_numeric() {
            if !is_numeric(input, v) {
                return Err(invalid(&field, NUMERIC_MSG));
            }
        } else {
            check_string(input, v, &field, REFERENCE_VALUE_MAX)?;
        }
    }
    if !seen {
        return Err(invalid(&field, if kind.is_numeric() { NUMERIC_MSG } else { STRING_MSG }));
    }
    Ok(())
}

/// The reference type `v` names, if it is one.
pub fn reference_type<I: Input>(input: &I, v: &I::Value) -> Option<ReferenceType> {
    match input.kind(v) {
        Kind::String(len @ ..=8) => ReferenceType::named(&input.text(v, len)),
        _ => None,
    }
}

const TYPE_MSG: &str = "must be one of URL, EMAIL, NUMBER, STRING, DATE";
const NUMERIC_MSG: &str = "must be a finite number or a decimal number string";
const STRING_MSG: &str = "must be a string";

/// A finite number, or a string of at most 4096 characters that is a plain decimal number
/// ([`is_decimal`]) and does not round to infinity.
pub fn is_numeric<I: Input>(input: &I, v: &I::Value) -> bool {
    number(input, v).is_some()
}

/// The number `v` is: a finite number, or a decimal number string ([`is_numeric`]).
pub fn number<I: Input>(input: &I, v: &I::Value) -> Option<f64> {
    let n = match input.kind(v) {
        Kind::Number(n) => n,
        Kind::String(len) if len <= REFERENCE_VALUE_MAX && is_decimal(&input.text(v, len)) => input.number(v),
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// An optional sign, digits with an optional fraction (at least one digit in all), and an
/// optional exponent: "42", "-1.5", ".5", "5.", "1e3". No spaces, hex, "NaN" or "Infinity".
pub fn is_decimal(s: &str) -> bool {
    let mut b = s.as_bytes();
    let digits = |b: &mut &[u8]| {
        let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
        *b = &b[n..];
        n
    };
    if let [b'+' | b'-', rest @ ..] = b {
        b = rest;
    }
    let mut mantissa = digits(&mut b);
    if let [b'.', rest @ ..] = b {
        b = rest;
        mantissa += digits(&mut b);
    }
    if mantissa == 0 {
        return false;
    }
    if let [b'e' | b'E', rest @ ..] = b {
        b = rest;
        if let [b'+' | b'-', rest @ ..] = b {
            b = rest;
        }
        if digits(&mut b) == 0 {
            return false;
        }
    }
    b.is_empty()
}

fn check_string<I: Input>(input: &I, v: &I::Value, field: &str, max: usize) -> Result<(), ValidationError> {
    match input.kind(v) {
        Kind::String(len) if len > max => Err(too_long(field, "", max, len)),
        Kind::String(_) => Ok(()),
        _ => Err(invalid(field, STRING_MSG)),
    }
}

/// [`check_string`], and not empty.
fn check_text<I: Input>(input: &I, v: &I::Value, field: &str, max: usize) -> Result<(), ValidationError> {
    check_string(input, v, field, max)?;
    if input.kind(v) == Kind::String(0) {
        return Err(invalid(field, "must be at least 1 character"));
    }
    Ok(())
}

pub fn invalid(field: &str, rule: &str) -> ValidationError {
    ValidationError { field: field.into(), message: [field, " ", rule].concat() }
}

/// "<field><what> must be at most <max> characters (got <len>)"
fn too_long(field: &str, what: &str, max: usize, len: usize) -> ValidationError {
    let message = [field, what, " must be at most ", &max.to_string(), " characters (got ", &len.to_string(), ")"];
    ValidationError { field: field.into(), message: message.concat() }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::input::model::{arr, derived, obj, s, Model, Thrown, J};
    use proptest::prelude::*;

    const NOW: f64 = 1_700_000_000.0;

    fn x(n: usize) -> J {
        J::Str("x".repeat(n))
    }

    fn reference(ty: &str, value: J) -> J {
        obj(vec![("type", s(ty)), ("value", value)])
    }

    fn task_with_ref(name: &str, r: J) -> J {
        obj(vec![("name", s("t")), ("references", obj(vec![(name, r)]))])
    }

    fn check(task: &J) -> Result<(), ValidationError> {
        let mut entries = read_object(&Model, task, "", "key").map_err(expect_invalid)?;
        check_task(&Model, &mut entries, NOW).map_err(expect_invalid)
    }

    fn query(q: &J) -> Result<(), ValidationError> {
        let entries = read_object(&Model, q, "queryParams", "key").map_err(expect_invalid)?;
        check_query(&Model, &entries)
    }

    fn expect_invalid(e: RequestError<Thrown>) -> ValidationError {
        match e {
            RequestError::Invalid(e) => e,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn field(r: Result<(), ValidationError>) -> String {
        r.expect_err("expected a validation error").field
    }

    #[test]
    fn name_boundary_512_in_utf16_units() {
        assert!(check(&obj(vec![("name", x(512))])).is_ok());
        let e = check(&obj(vec![("name", x(513))])).unwrap_err();
        assert_eq!(e.field, "name");
        assert_eq!(e.message, "name must be at most 512 characters (got 513)");
        assert!(check(&obj(vec![("name", J::Str("😀".repeat(256)))])).is_ok());
        assert!(check(&obj(vec![("name", J::Str("😀".repeat(256) + "a"))])).is_err());
    }

    #[test]
    fn capitalised_spelling_is_checked_too() {
        assert_eq!(field(check(&obj(vec![("Name", x(513))]))), "name");
        let e = check(&obj(vec![("name", x(1)), ("Name", x(600))])).unwrap_err();
        assert_eq!(e.message, "name must be at most 512 characters (got 600)");
        assert_eq!(field(check(&obj(vec![("Description", x(4097))]))), "description");
    }

    #[test]
    fn name_and_description_must_be_strings() {
        for bad in [J::Num(1.0), J::Bool(true), J::Func("f"), obj(vec![]), arr(vec![])] {
            assert_eq!(check(&obj(vec![("name", bad.clone())])).unwrap_err().message, "name must be a string");
            assert_eq!(check(&obj(vec![("description", bad)])).unwrap_err().message, "description must be a string");
        }
        assert!(check(&obj(vec![("name", J::Null), ("description", J::Undefined)])).is_ok());
    }

    #[test]
    fn description_boundary_4096() {
        assert!(check(&obj(vec![("description", x(4096))])).is_ok());
        let e = check(&obj(vec![("description", x(4097))])).unwrap_err();
        assert_eq!(e.message, "description must be at most 4096 characters (got 4097)");
    }

    #[test]
    fn references_must_be_an_object() {
        for bad in [arr(vec![]), s("x"), J::Num(3.0), J::Bool(true)] {
            let e = check(&obj(vec![("references", bad.clone())])).unwrap_err();
            assert_eq!((e.field.as_str(), e.message.as_str()), ("references", "references must be an object"));
            assert_eq!(field(check(&obj(vec![("References", bad)]))), "references");
        }
        assert!(check(&obj(vec![("references", J::Null)])).is_ok());
        assert!(check(&obj(vec![("references", obj(vec![]))])).is_ok());
    }

    #[test]
    fn reference_names_are_1_to_4096_characters() {
        assert!(check(&task_with_ref(&"n".repeat(4096), reference("URL", s("u")))).is_ok());
        let e = check(&task_with_ref(&"n".repeat(4097), reference("URL", s("u")))).unwrap_err();
        let shown = format!("references.{}…", "n".repeat(32));
        assert_eq!(e.field, shown);
        assert_eq!(e.message, format!("{shown}: name must be at most 4096 characters (got 4097)"));
        let e = check(&task_with_ref("", reference("URL", s("u")))).unwrap_err();
        assert_eq!(e.field, "references");
        assert!(e.message.contains("at least 1 character"), "{}", e.message);
    }

    #[test]
    fn other_keys_are_at_most_4096_characters() {
        let long = "k".repeat(4097);
        let e = check(&obj(vec![(long.as_str(), s("v"))])).unwrap_err();
        assert_eq!(e.field, format!("{}…", "k".repeat(32)));
        assert_eq!(e.message, format!("{}…: key must be at most 4096 characters (got 4097)", "k".repeat(32)));
        let e = check(&task_with_ref("r", obj(vec![("type", s("URL")), ("value", s("u")), (long.as_str(), J::Null)])))
            .unwrap_err();
        assert!(e.field.starts_with("references.r.kkk"), "{}", e.field);
    }

    #[test]
    fn reference_entry_must_be_an_object() {
        for bad in [s("x"), J::Null, arr(vec![]), J::Num(3.0)] {
            let e = check(&task_with_ref("ticket", bad)).unwrap_err();
            assert_eq!((e.field.as_str(), e.message.as_str()), ("references.ticket", "references.ticket must be an object"));
        }
    }

    #[test]
    fn reference_types() {
        for ty in ["URL", "EMAIL", "STRING"] {
            assert!(check(&task_with_ref("r", reference(ty, s("v")))).is_ok(), "{ty}");
        }
        for ty in ["NUMBER", "DATE"] {
            assert!(check(&task_with_ref("r", reference(ty, s("1")))).is_ok(), "{ty}");
        }
        for bad in ["url", "PHONE", "", " URL", "STRINGSTRING"] {
            let e = check(&task_with_ref("ticket", reference(bad, s("v")))).unwrap_err();
            assert_eq!(e.field, "references.ticket.type");
            assert_eq!(e.message, "references.ticket.type must be one of URL, EMAIL, NUMBER, STRING, DATE");
        }
        assert_eq!(field(check(&task_with_ref("t", obj(vec![("value", s("v"))])))), "references.t.type");
        let numeric_type = obj(vec![("type", J::Num(1.0)), ("value", s("v"))]);
        assert_eq!(field(check(&task_with_ref("t", numeric_type))), "references.t.type");
    }

    #[test]
    fn string_reference_values() {
        for ty in ["URL", "EMAIL", "STRING"] {
            assert!(check(&task_with_ref("r", reference(ty, x(4096)))).is_ok());
            assert!(check(&task_with_ref("r", reference(ty, x(0)))).is_ok());
            let e = check(&task_with_ref("r", reference(ty, x(4097)))).unwrap_err();
            assert_eq!(e.message, "references.r.value must be at most 4096 characters (got 4097)");
            for bad in [J::Num(1.0), J::Null, J::Func("f")] {
                let e = check(&task_with_ref("r", reference(ty, bad))).unwrap_err();
                assert_eq!(e.message, "references.r.value must be a string");
            }
            assert_eq!(field(check(&task_with_ref("r", obj(vec![("type", s(ty))])))), "references.r.value");
        }
    }

    #[test]
    fn numeric_reference_values() {
        let good = [
            J::Num(42.0), J::Num(-1.5), J::Num(0.0), s("42"), s("1.5"), s("-3"), s("+7"), s(".5"), s("1e3"),
            s("1700000000"), s("5."), s("-0"), s("1e-400"), s("1.7976931348623157e308"),
        ];
        let bad = [
            J::Num(f64::NAN), J::Num(f64::INFINITY), s(""), s("abc"), s("NaN"), s("Infinity"), s("inf"),
            s(" 42"), s("0x10"), s("1e999"), s("1-2"), s("1.7976931348623159e308"), s("+-1"), s("1e"), s("."),
            J::Str(format!("1{}", "0".repeat(400))), J::Str(format!("0.{}1", "0".repeat(4100))),
            J::Bool(true), J::Null, arr(vec![]),
        ];
        for ty in ["NUMBER", "DATE"] {
            for v in &good {
                assert!(check(&task_with_ref("r", reference(ty, v.clone()))).is_ok(), "{ty} {v:?}");
            }
            for v in &bad {
                let e = check(&task_with_ref("r", reference(ty, v.clone()))).unwrap_err();
                assert_eq!(e.message, "references.r.value must be a finite number or a decimal number string");
            }
        }
    }

    #[test]
    fn capitalised_reference_keys_and_effective_type() {
        assert!(check(&task_with_ref("r", obj(vec![("Type", s("NUMBER")), ("Value", s("12"))]))).is_ok());
        let r = obj(vec![("Type", s("NUMBER")), ("Value", s("x"))]);
        assert_eq!(field(check(&task_with_ref("r", r))), "references.r.value");
        // The lower-case spelling decides the value check (as normalisation keeps it).
        let r = obj(vec![("type", s("NUMBER")), ("Type", s("STRING")), ("value", s("x"))]);
        assert_eq!(field(check(&task_with_ref("r", r))), "references.r.value");
        for (lower, upper) in [("URL", "bad"), ("bad", "URL")] {
            let r = obj(vec![("type", s(lower)), ("Type", s(upper)), ("value", s("x"))]);
            assert_eq!(field(check(&task_with_ref("r", r))), "references.r.type");
        }
    }

    #[test]
    fn first_bad_reference_in_order_is_reported() {
        let refs = obj(vec![
            ("a", reference("URL", s("ok"))),
            ("b", reference("NUMBER", s("no"))),
            ("c", reference("BAD", s("no"))),
        ]);
        assert_eq!(field(check(&obj(vec![("references", refs)]))), "references.b.value");
    }

    #[test]
    fn references_read_through_prototypes() {
        // A reference whose fields are inherited, as from Object.create(...) or a class.
        let inherited = derived(reference("NUMBER", s("x")), vec![]);
        assert_eq!(field(check(&task_with_ref("r", inherited))), "references.r.value");
        let inherited = derived(reference("NUMBER", s("1")), vec![("helper", J::Func("helper"))]);
        assert!(check(&task_with_ref("r", inherited)).is_ok());
    }

    #[test]
    fn scheduled_time_is_finite_and_at_most_6_days_ahead() {
        let ahead = NOW + SCHEDULE_AHEAD_MAX;
        for ok in [J::Num(NOW), J::Num(0.0), J::Num(-5.5), J::Num(ahead), J::Null, J::Undefined] {
            assert!(check(&obj(vec![("scheduledTime", ok)])).is_ok());
        }
        let e = check(&obj(vec![("scheduledTime", J::Num(ahead + 1.0))])).unwrap_err();
        assert_eq!(e.field, "scheduledTime");
        assert_eq!(e.message, "scheduledTime must be at most 6 days (518400 seconds) from now");
        for bad in [J::Num(f64::NAN), J::Num(f64::NEG_INFINITY), s("1700000000"), J::Func("f")] {
            let e = check(&obj(vec![("scheduledTime", bad)])).unwrap_err();
            assert_eq!(e.message, "scheduledTime must be a finite number (epoch seconds)");
        }
        assert!(check(&obj(vec![("ScheduledTime", s("x"))])).is_err());
    }

    #[test]
    fn max_results_and_status() {
        for n in [1.0, 50.0, 100.0] {
            assert!(query(&obj(vec![("maxResults", J::Num(n))])).is_ok());
        }
        for bad in [J::Num(0.0), J::Num(101.0), J::Num(-1.0), J::Num(1.5), J::Num(f64::NAN), s("10"), J::Bool(true)] {
            let e = query(&obj(vec![("maxResults", bad)])).unwrap_err();
            assert_eq!(e.message, "queryParams.maxResults must be an integer from 1 to 100");
        }
        assert!(query(&obj(vec![("MaxResults", J::Num(101.0))])).is_err());
        assert!(query(&obj(vec![("maxResults", J::Null)])).is_ok());
        for ok in ["ACTIVE", "INACTIVE", "active", "Active", "iNaCtIvE"] {
            assert!(query(&obj(vec![("status", s(ok))])).is_ok(), "{ok}");
        }
        for bad in [s("enabled"), s(""), s(" ACTIVE"), J::Num(1.0), x(100_000)] {
            let e = query(&obj(vec![("status", bad)])).unwrap_err();
            assert_eq!(e.message, "queryParams.status must be ACTIVE or INACTIVE");
        }
    }

    #[test]
    fn quick_connect_id_is_the_last_arn_segment() {
        let qc = |endpoint: J| -> Result<String, RequestError<Thrown>> {
            let mut task = read_object(&Model, &obj(vec![("endpoint", endpoint)]), "", "key")?;
            read_parts(&Model, &mut task)?;
            Ok(quick_connect_id(&Model, task.get("endpoint").unwrap())?)
        };
        let ep = |arn: &str| obj(vec![("endpointARN", s(arn))]);
        assert_eq!(qc(ep("arn:aws:connect:us-west-2:1:instance/abc/transfer-destination/qc-1")).unwrap(), "qc-1");
        assert_eq!(qc(ep("no-slash")).unwrap(), "no-slash");
        assert_eq!(qc(ep("trailing/")).unwrap(), "");
        // An inherited ARN counts (an endpoint made with Object.create).
        assert_eq!(qc(derived(ep("a/b/qc-2"), vec![])).unwrap(), "qc-2");
        for bad in [obj(vec![]), s("str"), obj(vec![("endpointARN", J::Num(1.0))])] {
            match qc(bad) {
                Err(RequestError::Invalid(e)) => assert_eq!(e.message, "endpoint.endpointARN must be a string"),
                other => panic!("{other:?}"),
            }
        }
        match qc(obj(vec![("endpointARN", x(ARN_MAX + 1))])) {
            Err(RequestError::Invalid(e)) => assert!(e.message.contains("at most 2048"), "{}", e.message),
            other => panic!("{other:?}"),
        }
        assert!(matches!(qc(obj(vec![("endpointARN", J::Throws)])), Err(RequestError::Threw(Thrown))));
    }

    #[test]
    fn linked_contact_ids_are_1_to_256_characters() {
        for key in ["previousContactId", "relatedContactId", "PreviousContactId"] {
            assert!(check(&obj(vec![(key, x(256))])).is_ok());
            let e = check(&obj(vec![(key, x(257))])).unwrap_err();
            assert!(e.message.ends_with("must be at most 256 characters (got 257)"), "{}", e.message);
            assert!(check(&obj(vec![(key, s(""))])).unwrap_err().message.contains("at least 1 character"));
            assert!(check(&obj(vec![(key, J::Num(5.0))])).unwrap_err().message.ends_with("must be a string"));
        }
        assert_eq!(field(check(&obj(vec![("RelatedContactId", x(300))]))), "relatedContactId");
    }

    #[test]
    fn attributes_follow_start_task_contact() {
        let attrs = |entries: Vec<(&str, J)>| obj(vec![("attributes", obj(entries))]);
        assert!(check(&attrs(vec![("customer-id_1", s("42")), ("empty", s(""))])).is_ok());
        assert!(check(&obj(vec![("Attributes", obj(vec![("a", s("b"))]))])).is_ok());
        for bad in [arr(vec![]), s("a=b"), J::Num(1.0)] {
            let e = check(&obj(vec![("attributes", bad)])).unwrap_err();
            assert_eq!((e.field.as_str(), e.message.as_str()), ("attributes", "attributes must be a plain object of strings"));
        }
        // A Map has no fields to send: refused by name, not sent as {}.
        let e = check(&obj(vec![("attributes", J::Map)])).unwrap_err();
        assert_eq!(e.message, "attributes must be a plain object of strings (got a Map)");
        for key in ["has space", "dot.ted", "é", ""] {
            let e = check(&attrs(vec![(key, s("v"))])).unwrap_err();
            assert_eq!(e.field, format!("attributes.{key}"));
            assert!(e.message.contains("letters, digits, - and _ only"), "{}", e.message);
        }
        let e = check(&attrs(vec![("n", J::Num(5.0))])).unwrap_err();
        assert_eq!(e.message, "attributes.n must be a string");
        let e = check(&attrs(vec![("n", x(32768))])).unwrap_err();
        assert_eq!(e.message, "attributes.n must be at most 32767 characters (got 32768)");
        let e = check(&attrs(vec![(&"k".repeat(32768), s("v"))])).unwrap_err();
        assert!(e.message.contains("must be at most 32767 characters (got 32768)"), "{}", e.message);
        // The total counts UTF-8 bytes, keys and values: 32768 is allowed, one more is not.
        assert!(check(&attrs(vec![("a", x(16383)), ("b", x(16383))])).is_ok());
        let e = check(&attrs(vec![("a", x(16383)), ("b", x(16384))])).unwrap_err();
        assert_eq!(e.message, "attributes must be at most 32768 bytes of UTF-8 in all, keys and values (got more by attributes.b)");
        assert!(check(&attrs(vec![("a", J::Str("é".repeat(16384)))])).is_err(), "two bytes per é");
        // Counting stops at the first attribute past the limit: the ones after it are not read.
        let many: Vec<(String, J)> = (0..100).map(|i| (format!("k{i}"), x(20_000))).collect();
        let e = check(&attrs(many.iter().map(|(k, v)| (k.as_str(), v.clone())).collect())).unwrap_err();
        assert!(e.message.ends_with("(got more by attributes.k1)"), "{}", e.message);
    }

    /// Strings near `limit` UTF-16 units, mixing 1-unit and 2-unit characters.
    fn near_limit(limit: usize) -> impl Strategy<Value = String> {
        (limit - 24..=limit + 4, 0usize..=8, 0usize..=8).prop_map(|(a, b, c)| {
            let mut s = "x".repeat(a);
            s.push_str(&"😀".repeat(b));
            s.push_str(&"中é".repeat(c));
            s
        })
    }

    proptest! {
        #[test]
        fn name_accepted_iff_within_512(name in near_limit(512)) {
            let units = name.encode_utf16().count();
            prop_assert_eq!(check(&obj(vec![("name", J::Str(name))])).is_ok(), units <= NAME_MAX);
        }

        #[test]
        fn reference_name_and_value_accepted_iff_within_4096(name in near_limit(4096), value in near_limit(4096)) {
            let ok = name.encode_utf16().count() <= 4096 && value.encode_utf16().count() <= 4096;
            prop_assert_eq!(check(&task_with_ref(&name, reference("STRING", J::Str(value)))).is_ok(), ok);
        }

        #[test]
        fn numeric_strings_agree_with_number_parsing(n in any::<f64>()) {
            let r = check(&task_with_ref("r", reference("NUMBER", J::Str(n.to_string()))));
            prop_assert_eq!(r.is_ok(), n.is_finite());
        }

        #[test]
        fn decimal_grammar_agrees_with_the_float_parser(
            s in "[+-]?[0-9]{0,4}(\\.[0-9]{0,4})?([eE][+-]?[0-9]{0,4})?|[0-9+.eE-]{0,8}|inf|NaN|infinity"
        ) {
            // Rust's parser also reads the words "inf", "infinity" and "NaN".
            let word = s.bytes().any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E'));
            prop_assert_eq!(is_decimal(&s), s.parse::<f64>().is_ok() && !word, "{}", s);
        }

        #[test]
        fn max_results_accepted_iff_integer_in_range(n in -5i32..110, frac in any::<bool>()) {
            let x = if frac { f64::from(n) + 0.5 } else { f64::from(n) };
            prop_assert_eq!(query(&obj(vec![("maxResults", J::Num(x))])).is_ok(), !frac && (1..=100).contains(&n));
        }
    }
}
