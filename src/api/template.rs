//! `connect.TaskJS.validateTask(task, template)`: every problem of a task against the template
//! `getTaskTemplate` gave (`core::template`), as `TaskValidationError`s, before anything is sent.

use crate::api::agent::validation_error;
use crate::api::agent_input::{Js, JsInput};
use crate::api::page;
use crate::core::template::{validate_task as check, TemplateError};
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// The problems, in an array (empty when the task satisfies the template). A `template` that
/// is not what `getTaskTemplate` gives, or a `task` that is not an object, is a `TypeError`.
pub fn validate_task(task: &JsValue, template: &JsValue) -> Result<JsValue, JsValue> {
    let now = js_sys::Date::now() / 1000.0;
    match check(&JsInput, &Js(task.clone()), &Js(template.clone()), now) {
        Ok(problems) => {
            let page = page();
            Ok(problems.iter().map(|e| validation_error(&page, e)).collect::<Array>().into())
        }
        Err(TemplateError::NotATemplate) => {
            let message = "validateTask(task, template): template must be what getTaskTemplate gives, an object with Id, Fields, Constraints and Defaults";
            Err(js_sys::TypeError::new(message).into())
        }
        Err(TemplateError::NotATask) => Err(js_sys::TypeError::new("validateTask(task, template): task must be an object (not an array)").into()),
        Err(TemplateError::Threw(e)) => Err(e.0),
    }
}
