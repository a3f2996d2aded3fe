// The JavaScript side of message delivery: what runs once per websocket message before Rust.
//
// Parsing and property reads are cheapest here, and strings are costly to copy into wasm, so
// Rust interns the values it routes by (sessions' contact ids, the known ContentTypes) into
// the maps below, and a message crosses into wasm as its parsed object plus three small
// integers. Which values are interned, and what the integers mean, is decided in Rust
// (src/core/interner.rs, src/core/events.rs); this file only looks them up.

const keys = new Map(); // contact id value -> key id (SameValueZero: === for JSON values)
const contentTypes = new Map(); // ContentType string -> event code

export function internKey(value, id) {
  keys.set(value, id);
}

export function forgetKey(value) {
  keys.delete(value);
}

export function internContentType(value, code) {
  contentTypes.set(value, code);
}

// What the last unpacked message carried: initial key id + contact key id * 2^21 + event
// code * 2^42 (0 where absent), read by Rust right after unpackMessage.
let unpacked = 0;
let parseError;

export const NOT_A_STRING = 1;
export const NOT_JSON = 2;
export const NOT_AN_OBJECT = 3;

// The parsed content of a websocket message, or a number saying why it was dropped.
export function unpackMessage(message) {
  let content;
  try {
    content = message.content;
  } catch (e) {
    return NOT_A_STRING;
  }
  if (typeof content !== 'string') return NOT_A_STRING;
  let data;
  try {
    data = JSON.parse(content);
  } catch (e) {
    parseError = e;
    return NOT_JSON;
  }
  if (data === null || typeof data !== 'object') return NOT_AN_OBJECT;
  try {
    const initial = keys.get(data.InitialContactId) || 0;
    const contact = keys.get(data.ContactId) || 0;
    const type = data.ContentType;
    const code = (typeof type === 'string' && contentTypes.get(type)) || 0;
    unpacked = initial + contact * 2097152 + code * 4398046511104;
  } catch (e) {
    return NOT_AN_OBJECT; // a throwing getter inherited from a polluted Object.prototype
  }
  return data;
}

export function unpackedKeys() {
  return unpacked;
}

export function takeParseError() {
  const e = parseError;
  parseError = undefined;
  return e;
}

// Calls a subscriber; returns whether it threw (what it threw: takeThrown).
let thrown;
export function invoke(f, data, eventName) {
  try {
    f(data, eventName);
    return false;
  } catch (e) {
    thrown = e;
    return true;
  }
}

export function takeThrown() {
  const e = thrown;
  thrown = undefined;
  return e;
}

// Session objects: methods on one shared prototype, forwarding to Rust's functions (handed
// over once by defineSession) with the session's id, which sits under a symbol. Like the
// JavaScript library's class methods, they need the session as `this`.
const ID = Symbol('taskjs-rs session id');
let prototype;
let sessions;

function idOf(session) {
  const id = session == null ? undefined : session[ID];
  if (typeof id !== 'number') throw new TypeError('call this method on a task session');
  return id;
}

export function defineSession(hooks, subscribe, connect, cleanUp, collected) {
  prototype = {};
  hooks.forEach((hook, event) => {
    prototype[hook] = function (callback) {
      return subscribe(idOf(this), event, callback);
    };
  });
  prototype.connect = function () {
    return connect(idOf(this));
  };
  prototype.cleanUp = function () {
    cleanUp(idOf(this));
  };
  sessions = new FinalizationRegistry((id) => collected(id));
}

export function newSession(id) {
  const session = Object.create(prototype);
  session[ID] = id;
  sessions.register(session, id); // a session never connected is freed when collected
  return session;
}
