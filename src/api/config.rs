//! `connect.TaskSession.setGlobalConfig({requestTimeoutMs})`: how long an agent request waits
//! for its answer (`core::config`), kept in the page's configuration (the shim's), which every
//! copy of the bundle on the page reads and which outlives an instance.

use crate::api::agent_input::{Js, JsInput};
use crate::api::page;
use crate::core::config::{read_config, ConfigError};
use wasm_bindgen::prelude::*;

/// Applies `config`; a bad value is refused with a `TypeError` naming the key, and nothing
/// changes.
pub fn set_global_config(config: &JsValue) -> Result<(), JsValue> {
    match read_config(&JsInput, &Js(config.clone())) {
        Ok(change) => {
            page().configure(&change);
            Ok(())
        }
        Err(ConfigError::Invalid(message)) => Err(js_sys::TypeError::new(&message).into()),
        Err(ConfigError::Threw(e)) => Err(e.0),
    }
}
