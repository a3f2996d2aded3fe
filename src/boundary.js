// The JavaScript half of the shell: the page-facing objects (connect.TaskSession, session
// objects, agent methods), per-message unpacking, and the small pieces of plumbing (logging,
// promises, property access) that are shorter in JavaScript than as wasm imports.
//
// Every decision stays in Rust: which sessions a message reaches, which events fire, what a
// request contains and whether it is valid. JavaScript reaches Rust through one function,
// `rust(op, a, b, x, y)`, handed over by `install`; the ops are listed below and in
// src/install.rs (`Op`), which must agree.

const CREATE = 0; // x: the create() argument -> session id (throws on bad input)
const SUBSCRIBE = 1; // a: session id, b: event index, x: callback -> subscription id
const UNSUBSCRIBE = 2; // a: session id, b: subscription id
const CONNECT = 3; // a: session id -> undefined, or throws what connect() rejects with
const ESTABLISHED = 4; // a: session id, x: connect()'s result: fires CONNECTION_ESTABLISHED
const CLEAN_UP = 5; // a: session id
const COLLECTED = 6; // a: session id (its object was garbage-collected)
const MESSAGE = 7; // a: packed key ids (see deliver), b: binding index, x: parsed message
const CONNECTION = 8; // a: GAINED, LOST or INIT_FAILED, b: binding index
const AGENT = 9; // b: agent method index, x: the argument's tape, y: callbacks (throws when a required value is missing)
const STATS = 10; // -> [sessions, connected sessions, attached managers, heap bytes or -1]

const GAINED = 0;
const LOST = 1;
const INIT_FAILED = 2;

const TOPIC = 'aws/task';

let rust;
let eventNames;

/// Installs connect.TaskSession, connect.ReferenceType, connect.TaskJS and (now or once
/// Streams is there) the agent methods. The name lists are space-separated, in Rust's order.
/// Returns the module's exports.
export function install(dispatch, hooks, events, referenceTypes, agentMethods, version) {
  rust = dispatch;
  eventNames = events.split(' ');
  agentMethodNames = agentMethods.split(' ');
  defineSessions(hooks.split(' '));
  const connect = connectGlobal();
  const TaskSession = {
    create(args) {
      installAgentMethods();
      return newSession(rust(CREATE, 0, 0, args));
    },
  };
  const ReferenceType = {};
  for (const t of referenceTypes.split(' ')) ReferenceType[t] = t;
  set(connect, 'TaskSession', TaskSession);
  set(connect, 'ReferenceType', ReferenceType);
  set(connect, 'TaskJS', { version, stats });

  if (!installAgentMethods()) {
    // Loaded before Streams: install the moment Streams assigns `connect.Agent`, and try
    // again once the page has loaded the rest of its scripts.
    const retry = () => installAgentMethods();
    Reflect.defineProperty(connect, 'Agent', {
      configurable: true,
      set(agent) {
        defineValue(connect, 'Agent', agent);
        retry();
      },
    });
    if (typeof addEventListener === 'function') {
      for (const event of ['DOMContentLoaded', 'load']) addEventListener(event, retry, { once: true });
    }
  }
  return { TaskSession, ReferenceType, version };
}

// `globalThis.connect`, created as `{}` when it does not exist yet (Streams reuses it).
function connectGlobal() {
  const connect = get(globalThis, 'connect');
  if (connect !== null && typeof connect === 'object') return connect;
  const created = {};
  set(globalThis, 'connect', created);
  return created;
}

// `obj[key] = value`, where a page may have made that fail (a frozen object, a throwing
// setter): then nothing happens, and loading the bundle still succeeds.
function set(obj, key, value) {
  try {
    Reflect.set(obj, key, value);
  } catch (e) {
    // left as the page has it
  }
}

// connect.TaskJS.stats(): diagnostics for leak hunting.
function stats() {
  const [sessions, connectedSessions, attachedManagers, heap] = rust(STATS, 0, 0);
  const out = { sessions, connectedSessions, attachedManagers };
  if (heap >= 0) out.heapBytesInUse = heap; // only with our allocator (the release build)
  return out;
}

/// `obj[key]`, or undefined when reading throws (a hostile getter or proxy) or obj is nullish.
export function get(obj, key) {
  try {
    return obj[key];
  } catch (e) {
    return undefined;
  }
}

/// `new Error(message)`, or a TypeError.
export function newError(message, isTypeError) {
  return isTypeError ? new TypeError(message) : new Error(message);
}

/// Defines `obj[key]` as a plain own data property, whatever was there: also replaces an
/// accessor, and also works for the key `__proto__`.
export function defineValue(obj, key, value) {
  Reflect.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

// --- Agent methods -----------------------------------------------------------------------

let agentMethodNames;
let agentInstalled = false;

// Puts the agent methods on connect.Agent.prototype where Streams has not defined them.
// Returns false while Streams (connect.Agent) is not loaded yet.
function installAgentMethods() {
  if (agentInstalled) return true;
  const prototype = get(get(connectGlobal(), 'Agent'), 'prototype');
  if (prototype === null || typeof prototype !== 'object') return false;
  agentMethodNames.forEach((name, i) => {
    if (get(prototype, name) === undefined) set(prototype, name, agentMethod(i));
  });
  agentInstalled = true;
  return true;
}

// One agent method. Without callbacks it returns a promise; with them, only the first of
// success/failure gets through. The argument is read first (its getters run before those of
// the callbacks), and what reading it throws, the method throws.
function agentMethod(index) {
  return function (arg, callbacks) {
    const input = tape(arg);
    let promise;
    if (callbacks === undefined || callbacks === null) {
      promise = new Promise((success, failure) => {
        callbacks = { success, failure };
      });
    } else {
      callbacks = settleOnce(callbacks);
    }
    rust(AGENT, 0, index, input, callbacks);
    return promise;
  };
}

// Callbacks that let only the first of success/failure through: an object inheriting from
// the caller's (so the client still sees any other members) with guarded success and
// failure of its own. Without either function, the caller's object is kept.
function settleOnce(callbacks) {
  const has = (kind) => typeof get(callbacks, kind) === 'function';
  if (callbacks === null || typeof callbacks !== 'object' || (!has('success') && !has('failure'))) return callbacks;
  let done = false;
  const guarded = Object.create(callbacks);
  for (const kind of ['success', 'failure']) {
    if (has(kind)) {
      defineValue(guarded, kind, (a, b) => {
        if (done) return;
        done = true;
        const f = get(callbacks, kind);
        if (typeof f !== 'function') return;
        try {
          f.call(callbacks, a, b);
        } catch (e) {
          logError('A task request callback threw: %s', kind, e);
        }
      });
    }
  }
  return guarded;
}

/// Sends a request through Streams' client; a client that throws reaches `failure`.
export function send(method, params, callbacks, needsInstanceId) {
  try {
    if (needsInstanceId) params.instanceId = connect.core.getAgentDataProvider().getInstanceId();
    connect.core.getClient().call(method, params, callbacks);
  } catch (e) {
    fail(callbacks, e);
  }
}

/// Calls `callbacks.failure(error)`; without a failure callback the error is thrown instead,
/// so it is never lost. A failure callback that throws is logged.
export function fail(callbacks, error) {
  const failure = get(callbacks, 'failure');
  if (typeof failure !== 'function') throw error;
  try {
    failure.call(callbacks, error);
  } catch (e) {
    logError('A task request failure callback threw: %s', error, e);
  }
}

/// The error a missing required value throws: Streams' own, through connect.assertNotNull.
export function missing(label) {
  const assertNotNull = get(connectGlobal(), 'assertNotNull');
  if (typeof assertNotNull === 'function') {
    try {
      assertNotNull(null, label);
    } catch (e) {
      return e;
    }
  }
  return new Error(label + ' must be provided');
}

/// An Error named TaskValidationError whose `field` names the offending input.
export function validationError(message, field) {
  const e = new Error(message);
  e.name = 'TaskValidationError';
  e.field = field;
  return e;
}

/// 32 random bits from crypto.getRandomValues (Math.random where it is missing).
export function randomU32() {
  try {
    return crypto.getRandomValues(new Uint32Array(1))[0];
  } catch (e) {
    return (Math.random() * 4294967296) >>> 0;
  }
}

/// JavaScript's toUpperCase, for the core's key capitalisation.
export function upperCase(s) {
  return s.toUpperCase();
}

// --- Agent input and output ----------------------------------------------------------------
// Rust reads the caller's input as a flat list ("tape"), read front to back with `at`:
//   undefined | null | a boolean | a number | a string      (the value itself)
//   ARRAY, n, <n values>          OBJECT, n, <n times: key, value>          OPAQUE, value
// Plain objects and arrays nest at most MAX_DEPTH deep; anything else (functions, class
// instances, deeper values) is OPAQUE and comes back as the very same object.
const ARRAY = {};
const OBJECT = {};
const OPAQUE = {};
const MAX_DEPTH = 8;

// The tape of `value`. Getters and proxy traps run here; what they throw propagates.
function tape(value) {
  const out = [ARRAY, OBJECT, OPAQUE]; // the markers first, so Rust can tell them apart
  write(value, 0, out);
  return out;
}

function write(v, depth, out) {
  const type = typeof v;
  if (v === undefined || v === null || type === 'boolean' || type === 'number' || type === 'string') {
    out.push(v);
  } else if (type === 'object' && depth < MAX_DEPTH && Array.isArray(v)) {
    let n = v.length; // a proxy may say anything
    n = typeof n === 'number' && n > 0 ? Math.min(Math.floor(n), 4294967295) : 0;
    out.push(ARRAY, n);
    for (let i = 0; i < n; i++) write(v[i], depth + 1, out);
  } else if (type === 'object' && depth < MAX_DEPTH && isPlainObject(v)) {
    const keys = Object.keys(v);
    out.push(OBJECT, keys.length);
    for (const k of keys) {
      out.push(k);
      write(v[k], depth + 1, out);
    }
  } else {
    out.push(OPAQUE, v);
  }
}

// An object literal's kind of object: its prototype is Object.prototype or null.
function isPlainObject(v) {
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/// `list[i]`.
export function at(list, i) {
  return list[i];
}

/// A new empty array or object (for Rust's output).
export function newArray() {
  return [];
}
export function newObject() {
  return {};
}

/// Appends to an array Rust is building.
export function push(list, value) {
  list.push(value);
}

// --- Sessions ------------------------------------------------------------------------------
// Session objects: methods on one shared prototype, forwarding to Rust with the session's
// id, which sits under a symbol. Like the JavaScript library's class methods, they need the
// session as `this`.
const ID = Symbol('taskjs-rs session id');
let prototype;
let sessions;

function idOf(session) {
  const id = session == null ? undefined : session[ID];
  if (typeof id !== 'number') throw new TypeError('call this method on a task session');
  return id;
}

function defineSessions(hooks) {
  prototype = {};
  hooks.forEach((hook, event) => {
    prototype[hook] = function (callback) {
      const id = idOf(this);
      const subscription = rust(SUBSCRIBE, id, event, callback);
      return () => {
        rust(UNSUBSCRIBE, id, subscription);
      };
    };
  });
  // Resolves to {connectSuccess: true, connectCalled: true} after firing
  // CONNECTION_ESTABLISHED with it, a microtask later (as TaskJS does).
  prototype.connect = function () {
    const id = idOf(this);
    try {
      rust(CONNECT, id, 0);
    } catch (error) {
      return Promise.reject({ _debug: error, connectSuccess: false, connectCalled: true });
    }
    const result = { _debug: undefined, connectSuccess: true, connectCalled: true };
    return Promise.resolve().then(() => {
      rust(ESTABLISHED, id, 0, result);
      return result;
    });
  };
  prototype.cleanUp = function () {
    rust(CLEAN_UP, idOf(this), 0);
  };
  sessions = new FinalizationRegistry((id) => rust(COLLECTED, id, 0));
}

function newSession(id) {
  const session = Object.create(prototype);
  session[ID] = id;
  sessions.register(session, id); // a session never connected is freed when collected
  return session;
}

/// Calls a subscriber with (data, eventName); one that throws is logged, and the caller goes
/// on with the others.
export function invoke(f, data, event) {
  try {
    f(data, eventNames[event]);
  } catch (e) {
    logError('A task session subscriber of %s threw', eventNames[event], e);
  }
}

// --- Websocket managers --------------------------------------------------------------------

/// `manager.subscribeTopics(['aws/task'])`.
export function subscribeTopic(manager) {
  manager.subscribeTopics([TOPIC]);
}

/// Registers binding `index`'s four listeners on the manager; returns their unsubscribe
/// functions (what the onX methods returned), or undefined if one did not return a function
/// (the listeners then stay). If one throws, the ones registered are removed again.
export function listen(manager, index) {
  const undo = [];
  const on = (change) => () => {
    rust(CONNECTION, change, index);
  };
  try {
    undo.push(manager.onMessage(TOPIC, (message) => deliver(message, index)));
    undo.push(manager.onConnectionGain(on(GAINED)));
    undo.push(manager.onConnectionLost(on(LOST)));
    undo.push(manager.onInitFailure(on(INIT_FAILED)));
  } catch (e) {
    callAll(undo);
    throw e;
  }
  return undo.every((f) => typeof f === 'function') ? undo : undefined;
}

/// Calls each function in `list` (unsubscribe functions); what they throw is ignored.
export function callAll(list) {
  for (const f of list) {
    if (typeof f === 'function') {
      try {
        f();
      } catch (e) {
        // the manager's own problem; the others are still called
      }
    }
  }
}

// --- Message delivery ----------------------------------------------------------------------
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

function deliver(message, index) {
  let content;
  try {
    content = message.content;
  } catch (e) {
    content = undefined;
  }
  if (typeof content !== 'string') {
    logError('Dropped an aws/task message whose content is not a string');
    return;
  }
  let data;
  try {
    data = JSON.parse(content);
  } catch (e) {
    // Its length only: the content is customer data, and may be megabytes.
    logError('Dropped an aws/task message whose content (%s characters) is not JSON', content.length, e);
    return;
  }
  if (data === null || typeof data !== 'object') return;
  let packed;
  try {
    // initial key id + contact key id * 2^21 + event code * 2^42 (0 where absent)
    const initial = keys.get(data.InitialContactId) || 0;
    const contact = keys.get(data.ContactId) || 0;
    const type = data.ContentType;
    const code = (typeof type === 'string' && contentTypes.get(type)) || 0;
    packed = initial + contact * 2097152 + code * 4398046511104;
  } catch (e) {
    return; // a throwing getter inherited from a polluted Object.prototype
  }
  rust(MESSAGE, packed, index, data);
}

// --- Logging -------------------------------------------------------------------------------

/// Logs an error through Streams' logger (component `task`). The text may use one %s, filled
/// with `arg`; `exception`, if given, is attached.
export function logError(text, arg, exception) {
  try {
    const entry = connect.getLog().error('task', text, arg);
    if (exception !== undefined) entry.withException(exception);
  } catch (e) {
    // no logger (Streams not loaded): nothing to log to
  }
}
