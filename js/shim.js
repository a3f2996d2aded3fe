// Every function the page holds, made here: a forwarder to one of the module's exports (`m`, as
// js/watch.js wraps them), so that it reaches whichever WebAssembly instance is current, also
// after a recovery (src/state/instance.rs). What each call does is decided in Rust
// (src/exports.rs, which asks for these through src/sys/shim.rs); only two steps of an agent
// request run here, because they must run outside the module: sending it, and holding its
// answers until the module can take them (docs/reliability.md).

// The answers to a request (and its timeout) reach the module each once, in the order they
// came, also when the module cannot take one at that moment (the client answered deep in the
// caller's stack, where entering fails before anything changes, or the module is being
// renewed): then it, and every answer after it, waits in the request's `queue` for a stack of
// its own, a microtask later (then on timers, a few times).
function answer(request, deliver) {
  if (request.queue) return void request.queue.push(deliver);
  try { deliver(); } catch { request.queue = [deliver]; flush(request, 0); }
}
function flush(request, tries) {
  const run = () => {
    try {
      while (request.queue.length) { request.queue[0](); request.queue.shift(); }
      request.queue = null;
    } catch (e) {
      if (tries < 3) flush(request, tries + 1); else throw e;
    }
  };
  if (tries) setTimeout(run, 0); else queueMicrotask(run);
}

// `m`: the watched exports; `shared`: what every copy of the bundle on the page shares (./errors.js).
export function makeShim(m, shared) {
  let hook;
  // A task session: its id, and its methods on one shared prototype (the hooks are added by
  // Rust, one per event, from the core's table).
  class TaskSession {
    #id;
    constructor(id) { this.#id = id; }
    connect() { return m.sessionConnect(this.#id); }
    cleanUp() { m.sessionCleanUp(this.#id); }
    static { hook = (event) => function (callback) { return m.sessionOn(this.#id, event, callback); }; }
  }
  return {
    exports: m,
    session: (id) => new TaskSession(id),
    sessionPrototype: TaskSession.prototype,
    hook,
    unsubscribe: (id, subscription) => () => m.sessionOff(id, subscription),
    established: (id, result) => () => m.sessionEstablished(id, result),
    collected: (id) => m.sessionCollected(id),
    onMessage: (manager) => (message) => m.deliverMessage(manager, message),
    onConnection: (manager, event) => () => m.connectionEvent(manager, event),
    // The module builds the request; it is sent here, after the module's call has returned, so
    // that nothing can fail the call once the client has it. A client that throws: the module
    // says whether the call throws that (it cannot take the question at once: it answers later).
    agentMethod: (method) => function (input, callbacks) {
      const [promise, client, name, params, guarded, request] = m.agentCall(method, input, callbacks);
      if (!client) return promise;
      try { client.call(name, params, guarded); } catch (e) {
        let rethrow = false;
        try { rethrow = m.agentClientThrew(request, e, false); } catch { answer(request, () => m.agentClientThrew(request, e, true)); }
        if (rethrow) throw e;
      }
      return promise;
    },
    settle: (request, kind) => (data, extra) => answer(request, () => m.agentSettle(request, kind, data, extra)),
    timedOut: (request) => () => answer(request, () => m.requestTimedOut(request)),
    deferred: () => { const d = {}; d.promise = new Promise((s, f) => { d.success = s; d.failure = f; }); return d; },
    error: (name, message, fields) => new shared.errors[name](message, fields),
    config: shared.config,
    errors: shared.errors,
    recovered: (sessions) => () => { try { m.recoveryReport(sessions); } catch { /* counted in stats() all the same */ } },
    create: (args) => m.sessionCreate(args),
    stats: () => m.stats(),
    setGlobalConfig: (config) => m.setGlobalConfig(config),
    validateTask: (task, template) => m.validateTask(task, template),
  };
}
