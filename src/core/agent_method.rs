//! The four methods TaskJS adds to `connect.Agent.prototype`.

/// One of the agent methods. Crosses to JavaScript as a number (the loader's shim binds each
/// method to its own).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentMethod {
    CreateTask,
    UpdateContact,
    ListTaskTemplates,
    GetTaskTemplate,
}

impl AgentMethod {
    pub const ALL: [AgentMethod; 4] =
        [AgentMethod::CreateTask, AgentMethod::UpdateContact, AgentMethod::ListTaskTemplates, AgentMethod::GetTaskTemplate];

    /// The property name on `connect.Agent.prototype`.
    pub fn name(self) -> &'static str {
        match self {
            AgentMethod::CreateTask => "createTask",
            AgentMethod::UpdateContact => "updateContact",
            AgentMethod::ListTaskTemplates => "listTaskTemplates",
            AgentMethod::GetTaskTemplate => "getTaskTemplate",
        }
    }
}
