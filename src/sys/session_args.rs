//! What `connect.TaskSession.create` is given.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `{contactId, initialContactId, websocketManager}`, read by property access.
    pub type SessionArgs;
    #[wasm_bindgen(method, catch, structural, getter = contactId)]
    pub fn contact_id(this: &SessionArgs) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter = initialContactId)]
    pub fn initial_contact_id(this: &SessionArgs) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, structural, getter = websocketManager)]
    pub fn websocket_manager(this: &SessionArgs) -> Result<JsValue, JsValue>;
}
