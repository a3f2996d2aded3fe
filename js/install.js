// What loading the bundle puts on the page, at once and without the module: connect.TaskSession,
// connect.ReferenceType, connect.TaskJS, and the agent methods on connect.Agent.prototype where
// Streams has not defined them, now or the moment Streams assigns connect.Agent. Every function
// among them is one of the shim's forwarders. The names come from the module's own tables, as
// the glue exports them (its `AgentMethod` and `ReferenceType` enums).
const names = (enumeration) => Object.keys(enumeration).filter((key) => isNaN(key));

export function install(shim, { AgentMethod, ReferenceType }, version) {
  const connect = typeof globalThis.connect === 'object' && globalThis.connect || (globalThis.connect = {});
  const methods = names(AgentMethod);
  const installAgentMethods = () => {
    const prototype = connect.Agent && connect.Agent.prototype;
    if (!prototype) return false;
    methods.forEach((name) => { if (prototype[name] === undefined) prototype[name] = shim.agentMethod(AgentMethod[name]); });
    return true;
  };
  const api = {
    // (A first session also installs the agent methods, for pages that load Streams unusually.)
    TaskSession: { create: (args) => (installAgentMethods(), shim.create(args)), setGlobalConfig: shim.setGlobalConfig },
    ReferenceType: Object.fromEntries(names(ReferenceType).map((name) => [name, name])),
    version,
    validateTask: shim.validateTask,
    ...shim.errors,
  };
  const TaskJS = { version, stats: shim.stats, validateTask: shim.validateTask, ...shim.errors };
  // The `trap-for-tests` build's hooks (tests/stress/recovery.test.mjs, guards.test.mjs).
  if (shim.exports.trapForTests) Object.assign(TaskJS, { __trap: shim.exports.trapForTests, __entries: shim.exports.entries, __exports: shim.exports });
  for (const [key, value] of [['TaskSession', api.TaskSession], ['ReferenceType', api.ReferenceType], ['TaskJS', TaskJS]]) {
    try { connect[key] = value; } catch { /* a frozen connect keeps what it has */ }
  }
  if (!installAgentMethods()) {
    // Loaded before Streams: a one-shot setter on connect.Agent that turns back into a plain
    // property, and the page's DOMContentLoaded and load as a backstop.
    try {
      Object.defineProperty(connect, 'Agent', { configurable: true, set(Agent) {
        Object.defineProperty(connect, 'Agent', { value: Agent, writable: true, enumerable: true, configurable: true });
        installAgentMethods();
      } });
    } catch { /* a frozen connect: the backstops only */ }
    if (globalThis.document && document.readyState !== 'complete') {
      for (const event of ['DOMContentLoaded', 'load']) addEventListener(event, installAgentMethods, { once: true });
    }
  }
  return api;
}
