// A mocked Streams `connect` on globalThis, as a consumer's Jest suite sets one up before it loads
// TaskJS: a recording client and a websocket manager the test drives (globalThis.mocked).
const calls = [];
const handlers = {};
globalThis.connect = {
  ClientMethods: { CREATE_TASK_CONTACT: 'mocked.createTaskContact' },
  Agent: function Agent() {},
  core: {
    getClient: () => ({
      call(method, params, callbacks) {
        calls.push({ method, params });
        callbacks.success({ contactId: 'new-task' });
      },
    }),
  },
};
const websocketManager = {
  subscribeTopics() {},
  onMessage(topic, callback) { handlers[topic] = callback; },
  onConnectionGain() {},
  onConnectionLost() {},
  onInitFailure() {},
};
globalThis.mocked = {
  calls,
  websocketManager,
  task: (message) => handlers['aws/task']({ topic: 'aws/task', content: JSON.stringify(message) }),
};
