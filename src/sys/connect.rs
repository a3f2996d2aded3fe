//! Streams' `connect` global and what the agent methods use of `connect.core`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// Streams' `connect` global.
    pub type Connect;
    #[wasm_bindgen(method, catch, structural, js_name = assertNotNull)]
    pub fn assert_not_null(this: &Connect, value: &JsValue, label: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter)]
    pub fn core(this: &Connect) -> Result<Core, JsValue>;

    /// `connect.core`.
    pub type Core;
    #[wasm_bindgen(method, catch, structural, js_name = getClient)]
    pub fn get_client(this: &Core) -> Result<Client, JsValue>;
    #[wasm_bindgen(method, catch, structural, js_name = getAgentDataProvider)]
    pub fn get_agent_data_provider(this: &Core) -> Result<AgentDataProvider, JsValue>;

    /// `connect.core.getClient()`: sends requests to the CCP.
    pub type Client;
    #[wasm_bindgen(method, catch, structural)]
    pub fn call(this: &Client, method: &JsValue, params: &JsValue, callbacks: &JsValue) -> Result<JsValue, JsValue>;

    /// `connect.core.getAgentDataProvider()`.
    pub type AgentDataProvider;
    #[wasm_bindgen(method, catch, structural, js_name = getInstanceId)]
    pub fn get_instance_id(this: &AgentDataProvider) -> Result<JsValue, JsValue>;
}

/// The `connect` global as it is now (a page or a test may replace it).
pub fn connect() -> Connect {
    crate::sys::builtins::global("connect").unchecked_into()
}
