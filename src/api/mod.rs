//! The page-facing API: what each export does (`exports.rs` is the way in). Sessions
//! (`session`), our callbacks on websocket managers (`manager`) and what they deliver
//! (`delivery`), the agent methods (`agent`, reading their input through `agent_input`), a
//! template's rules (`template`), the global config (`config`), and what loading the bundle
//! installs (`install`).

pub mod agent;
pub mod agent_input;
pub mod config;
pub mod delivery;
pub mod install;
pub mod manager;
pub mod session;
pub mod template;

use crate::state::record::{self, Page};
use std::rc::Rc;

/// This instance's record, which `install` made (or a fresh instance found).
pub fn page() -> Rc<Page> {
    record::current().unwrap_or_else(|| wasm_bindgen::throw_str("TaskJS is not installed"))
}
