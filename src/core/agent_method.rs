//! The four methods TaskJS adds to `connect.Agent.prototype`.

/// One of the agent methods, each variant spelled as its property on `connect.Agent.prototype`:
/// the loader installs them by these names (the glue's `AgentMethod` object), and they cross to
/// JavaScript as numbers.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentMethod {
    createTask,
    updateContact,
    listTaskTemplates,
    getTaskTemplate,
}

impl AgentMethod {
    /// The property name on `connect.Agent.prototype`.
    pub fn name(self) -> &'static str {
        match self {
            AgentMethod::createTask => "createTask",
            AgentMethod::updateContact => "updateContact",
            AgentMethod::listTaskTemplates => "listTaskTemplates",
            AgentMethod::getTaskTemplate => "getTaskTemplate",
        }
    }
}
