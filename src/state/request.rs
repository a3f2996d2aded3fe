//! An agent request in flight: a JavaScript object, so that it outlives an instance (a recovery
//! while a request waits does not lose its answer), holding where it is (`core::settlement`),
//! the caller's callbacks (or the promise's), the client method, and its timer. This module is
//! its only writer, but for `queue`: the answers the shim holds until the module can take them.

use crate::core::settlement::{on_answer, on_timeout, OnAnswer, Stage};
use crate::sys::timers;
use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type PendingRequest;
    #[wasm_bindgen(method, getter, js_name = stage)]
    fn stage_number(this: &PendingRequest) -> Option<f64>;
    #[wasm_bindgen(method, setter)]
    fn set_stage(this: &PendingRequest, stage: Stage);
    /// The caller's callbacks (the promise's own, for the promise form).
    #[wasm_bindgen(method, getter)]
    pub fn callbacks(this: &PendingRequest) -> JsValue;
    #[wasm_bindgen(method, setter)]
    fn set_callbacks(this: &PendingRequest, callbacks: &JsValue);
    /// The client method's name, as Streams called it.
    #[wasm_bindgen(method, getter)]
    pub fn method(this: &PendingRequest) -> JsValue;
    #[wasm_bindgen(method, setter)]
    fn set_method(this: &PendingRequest, method: &JsValue);
    /// Whether the caller holds a promise (the callbacks are the promise's own).
    #[wasm_bindgen(method, getter)]
    pub fn promise(this: &PendingRequest) -> bool;
    #[wasm_bindgen(method, setter)]
    fn set_promise(this: &PendingRequest, promise: bool);
    /// Answers waiting for the module, in the order they came (the shim's, `js/shim.js`).
    #[wasm_bindgen(method, getter)]
    fn queue(this: &PendingRequest) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn timer(this: &PendingRequest) -> JsValue;
    #[wasm_bindgen(method, setter)]
    fn set_timer(this: &PendingRequest, timer: &JsValue);
    /// When its timeout ends it (`Date.now()`), while it has one.
    #[wasm_bindgen(method, getter)]
    pub fn deadline(this: &PendingRequest) -> f64;
    #[wasm_bindgen(method, setter)]
    fn set_deadline(this: &PendingRequest, at: f64);
    #[wasm_bindgen(method, getter, js_name = timeoutMs)]
    pub fn timeout_ms(this: &PendingRequest) -> f64;
    #[wasm_bindgen(method, setter, js_name = timeoutMs)]
    fn set_timeout_ms(this: &PendingRequest, ms: f64);
}

impl PendingRequest {
    /// Where it is (an object that is no request of ours has ended).
    fn stage(&self) -> Stage {
        match self.stage_number() {
            Some(n) if n == Stage::Waiting as u32 as f64 => Stage::Waiting,
            Some(n) if n == Stage::TimedOut as u32 as f64 => Stage::TimedOut,
            _ => Stage::Answered,
        }
    }

    /// A request for `callbacks` (a promise's, when `promise`), to be sent as client method
    /// `method`, waiting.
    pub fn new(callbacks: &JsValue, method: &JsValue, promise: bool) -> PendingRequest {
        let request: PendingRequest = Object::new().unchecked_into();
        request.set_stage(Stage::Waiting);
        request.set_callbacks(callbacks);
        request.set_method(method);
        request.set_promise(promise);
        request
    }

    /// Starts its timeout (`handler` ends it), unless it has ended already.
    pub fn start_timer(&self, handler: &Function, timeout_ms: f64) {
        if self.stage() != Stage::Waiting {
            return;
        }
        if let Some(timer) = timers::start(handler, timeout_ms) {
            self.set_timeout_ms(timeout_ms);
            self.set_deadline(js_sys::Date::now() + timeout_ms);
            self.set_timer(&timer);
        }
    }

    /// An answer came: what to do with it. Delivering ends the request and stops its timer.
    pub fn answer(&self) -> OnAnswer {
        let (what, next) = on_answer(self.stage());
        self.set_stage(next);
        if what == OnAnswer::Deliver {
            self.stop_timer();
        }
        what
    }

    /// Its timeout came: whether that ends it.
    pub fn time_out(&self) -> bool {
        let (ends, next) = on_timeout(self.stage());
        self.set_stage(next);
        ends
    }

    /// Whether it waits for its answer: not ended, and no answer on its way (waiting for the
    /// module in the shim's queue).
    pub fn is_waiting(&self) -> bool {
        self.stage() == Stage::Waiting && !self.queue().is_object()
    }

    /// It ends without an answer (sending it threw, and the call throws): a later answer is
    /// dropped, and its timer stops.
    pub fn abandon(&self) {
        self.set_stage(Stage::Answered);
        self.stop_timer();
    }

    fn stop_timer(&self) {
        let timer = self.timer();
        if !timer.is_undefined() {
            timers::stop(&timer);
            self.set_timer(&JsValue::UNDEFINED);
        }
    }
}
