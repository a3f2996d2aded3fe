//! Checks of the documented Amazon Connect limits, run before anything is sent.
//!
//! Conventions:
//! - a field is "present" when its value is neither undefined nor null;
//! - a field may be spelled lower-case or capitalised (`name`/`Name`); every present
//!   spelling is checked, and error paths always use the lower-case spelling;
//! - lengths are UTF-16 code units, like JS `.length`;
//! - the first violation found (in key order within references) is reported.

#[allow(unused_imports)]
use crate::prelude::*;

use super::value::{Object, Value};

/// The values of `connect.ReferenceType`.
pub const REFERENCE_TYPES: [&str; 5] = ["URL", "EMAIL", "NUMBER", "STRING", "DATE"];
pub const NAME_MAX: usize = 512;
pub const DESCRIPTION_MAX: usize = 4096;
pub const REFERENCE_NAME_MAX: usize = 4096;
pub const REFERENCE_VALUE_MAX: usize = 4096;
pub const MAX_RESULTS_MAX: f64 = 100.0;
/// How much of an over-long reference name an error shows.
const NAME_SHOWN: usize = 32;

/// A rule violation: `field` is a path such as `references.ticket.type`; `message`
/// starts with that path and names the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

/// Length in UTF-16 code units (JS `string.length`).
pub fn utf16_len(s: &str) -> usize {
    // One unit per character (every byte but UTF-8 continuation bytes), two for those
    // outside the BMP (four-byte sequences, whose first byte is 0xF0 or above).
    s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

/// `ACTIVE`/`INACTIVE` for a status given in any ASCII case; `None` otherwise.
pub fn canonical_status(s: &str) -> Option<&'static str> {
    ["ACTIVE", "INACTIVE"]
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(s))
}

/// Checks the fields of a task (createTask, updateContact): name, description,
/// references, scheduledTime. A task that is not a plain object has nothing to check.
pub fn validate_task(task: &Value) -> Result<(), ValidationError> {
    let Some(obj) = task.as_object() else {
        return Ok(());
    };
    for v in present(obj, "name", "Name") {
        check_string(v, "name", NAME_MAX)?;
    }
    for v in present(obj, "description", "Description") {
        check_string(v, "description", DESCRIPTION_MAX)?;
    }
    for v in present(obj, "references", "References") {
        check_references(v)?;
    }
    for v in present(obj, "scheduledTime", "ScheduledTime") {
        if !matches!(v, Value::Number(n) if n.is_finite()) {
            return Err(invalid(
                "scheduledTime",
                "must be a finite number (epoch seconds)",
            ));
        }
    }
    Ok(())
}

/// Checks listTaskTemplates query params: maxResults and status.
pub fn validate_query_params(query: &Value) -> Result<(), ValidationError> {
    let Some(obj) = query.as_object() else {
        return Ok(());
    };
    for v in present(obj, "maxResults", "MaxResults") {
        let ok = matches!(v, Value::Number(n)
            if *n >= 1.0 && *n <= MAX_RESULTS_MAX && f64::from(*n as u8) == *n);
        if !ok {
            return Err(invalid(
                "queryParams.maxResults",
                "must be an integer from 1 to 100",
            ));
        }
    }
    for v in present(obj, "status", "Status") {
        if v.as_str().and_then(canonical_status).is_none() {
            return Err(invalid("queryParams.status", "must be ACTIVE or INACTIVE"));
        }
    }
    Ok(())
}

/// The quick connect id of a templated task's truthy `endpoint`: the part of
/// `endpoint.endpointARN` after the last `/` (the whole ARN when it has none).
pub fn quick_connect_id(endpoint: &Value) -> Result<&str, ValidationError> {
    match endpoint.get("endpointARN") {
        // After the last '/' (an ASCII byte, so a character boundary).
        Some(Value::String(arn)) => Ok(&arn[arn.bytes().rposition(|b| b == b'/').map_or(0, |i| i + 1)..]),
        _ => Err(invalid("endpoint.endpointARN", "must be a string")),
    }
}

/// The present values among both spellings of a key, lower-case first.
fn present<'a>(obj: &'a Object, lower: &str, upper: &str) -> impl Iterator<Item = &'a Value> {
    [obj.get(lower), obj.get(upper)]
        .into_iter()
        .flatten()
        .filter(|v| !v.is_nullish())
}

fn check_references(refs: &Value) -> Result<(), ValidationError> {
    let Value::Object(refs) = refs else {
        return Err(invalid("references", "must be an object"));
    };
    for (name, entry) in refs.iter() {
        let mut path = String::from("references.");
        let len = utf16_len(name);
        if len > REFERENCE_NAME_MAX {
            // Name the reference by its start: the whole name may be megabytes.
            path.extend(name.chars().take(NAME_SHOWN));
            path.push('…');
            return Err(too_long(&path, ": name", REFERENCE_NAME_MAX, len));
        }
        path.push_str(name);
        let Value::Object(entry) = entry else {
            return Err(invalid(&path, "must be an object"));
        };
        check_reference(entry, path)?;
    }
    Ok(())
}

fn check_reference(entry: &Object, path: String) -> Result<(), ValidationError> {
    let mut kind = None;
    for t in present(entry, "type", "Type") {
        let Some(s) = t.as_str().filter(|s| REFERENCE_TYPES.contains(s)) else {
            return Err(invalid(&(path + ".type"), TYPE_MSG));
        };
        kind.get_or_insert(s);
    }
    let Some(kind) = kind else {
        return Err(invalid(&(path + ".type"), TYPE_MSG));
    };
    let numeric = kind == "NUMBER" || kind == "DATE";
    let field = path + ".value";
    let mut seen = false;
    for v in present(entry, "value", "Value") {
        seen = true;
        if numeric {
            if !is_numeric(v) {
                return Err(invalid(&field, NUMERIC_MSG));
            }
        } else {
            check_string(v, &field, REFERENCE_VALUE_MAX)?;
        }
    }
    if !seen {
        return Err(invalid(
            &field,
            if numeric { NUMERIC_MSG } else { STRING_MSG },
        ));
    }
    Ok(())
}

const TYPE_MSG: &str = "must be one of URL, EMAIL, NUMBER, STRING, DATE";
const NUMERIC_MSG: &str = "must be a finite number or a decimal number string";
const STRING_MSG: &str = "must be a string";

/// A finite number, or a string that is a plain decimal number: optional sign, digits
/// with an optional fraction, optional exponent ("42", "-1.5", ".5", "5.", "1e3"); no
/// spaces, hex, "NaN" or "Infinity", and it must not round to infinity as an f64.
fn is_numeric(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_finite(),
        Value::String(s) => decimal_is_finite(s) == Some(true),
        _ => false,
    }
}

/// The decimal digits of the smallest magnitude that rounds to infinity as an f64:
/// 2^1024 - 2^970 = (2^54 - 1) * 2^970, all 309 of them, most significant first.
/// Computed (rather than spelled out) on the rare call that needs them.
fn f64_overflow_digits() -> Vec<u8> {
    // Little-endian decimal digits of 2^54 - 1, doubled 970 times.
    let mut digits: Vec<u8> = Vec::new();
    let mut n: u64 = (1 << 54) - 1;
    while n > 0 {
        digits.push((n % 10) as u8);
        n /= 10;
    }
    for _ in 0..970 {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let x = *d * 2 + carry;
            *d = x % 10;
            carry = x / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits.reverse();
    digits
}

/// `None` when `s` is not a decimal number; otherwise whether it is finite as an f64
/// (same grammar and result as `str::parse::<f64>`, without the float parser's size).
fn decimal_is_finite(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits_from = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        &b[start..*i]
    };
    let int = digits_from(&mut i);
    let mut frac: &[u8] = &[];
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = digits_from(&mut i);
    }
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut exp: i64 = 0;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        let e = digits_from(&mut i);
        if e.is_empty() {
            return None;
        }
        // Saturated far beyond the f64 range.
        exp = e.iter().fold(0, |n, d| (n * 10 + i64::from(d - b'0')).min(1 << 40));
        if negative {
            exp = -exp;
        }
    }
    if i != b.len() {
        return None;
    }
    // The significant digits, without leading zeros.
    let total = int.len() + frac.len();
    let digit = |k: usize| if k < int.len() { int[k] } else { frac[k - int.len()] };
    let zeros = (0..total).take_while(|&k| digit(k) == b'0').count();
    if zeros == total {
        return Some(true);
    }
    // value = 0.DDD... x 10^scale with a non-zero first digit D
    let scale = int.len() as i64 - zeros as i64 + exp;
    if scale != 309 {
        return Some(scale < 309);
    }
    let limit = f64_overflow_digits();
    for (k, &l) in limit.iter().enumerate() {
        match (zeros + k < total).then(|| digit(zeros + k) - b'0') {
            None => return Some(true),
            Some(d) if d != l => return Some(d < l),
            Some(_) => {}
        }
    }
    Some(false)
}

fn check_string(v: &Value, field: &str, max: usize) -> Result<(), ValidationError> {
    let Value::String(s) = v else {
        return Err(invalid(field, STRING_MSG));
    };
    let len = utf16_len(s);
    if len > max {
        return Err(too_long(field, "", max, len));
    }
    Ok(())
}

fn invalid(field: &str, rule: &str) -> ValidationError {
    let mut message = String::from(field);
    message.push(' ');
    message.push_str(rule);
    ValidationError { field: field.into(), message }
}

/// "<field><what> must be at most <max> characters (got <len>)"
fn too_long(field: &str, what: &str, max: usize, len: usize) -> ValidationError {
    let mut message = String::from(field);
    message.push_str(what);
    message.push_str(" must be at most ");
    push_decimal(&mut message, max);
    message.push_str(" characters (got ");
    push_decimal(&mut message, len);
    message.push(')');
    ValidationError { field: field.into(), message }
}

fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn obj(entries: Vec<(&str, Value)>) -> Value {
        Value::Object(entries.into_iter().collect())
    }

    fn s(n: usize) -> Value {
        Value::String("x".repeat(n))
    }

    fn reference(ty: &str, value: Value) -> Value {
        obj(vec![("type", ty.into()), ("value", value)])
    }

    fn task_with_ref(name: &str, r: Value) -> Value {
        obj(vec![
            ("name", "t".into()),
            ("references", obj(vec![(name, r)])),
        ])
    }

    fn err_field(r: Result<(), ValidationError>) -> String {
        r.expect_err("expected a validation error").field
    }

    #[test]
    fn utf16_length_counts_code_units() {
        assert_eq!(utf16_len(""), 0);
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("é"), 1);
        assert_eq!(utf16_len("😀"), 2);
        assert_eq!(utf16_len("a😀b"), 4);
    }

    #[test]
    fn decimal_formatting() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (10, "10"),
            (4097, "4097"),
            (usize::MAX, "18446744073709551615"),
        ] {
            let mut out = String::new();
            push_decimal(&mut out, n);
            assert_eq!(out, want);
        }
    }

    #[test]
    fn name_boundary_512() {
        assert!(validate_task(&obj(vec![("name", s(512))])).is_ok());
        let e = validate_task(&obj(vec![("name", s(513))])).unwrap_err();
        assert_eq!(e.field, "name");
        assert_eq!(e.message, "name must be at most 512 characters (got 513)");
        assert!(validate_task(&obj(vec![("name", s(0))])).is_ok());
    }

    #[test]
    fn name_counts_utf16_units() {
        let astral = Value::String("😀".repeat(256)); // 512 units
        assert!(validate_task(&obj(vec![("name", astral)])).is_ok());
        let mut long = "😀".repeat(256);
        long.push('a');
        assert!(validate_task(&obj(vec![("name", Value::String(long))])).is_err());
    }

    #[test]
    fn capitalised_spelling_is_checked_too() {
        let e = validate_task(&obj(vec![("Name", s(513))])).unwrap_err();
        assert_eq!(e.field, "name");
        let e = validate_task(&obj(vec![("name", s(1)), ("Name", s(600))])).unwrap_err();
        assert_eq!(e.message, "name must be at most 512 characters (got 600)");
        assert_eq!(
            err_field(validate_task(&obj(vec![("Description", s(4097))]))),
            "description"
        );
    }

    #[test]
    fn non_string_name_or_description_rejected() {
        for bad in [
            Value::Number(1.0),
            Value::Bool(true),
            Value::Opaque(1),
            obj(vec![]),
            Value::Array(vec![]),
        ] {
            let e = validate_task(&obj(vec![("name", bad.clone())])).unwrap_err();
            assert_eq!(e.message, "name must be a string");
            let e = validate_task(&obj(vec![("description", bad)])).unwrap_err();
            assert_eq!(e.message, "description must be a string");
        }
        // undefined / null count as absent
        assert!(validate_task(&obj(vec![
            ("name", Value::Null),
            ("description", Value::Undefined)
        ]))
        .is_ok());
    }

    #[test]
    fn description_boundary_4096() {
        assert!(validate_task(&obj(vec![("description", s(4096))])).is_ok());
        let e = validate_task(&obj(vec![("description", s(4097))])).unwrap_err();
        assert_eq!(e.field, "description");
        assert_eq!(
            e.message,
            "description must be at most 4096 characters (got 4097)"
        );
    }

    #[test]
    fn references_must_be_an_object() {
        for bad in [
            Value::Array(vec![]),
            "x".into(),
            Value::Number(3.0),
            Value::Opaque(2),
        ] {
            let e = validate_task(&obj(vec![("references", bad)])).unwrap_err();
            assert_eq!(e.field, "references");
            assert_eq!(e.message, "references must be an object");
        }
        assert!(validate_task(&obj(vec![("references", Value::Null)])).is_ok());
        assert!(validate_task(&obj(vec![("references", obj(vec![]))])).is_ok());
        assert_eq!(
            err_field(validate_task(&obj(vec![("References", Value::Bool(true))]))),
            "references"
        );
    }

    #[test]
    fn reference_name_boundary_4096() {
        let ok = "n".repeat(4096);
        assert!(validate_task(&task_with_ref(&ok, reference("URL", "u".into()))).is_ok());
        let long = "n".repeat(4097);
        let e = validate_task(&task_with_ref(&long, reference("URL", "u".into()))).unwrap_err();
        let shown = format!("references.{}…", "n".repeat(32));
        assert_eq!(e.field, shown);
        assert_eq!(e.message, format!("{shown}: name must be at most 4096 characters (got 4097)"));
    }

    #[test]
    fn reference_entry_must_be_an_object() {
        for bad in [
            "x".into(),
            Value::Null,
            Value::Array(vec![]),
            Value::Opaque(3),
        ] {
            let e = validate_task(&task_with_ref("ticket", bad)).unwrap_err();
            assert_eq!(e.field, "references.ticket");
            assert_eq!(e.message, "references.ticket must be an object");
        }
    }

    #[test]
    fn reference_types() {
        for ty in ["URL", "EMAIL", "STRING"] {
            assert!(
                validate_task(&task_with_ref("r", reference(ty, "v".into()))).is_ok(),
                "{ty}"
            );
        }
        for ty in ["NUMBER", "DATE"] {
            assert!(
                validate_task(&task_with_ref("r", reference(ty, "1".into()))).is_ok(),
                "{ty}"
            );
        }
        for bad in ["url", "PHONE", "", " URL"] {
            let e =
                validate_task(&task_with_ref("ticket", reference(bad, "v".into()))).unwrap_err();
            assert_eq!(e.field, "references.ticket.type");
            assert_eq!(
                e.message,
                "references.ticket.type must be one of URL, EMAIL, NUMBER, STRING, DATE"
            );
        }
        let no_type = obj(vec![("value", "v".into())]);
        assert_eq!(
            err_field(validate_task(&task_with_ref("t", no_type))),
            "references.t.type"
        );
        let num_type = obj(vec![("type", Value::Number(1.0)), ("value", "v".into())]);
        assert_eq!(
            err_field(validate_task(&task_with_ref("t", num_type))),
            "references.t.type"
        );
    }

    #[test]
    fn string_reference_values() {
        for ty in ["URL", "EMAIL", "STRING"] {
            assert!(validate_task(&task_with_ref("r", reference(ty, s(4096)))).is_ok());
            assert!(validate_task(&task_with_ref("r", reference(ty, s(0)))).is_ok());
            let e = validate_task(&task_with_ref("r", reference(ty, s(4097)))).unwrap_err();
            assert_eq!(e.field, "references.r.value");
            assert_eq!(
                e.message,
                "references.r.value must be at most 4096 characters (got 4097)"
            );
            for bad in [Value::Number(1.0), Value::Null, Value::Opaque(1)] {
                let e = validate_task(&task_with_ref("r", reference(ty, bad))).unwrap_err();
                assert_eq!(e.message, "references.r.value must be a string");
            }
            let no_value = obj(vec![("type", ty.into())]);
            assert_eq!(
                err_field(validate_task(&task_with_ref("r", no_value))),
                "references.r.value"
            );
        }
    }

    #[test]
    fn numeric_reference_values() {
        let good: Vec<Value> = vec![
            Value::Number(42.0),
            Value::Number(-1.5),
            Value::Number(0.0),
            "42".into(),
            "1.5".into(),
            "-3".into(),
            "+7".into(),
            ".5".into(),
            "1e3".into(),
            "1700000000".into(),
            "5.".into(),
            "-0".into(),
            "1e-400".into(),
            "1.7976931348623157e308".into(),
            "0.000000000000000000000000000000000000000000000000000000179769e314".into(),
        ];
        let bad: Vec<Value> = vec![
            Value::Number(f64::NAN),
            Value::Number(f64::INFINITY),
            "".into(),
            "abc".into(),
            "NaN".into(),
            "Infinity".into(),
            "inf".into(),
            " 42".into(),
            "0x10".into(),
            "1e999".into(),
            "1-2".into(),
            "1.7976931348623159e308".into(),
            "+-1".into(),
            "1e".into(),
            ".".into(),
            Value::Bool(true),
            Value::Null,
            Value::Array(vec![]),
        ];
        for ty in ["NUMBER", "DATE"] {
            for v in &good {
                assert!(
                    validate_task(&task_with_ref("r", reference(ty, v.clone()))).is_ok(),
                    "{ty} {v:?}"
                );
            }
            for v in &bad {
                let e = validate_task(&task_with_ref("r", reference(ty, v.clone()))).unwrap_err();
                assert_eq!(e.field, "references.r.value", "{ty} {v:?}");
                assert_eq!(
                    e.message,
                    "references.r.value must be a finite number or a decimal number string"
                );
            }
        }
    }

    const F64_OVERFLOW: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

    #[test]
    fn overflow_digits_are_2_1024_minus_2_970() {
        let digits: String = f64_overflow_digits().iter().map(|d| char::from(b'0' + d)).collect();
        assert_eq!(digits, F64_OVERFLOW);
    }

    #[test]
    fn decimal_overflow_threshold_is_exact() {
        let below = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791";
        let cases = [
            F64_OVERFLOW.to_owned(),
            below.to_owned(),
            format!("{below}.999999"),
            format!("{F64_OVERFLOW}.000"),
            format!("0.{F64_OVERFLOW}e309"),
            format!("0.{below}e309"),
            format!("-{F64_OVERFLOW}"),
            "1e99999999999999999999999".to_owned(),
            "1e-99999999999999999999999".to_owned(),
            "0e99999999999999999999999".to_owned(),
            "000000000000000000000000000000001e308".to_owned(),
        ];
        for s in cases {
            assert_eq!(
                decimal_is_finite(&s),
                s.parse::<f64>().ok().map(f64::is_finite),
                "{s}"
            );
        }
        assert_eq!(decimal_is_finite(F64_OVERFLOW), Some(false));
        assert_eq!(decimal_is_finite(below), Some(true));
    }

    #[test]
    fn capitalised_reference_keys_and_effective_type() {
        let r = obj(vec![("Type", "NUMBER".into()), ("Value", "12".into())]);
        assert!(validate_task(&task_with_ref("r", r)).is_ok());
        let r = obj(vec![("Type", "NUMBER".into()), ("Value", "x".into())]);
        assert_eq!(
            err_field(validate_task(&task_with_ref("r", r))),
            "references.r.value"
        );
        // lower-case spelling wins (as in normalisation): NUMBER decides the value check
        let r = obj(vec![
            ("type", "NUMBER".into()),
            ("Type", "STRING".into()),
            ("value", "x".into()),
        ]);
        assert_eq!(
            err_field(validate_task(&task_with_ref("r", r))),
            "references.r.value"
        );
        // every present spelling must be a valid type
        let r = obj(vec![
            ("type", "URL".into()),
            ("Type", "bad".into()),
            ("value", "x".into()),
        ]);
        assert_eq!(
            err_field(validate_task(&task_with_ref("r", r))),
            "references.r.type"
        );
        let r = obj(vec![
            ("type", "bad".into()),
            ("Type", "URL".into()),
            ("value", "x".into()),
        ]);
        assert_eq!(
            err_field(validate_task(&task_with_ref("r", r))),
            "references.r.type"
        );
    }

    #[test]
    fn first_bad_reference_in_order_is_reported() {
        let refs = obj(vec![
            ("a", reference("URL", "ok".into())),
            ("b", reference("NUMBER", "no".into())),
            ("c", reference("BAD", "no".into())),
        ]);
        let e = validate_task(&obj(vec![("references", refs)])).unwrap_err();
        assert_eq!(e.field, "references.b.value");
    }

    #[test]
    fn scheduled_time() {
        for ok in [
            Value::Number(1_700_000_000.0),
            Value::Number(0.0),
            Value::Number(-5.5),
            Value::Null,
            Value::Undefined,
        ] {
            assert!(validate_task(&obj(vec![("scheduledTime", ok)])).is_ok());
        }
        for bad in [
            Value::Number(f64::NAN),
            Value::Number(f64::NEG_INFINITY),
            "1700000000".into(),
            Value::Opaque(1),
        ] {
            let e = validate_task(&obj(vec![("scheduledTime", bad)])).unwrap_err();
            assert_eq!(e.field, "scheduledTime");
            assert_eq!(
                e.message,
                "scheduledTime must be a finite number (epoch seconds)"
            );
        }
        assert!(validate_task(&obj(vec![("ScheduledTime", "x".into())])).is_err());
    }

    #[test]
    fn non_object_task_has_nothing_to_check() {
        for v in [
            Value::Undefined,
            "x".into(),
            Value::Opaque(1),
            Value::Array(vec![s(9999)]),
        ] {
            assert!(validate_task(&v).is_ok());
            assert!(validate_query_params(&v).is_ok());
        }
    }

    #[test]
    fn max_results_bounds() {
        for n in [1.0, 50.0, 100.0] {
            assert!(validate_query_params(&obj(vec![("maxResults", Value::Number(n))])).is_ok());
        }
        for bad in [
            Value::Number(0.0),
            Value::Number(101.0),
            Value::Number(-1.0),
            Value::Number(1.5),
            Value::Number(f64::NAN),
            Value::Number(f64::INFINITY),
            "10".into(),
            Value::Bool(true),
        ] {
            let e = validate_query_params(&obj(vec![("maxResults", bad.clone())])).unwrap_err();
            assert_eq!(e.field, "queryParams.maxResults", "{bad:?}");
            assert_eq!(
                e.message,
                "queryParams.maxResults must be an integer from 1 to 100"
            );
        }
        assert!(validate_query_params(&obj(vec![("MaxResults", Value::Number(101.0))])).is_err());
        assert!(validate_query_params(&obj(vec![("maxResults", Value::Null)])).is_ok());
    }

    #[test]
    fn status_values() {
        for ok in [
            "ACTIVE", "INACTIVE", "active", "inactive", "Active", "iNaCtIvE",
        ] {
            assert!(
                validate_query_params(&obj(vec![("status", ok.into())])).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            Value::from("enabled"),
            "".into(),
            " ACTIVE".into(),
            Value::Number(1.0),
        ] {
            let e = validate_query_params(&obj(vec![("status", bad)])).unwrap_err();
            assert_eq!(e.field, "queryParams.status");
            assert_eq!(e.message, "queryParams.status must be ACTIVE or INACTIVE");
        }
        assert_eq!(canonical_status("inActive"), Some("INACTIVE"));
        assert_eq!(canonical_status("activ"), None);
    }

    #[test]
    fn quick_connect_id_is_last_arn_segment() {
        let ep = |arn: &str| obj(vec![("endpointARN", arn.into())]);
        let arn = "arn:aws:connect:us-west-2:1:instance/abc/transfer-destination/qc-1";
        assert_eq!(quick_connect_id(&ep(arn)).unwrap(), "qc-1");
        assert_eq!(quick_connect_id(&ep("no-slash")).unwrap(), "no-slash");
        assert_eq!(quick_connect_id(&ep("trailing/")).unwrap(), "");
        assert_eq!(quick_connect_id(&ep("")).unwrap(), "");
        for bad in [
            obj(vec![]),
            "str".into(),
            Value::Opaque(1),
            obj(vec![("endpointARN", Value::Number(1.0))]),
        ] {
            let e = quick_connect_id(&bad).unwrap_err();
            assert_eq!(e.message, "endpoint.endpointARN must be a string");
        }
    }

    /// Strings near `limit` UTF-16 units, mixing 1-unit and 2-unit characters.
    fn near_limit(limit: usize) -> impl Strategy<Value = String> {
        (limit - 24..=limit + 4, 0usize..=8, 0usize..=8, 0usize..=8).prop_map(|(a, b, c, at)| {
            let mut s = "x".repeat(a.saturating_sub(at));
            s.push_str(&"😀".repeat(b));
            s.push_str(&"中é".repeat(c));
            s.push_str(&"\u{10FFFF}".repeat(at));
            s
        })
    }

    proptest! {
        #[test]
        fn name_accepted_iff_within_512(name in near_limit(512)) {
            let units = name.encode_utf16().count();
            let r = validate_task(&obj(vec![("name", Value::String(name))]));
            prop_assert_eq!(r.is_ok(), units <= NAME_MAX);
        }

        #[test]
        fn description_accepted_iff_within_4096(d in near_limit(4096)) {
            let units = d.encode_utf16().count();
            let r = validate_task(&obj(vec![("description", Value::String(d))]));
            prop_assert_eq!(r.is_ok(), units <= DESCRIPTION_MAX);
        }

        #[test]
        fn reference_name_and_value_accepted_iff_within_4096(
            name in near_limit(4096),
            value in near_limit(4096),
        ) {
            let ok = name.encode_utf16().count() <= 4096 && value.encode_utf16().count() <= 4096;
            let r = validate_task(&task_with_ref(&name, reference("STRING", Value::String(value))));
            prop_assert_eq!(r.is_ok(), ok);
        }

        #[test]
        fn numeric_strings_agree_with_number_parsing(n in any::<f64>()) {
            let text = n.to_string(); // "NaN", "inf", "-inf" or a decimal
            let r = validate_task(&task_with_ref("r", reference("NUMBER", Value::String(text))));
            prop_assert_eq!(r.is_ok(), n.is_finite());
        }

        #[test]
        fn decimal_check_agrees_with_float_parser(
            s in "[+-]?[0-9]{0,4}(\\.[0-9]{0,4})?([eE][+-]?[0-9]{0,4})?|[0-9+.eE-]{0,8}"
        ) {
            prop_assert_eq!(decimal_is_finite(&s), s.parse::<f64>().ok().map(f64::is_finite), "{}", s);
        }

        #[test]
        fn decimal_check_agrees_near_overflow(
            keep in 1usize..=309,
            last in 0u8..=9,
            extra in "[0-9]{0,3}",
            shift in -2i32..=2,
            dot in 0usize..=5,
        ) {
            // a prefix of the overflow threshold with its last digit replaced, scaled back
            let mut digits = F64_OVERFLOW[..keep - 1].to_owned();
            digits.push(char::from(b'0' + last));
            digits.push_str(&extra);
            let dot = dot.min(digits.len());
            let s = format!("{}.{}e{}", &digits[..dot], &digits[dot..], 309 - dot as i32 + shift);
            prop_assert_eq!(decimal_is_finite(&s), s.parse::<f64>().ok().map(f64::is_finite), "{}", s);
        }

        #[test]
        fn max_results_accepted_iff_integer_in_range(n in -5i32..110, frac in prop::bool::ANY) {
            let x = if frac { f64::from(n) + 0.5 } else { f64::from(n) };
            let r = validate_query_params(&obj(vec![("maxResults", Value::Number(x))]));
            prop_assert_eq!(r.is_ok(), !frac && (1..=100).contains(&n));
        }
    }
}
