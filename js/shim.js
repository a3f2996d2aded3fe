// Every function the page holds, made here: a one-line forwarder to one of the module's exports
// (`m`, as js/watch.js wraps them), so that it reaches whichever WebAssembly instance is current,
// also after a recovery (src/state/instance.rs). No logic here: what each call does is decided in
// Rust (src/exports.rs), which asks for these through src/sys/shim.rs.
export function makeShim(m) {
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
    session: (id) => new TaskSession(id),
    sessionPrototype: TaskSession.prototype,
    hook,
    unsubscribe: (id, subscription) => () => m.sessionOff(id, subscription),
    established: (id, result) => () => m.sessionEstablished(id, result),
    collected: (id) => m.sessionCollected(id),
    onMessage: (manager) => (message) => m.deliverMessage(manager, message),
    onConnection: (manager, event) => () => m.connectionEvent(manager, event),
    agentMethod: (method) => function (input, callbacks) { return m.agentCall(method, input, callbacks); },
    settle: (request, outcome) => (data, extra) => m.agentSettle(request, outcome, data, extra),
    timedOut: (request) => () => m.requestTimedOut(request),
    agentAssigned: (connect) => (agent) => m.agentAssigned(connect, agent),
    pageEvent: () => m.pageEvent(),
    recovered: (sessions) => () => m.recoveryReport(sessions),
    create: (args) => m.sessionCreate(args),
    stats: () => m.stats(),
    setGlobalConfig: (config) => m.setGlobalConfig(config),
    validateTask: (task, template) => m.validateTask(task, template),
  };
}
