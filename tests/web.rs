//! The wasm-bindgen layer in a real browser (`wasm-pack test --headless --chrome`).
//!
//! Streams is not on this page, so the websocket manager here is a small recorder with
//! Streams' `WebSocketProvider` interface (`onX(cb)` returns an unsubscribe function). The
//! page tests (tests/page) run the same code beside the real Streams release.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// What the bundle's loader does (js/index.js), with the loader's own modules: the watched exports
// of the glue (here: the test runner's glue module, `/wasm-bindgen-test`, two folders up), the
// shim's forwarders to them, and the API installed on `connect`. The module is the runner's, so
// the loader's `start` only makes the record.
#[wasm_bindgen(module = "/js/watch.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = watch)]
    static WATCH: JsValue;
}
#[wasm_bindgen(module = "/js/shim.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = makeShim)]
    static MAKE_SHIM: JsValue;
}
#[wasm_bindgen(module = "/js/install.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = install)]
    static INSTALL: JsValue;
}
#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = shared)]
    static SHARED: JsValue;
}
#[wasm_bindgen(inline_js = "import * as glue from '../../wasm-bindgen-test';
export function load(watch, makeShim, install, shared) {
  let shim;
  let started = false;
  const start = () => { if (!started) { glue.start(shim); started = true; } };
  shim = makeShim(watch(glue, start), shared);
  return install(shim, glue, 'test');
}")]
extern "C" {
    fn load(watch: &JsValue, make_shim: &JsValue, install: &JsValue, shared: &JsValue) -> JsValue;
}

thread_local! {
    static API: JsValue = WATCH.with(|w| MAKE_SHIM.with(|m| INSTALL.with(|i| SHARED.with(|s| load(w, m, i, s)))));
}

/// The module's exports as the page gets them, installed once.
fn install() -> JsValue {
    API.with(JsValue::clone)
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &k.into()).unwrap()
}

fn call(o: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(o, method).unchecked_into();
    f.apply(o, &args.iter().map(|a| (*a).clone()).collect::<Array>())
}

/// A websocket manager that records its listeners and lets the test call them.
struct Manager {
    object: Object,
    listeners: Rc<RefCell<Vec<(String, Function)>>>,
    topics: Rc<RefCell<Vec<String>>>,
}

impl Manager {
    fn new() -> Manager {
        let object = Object::new();
        let listeners: Rc<RefCell<Vec<(String, Function)>>> = Default::default();
        let topics: Rc<RefCell<Vec<String>>> = Default::default();
        for kind in ["onConnectionGain", "onConnectionLost", "onInitFailure"] {
            let l = listeners.clone();
            let register = Closure::<dyn FnMut(Function) -> JsValue>::new(move |f: Function| {
                l.borrow_mut().push((kind.to_string(), f.clone()));
                remover(l.clone(), f)
            });
            Reflect::set(&object, &kind.into(), &register.into_js_value()).unwrap();
        }
        let l = listeners.clone();
        let on_message = Closure::<dyn FnMut(String, Function) -> JsValue>::new(move |topic: String, f: Function| {
            l.borrow_mut().push((topic, f.clone()));
            remover(l.clone(), f)
        });
        Reflect::set(&object, &"onMessage".into(), &on_message.into_js_value()).unwrap();
        let t = topics.clone();
        let subscribe = Closure::<dyn FnMut(Array)>::new(move |list: Array| {
            t.borrow_mut().extend(list.iter().filter_map(|v| v.as_string()));
        });
        Reflect::set(&object, &"subscribeTopics".into(), &subscribe.into_js_value()).unwrap();
        Manager { object, listeners, topics }
    }

    fn emit(&self, kind: &str, arg: &JsValue) {
        let targets: Vec<Function> = self
            .listeners
            .borrow()
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, f)| f.clone())
            .collect();
        for f in targets {
            f.call1(&JsValue::NULL, arg).expect("a listener threw into the manager");
        }
    }

    fn message(&self, content: &str) {
        let m = Object::new();
        Reflect::set(&m, &"topic".into(), &"aws/task".into()).unwrap();
        Reflect::set(&m, &"content".into(), &content.into()).unwrap();
        self.emit("aws/task", &m);
    }

    fn listener_count(&self) -> usize {
        self.listeners.borrow().len()
    }
}

fn remover(list: Rc<RefCell<Vec<(String, Function)>>>, f: Function) -> JsValue {
    Closure::<dyn FnMut()>::new(move || list.borrow_mut().retain(|(_, g)| g != &f)).into_js_value()
}

fn create(manager: &Manager, contact: &str, initial: &str) -> JsValue {
    let api = install();
    let args = Object::new();
    Reflect::set(&args, &"contactId".into(), &contact.into()).unwrap();
    Reflect::set(&args, &"initialContactId".into(), &initial.into()).unwrap();
    Reflect::set(&args, &"websocketManager".into(), &manager.object).unwrap();
    call(&get(&api, "TaskSession"), "create", &[&args]).unwrap()
}

/// A subscriber that appends `eventName` (and the message's `Id`, if any) to a log.
fn recorder(log: &Rc<RefCell<Vec<String>>>) -> JsValue {
    let log = log.clone();
    Closure::<dyn FnMut(JsValue, JsValue)>::new(move |data: JsValue, name: JsValue| {
        let mut entry = name.as_string().unwrap();
        if let Some(id) = get(&data, "Id").as_string() {
            entry.push(':');
            entry.push_str(&id);
        }
        log.borrow_mut().push(entry);
    })
    .into_js_value()
}

#[wasm_bindgen_test]
fn install_puts_the_api_on_connect() {
    let exports = install();
    let connect = get(&js_sys::global(), "connect");
    assert!(get(&get(&connect, "TaskSession"), "create").is_function());
    assert_eq!(get(&get(&connect, "TaskJS"), "version"), get(&exports, "version"));
    let types = get(&connect, "ReferenceType");
    for t in ["URL", "EMAIL", "NUMBER", "STRING", "DATE"] {
        assert_eq!(get(&types, t).as_string().as_deref(), Some(t));
    }
}

#[wasm_bindgen_test]
fn create_without_arguments_is_a_clear_type_error() {
    let api = install();
    let err = call(&get(&api, "TaskSession"), "create", &[]).unwrap_err();
    assert!(err.is_instance_of::<js_sys::TypeError>());
    let msg = get(&err, "message").as_string().unwrap();
    assert!(msg.contains("websocketManager"), "{msg}");
}

#[wasm_bindgen_test]
fn a_hook_needs_a_function() {
    let m = Manager::new();
    let s = create(&m, "c", "i");
    assert!(call(&s, "onMessage", &[&JsValue::from(3)]).is_err());
}

#[wasm_bindgen_test]
async fn messages_reach_the_matching_session_in_order() {
    let m = Manager::new();
    let s = create(&m, "c1", "i1");
    let other = create(&m, "c2", "i2");
    let log = Rc::new(RefCell::new(Vec::new()));
    call(&s, "onTransferSucceeded", &[&recorder(&log)]).unwrap();
    call(&s, "onMessage", &[&recorder(&log)]).unwrap();
    call(&other, "onMessage", &[&Closure::<dyn FnMut()>::new(|| panic!("wrong session")).into_js_value()]).unwrap();
    JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    assert_eq!(*m.topics.borrow(), ["aws/task"]);
    m.message(r#"{"Id":"1","ContentType":"application/vnd.amazonaws.connect.event.transfer.succeeded","InitialContactId":"i1","ContactId":"c1"}"#);
    m.message(r#"{"Id":"2","ContentType":"text/plain","InitialContactId":"i1","ContactId":"c9"}"#);
    m.message(r#"{"Id":"3","ContentType":"text/plain","InitialContactId":"i9","ContactId":"c1"}"#);
    m.message(r#"{"Id":"4","InitialContactId":"i9","ContactId":"c9"}"#);
    assert_eq!(
        *log.borrow(),
        ["TRANSFER_SUCCEEDED:1", "INCOMING_MESSAGE:1", "INCOMING_MESSAGE:2", "INCOMING_MESSAGE:3"]
    );
}

#[wasm_bindgen_test]
async fn connect_fires_established_with_its_result_before_resolving() {
    let m = Manager::new();
    let s = create(&m, "c", "i");
    let seen = Rc::new(RefCell::new(JsValue::UNDEFINED));
    let seen2 = seen.clone();
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |d: JsValue| *seen2.borrow_mut() = d).into_js_value();
    call(&s, "onConnectionEstablished", &[&cb]).unwrap();
    let result = JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    assert_eq!(get(&result, "connectSuccess"), JsValue::TRUE);
    assert_eq!(get(&result, "connectCalled"), JsValue::TRUE);
    assert_eq!(*seen.borrow(), result);
}

#[wasm_bindgen_test]
async fn bad_content_is_dropped_without_throwing_into_the_manager() {
    let m = Manager::new();
    let s = create(&m, "c", "i");
    let log = Rc::new(RefCell::new(Vec::new()));
    call(&s, "onMessage", &[&recorder(&log)]).unwrap();
    JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    for bad in ["{not json", "42", "null", "\"text\"", ""] {
        m.message(bad);
    }
    m.emit("aws/task", &JsValue::NULL);
    m.message(r#"{"Id":"ok","ContactId":"c"}"#);
    assert_eq!(*log.borrow(), ["INCOMING_MESSAGE:ok"]);
}

#[wasm_bindgen_test]
async fn a_throwing_subscriber_does_not_stop_the_others() {
    let m = Manager::new();
    let s = create(&m, "c", "i");
    let log = Rc::new(RefCell::new(Vec::new()));
    let thrower = Closure::<dyn FnMut() -> Result<(), JsValue>>::new(|| {
        Err(js_sys::Error::new("subscriber failure").into())
    })
    .into_js_value();
    call(&s, "onMessage", &[&thrower]).unwrap();
    call(&s, "onMessage", &[&recorder(&log)]).unwrap();
    JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    m.message(r#"{"Id":"x","ContactId":"c"}"#);
    assert_eq!(*log.borrow(), ["INCOMING_MESSAGE:x"]);
}

#[wasm_bindgen_test]
async fn unsubscribe_functions_and_connection_events() {
    let m = Manager::new();
    let s = create(&m, "c", "i");
    let log = Rc::new(RefCell::new(Vec::new()));
    let off: Function = call(&s, "onMessage", &[&recorder(&log)]).unwrap().unchecked_into();
    for hook in ["onConnectionEstablished", "onConnectionLost", "onConnectionBroken"] {
        call(&s, hook, &[&recorder(&log)]).unwrap();
    }
    JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    off.call0(&JsValue::NULL).unwrap();
    off.call0(&JsValue::NULL).unwrap();
    m.message(r#"{"Id":"gone","ContactId":"c"}"#);
    m.emit("onConnectionLost", &JsValue::UNDEFINED);
    m.emit("onConnectionGain", &JsValue::UNDEFINED);
    m.emit("onInitFailure", &JsValue::UNDEFINED);
    assert_eq!(
        *log.borrow(),
        ["CONNECTION_ESTABLISHED", "CONNECTION_LOST", "CONNECTION_ESTABLISHED", "CONNECTION_BROKEN"]
    );
}

#[wasm_bindgen_test]
async fn clean_up_is_safe_anytime_and_releases_the_manager() {
    let m = Manager::new();
    let early = create(&m, "c", "i");
    call(&early, "cleanUp", &[]).unwrap();
    call(&early, "cleanUp", &[]).unwrap();
    // A cleaned-up session is over: hooks are inert and connect() rejects.
    call(&early, "onMessage", &[&recorder(&Rc::new(RefCell::new(Vec::new())))]).unwrap();
    let outcome = JsFuture::from(call(&early, "connect", &[]).unwrap().unchecked_into::<Promise>()).await;
    assert_eq!(get(&outcome.unwrap_err(), "connectSuccess"), JsValue::FALSE);
    assert_eq!(m.listener_count(), 0);

    let s = create(&m, "c", "i");
    let log = Rc::new(RefCell::new(Vec::new()));
    call(&s, "onMessage", &[&recorder(&log)]).unwrap();
    JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    assert_eq!(m.listener_count(), 4);
    call(&s, "cleanUp", &[]).unwrap();
    call(&s, "cleanUp", &[]).unwrap();
    assert_eq!(m.listener_count(), 0, "all four listeners removed from the manager");
    m.message(r#"{"Id":"late","ContactId":"c"}"#);
    assert!(log.borrow().is_empty());
    // A new session on the manager attaches again but does not resend the topic subscription.
    let again = create(&m, "c", "i");
    JsFuture::from(call(&again, "connect", &[]).unwrap().unchecked_into::<Promise>()).await.unwrap();
    assert_eq!(m.listener_count(), 4);
    assert_eq!(m.topics.borrow().len(), 1);
    call(&again, "cleanUp", &[]).unwrap();
}

#[wasm_bindgen_test]
async fn connect_without_a_manager_rejects_instead_of_throwing() {
    let api = install();
    let args = Object::new();
    Reflect::set(&args, &"contactId".into(), &"c".into()).unwrap();
    let s = call(&get(&api, "TaskSession"), "create", &[&args]).unwrap();
    let outcome = JsFuture::from(call(&s, "connect", &[]).unwrap().unchecked_into::<Promise>()).await;
    let err = outcome.unwrap_err();
    assert_eq!(get(&err, "connectSuccess"), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn the_shells_content_type_index_agrees_with_the_core() {
    // The shell classifies a message's ContentType through a JavaScript Map made from the core's
    // table (no copy of the string into wasm memory); it must answer as the core's classify does.
    use taskjs::core::events::{classify, CONTENT_TYPES};
    let mut samples: Vec<String> = CONTENT_TYPES.iter().map(|(ct, _)| ct.to_string()).collect();
    for (ct, _) in CONTENT_TYPES {
        samples.push(ct.to_uppercase());
        samples.push(format!("{ct} "));
        samples.push(ct[..ct.len() - 1].to_string());
    }
    samples.extend(["", "text/plain", "constructor", "__proto__", "application/vnd.amazonaws.connect.event.participant.joined"].map(String::from));
    for sample in &samples {
        assert_eq!(taskjs::api::delivery::classify(&JsValue::from_str(sample)), classify(sample), "{sample:?}");
    }
    for not_a_string in [JsValue::NULL, JsValue::UNDEFINED, JsValue::from(1), Object::new().into()] {
        assert_eq!(taskjs::api::delivery::classify(&not_a_string), None);
    }
}
