//! Agent API normalisation and validation: arbitrary JS-like inputs through createTask,
//! updateContact, listTaskTemplates and getTaskTemplate, checking that nothing panics, inputs
//! are never modified, normalisation is idempotent, and — for inputs shaped like real tasks —
//! that validation accepts exactly what the documented limits allow (an independent oracle).
#![no_main]

use fuzz_input::Input;
use libfuzzer_sys::fuzz_target;
use taskjs::core::task_request::{
    create_task, get_task_template, list_task_templates, normalize_template_params,
    set_unicode_upper, update_contact, Method, RequestError,
};
use taskjs::core::uuid::uuid_v4;
use taskjs::core::validation::{validate_query_params, validate_task};
use taskjs::core::value::{Object, Value};

const TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Values compared by their printed form, so `NaN` equals itself.
fn same(a: &Value, b: &Value) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A plain decimal number string (what a NUMBER/DATE reference accepts), finite as an f64.
fn finite_decimal(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    !lower.contains("inf") && !lower.contains("nan") && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A task made of the documented fields only, and whether the limits allow it.
fn shaped_task(input: &mut Input) -> (Value, bool) {
    let mut task = Object::new();
    let mut ok = true;
    if input.bool() {
        let name = input.string();
        ok &= units(&name) <= 512;
        task.set("name", Value::String(name));
    }
    if input.bool() {
        let d = input.string();
        ok &= units(&d) <= 4096;
        task.set("description", Value::String(d));
    }
    if input.bool() {
        let t = input.f64();
        ok &= t.is_finite();
        task.set("scheduledTime", Value::Number(t));
    }
    if input.bool() {
        let mut refs = Object::new();
        for _ in 0..input.below(4) {
            let name = input.string();
            let ty = ["URL", "EMAIL", "NUMBER", "STRING", "DATE", "url", "TEXT"][input.below(7)];
            let value = if input.bool() { Value::Number(input.f64()) } else { Value::String(input.string()) };
            let mut entry = Object::new();
            entry.set("type", ty.into());
            entry.set("value", value);
            refs.set(name, Value::Object(entry));
        }
        // Later duplicates replace earlier entries: judge what the object finally holds.
        for (name, entry) in refs.iter() {
            let entry = entry.as_object().unwrap();
            let ty = entry.get("type").and_then(Value::as_str).unwrap();
            let numeric = ty == "NUMBER" || ty == "DATE";
            let valid_type = ["URL", "EMAIL", "NUMBER", "STRING", "DATE"].contains(&ty);
            let valid_value = match entry.get("value").unwrap() {
                Value::Number(n) => numeric && n.is_finite(),
                Value::String(s) => if numeric { finite_decimal(s) } else { units(s) <= 4096 },
                _ => false,
            };
            ok &= units(name) <= 4096 && valid_type && valid_value;
        }
        task.set("references", Value::Object(refs));
    }
    (Value::Object(task), ok)
}

/// listTaskTemplates query params of the documented shape, and whether they are allowed.
fn shaped_query(input: &mut Input) -> (Value, bool) {
    let mut q = Object::new();
    let mut ok = true;
    if input.bool() {
        let n = input.f64();
        ok &= (1.0..=100.0).contains(&n) && n.trunc() == n;
        q.set("maxResults", Value::Number(n));
    }
    if input.bool() {
        let s = input.string();
        ok &= s.eq_ignore_ascii_case("ACTIVE") || s.eq_ignore_ascii_case("INACTIVE");
        q.set("status", Value::String(s));
    }
    if input.bool() {
        q.set("nextToken", Value::String(input.string()));
    }
    (Value::Object(q), ok)
}

fuzz_target!(|data: &[u8]| {
    set_unicode_upper(|c, out| out.extend(c.to_uppercase()));
    let mut input = Input::new(data);

    let mut bytes = [0u8; 16];
    for (d, s) in bytes.iter_mut().zip(input.bytes(16)) {
        *d = *s;
    }
    let uuid = uuid_v4(bytes);
    assert!(uuid.len() == 36 && uuid.as_bytes()[14] == b'4');
    assert!(matches!(uuid.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));

    match input.below(3) {
        0 => {
            let (task, ok) = shaped_task(&mut input);
            assert_eq!(validate_task(&task).is_ok(), ok, "{task:?}");
        }
        1 => {
            let (query, ok) = shaped_query(&mut input);
            assert_eq!(validate_query_params(&query).is_ok(), ok, "{query:?}");
            if let Ok(req) = list_task_templates(query.clone(), "instance") {
                let sent = req.params.prop("queryParams").prop("status");
                if let Value::String(s) = sent {
                    assert!(s == "ACTIVE" || s == "INACTIVE");
                }
            }
        }
        _ => {}
    }

    let depth = input.below(10) as u32;
    let task = if input.bool() { Value::Object(input.object(depth)) } else { input.value(depth) };
    let before = format!("{task:?}");

    for result in [create_task(task.clone(), TOKEN), update_contact(task.clone())] {
        match result {
            Ok(req) => {
                assert!(task.as_object().is_some());
                match req.method {
                    Method::CreateTaskContact => {
                        assert_eq!(req.params.prop("idempotencyToken"), &Value::from(TOKEN));
                        assert!(req.params.prop("endpoint").get("endpointId").is_none());
                    }
                    Method::CreateTemplatedTask | Method::UpdateContact => {
                        assert!(same(&normalize_template_params(req.params.clone()), &req.params));
                        for k in req.params.as_object().unwrap().keys() {
                            assert!(!k.starts_with(|c: char| c.is_ascii_lowercase()), "{k}");
                        }
                    }
                    m => panic!("unexpected method {m:?}"),
                }
            }
            Err(RequestError::Missing { label }) => assert!(!label.is_empty()),
            Err(RequestError::Invalid(e)) => {
                assert!(e.message.starts_with(&e.field), "{e:?}");
                assert!(e.message.len() > e.field.len());
            }
        }
    }
    let _ = list_task_templates(task.clone(), "instance");
    let _ = get_task_template(&task, "instance");
    let _ = validate_task(&task);
    let _ = validate_query_params(&task);
    if task.is_nullish() {
        assert!(matches!(create_task(&task, TOKEN), Err(RequestError::Missing { .. })));
        assert!(matches!(update_contact(&task), Err(RequestError::Missing { .. })));
        assert!(matches!(list_task_templates(&task, ""), Err(RequestError::Missing { .. })));
        assert!(matches!(get_task_template(&task, ""), Err(RequestError::Missing { .. })));
    }

    let once = normalize_template_params(&task);
    let twice = normalize_template_params(&once);
    assert!(same(&once, &twice), "{once:?} -> {twice:?}");
    assert_eq!(before, format!("{task:?}"), "an entry point modified its input");
});
