// taskjs-rs on a mocked `connect`, in Jest (jsdom): the mock is made before taskjs-rs is loaded,
// and changed, never replaced, afterwards.
const sent = [];
globalThis.connect = {
  Agent: function Agent() {},
  ClientMethods: { CREATE_TASK_CONTACT: 'createTaskContact' },
  core: {
    getClient: () => ({ call: (method, params, callbacks) => { sent.push({ method, params }); callbacks.success({ contactId: 'task-1' }); } }),
  },
};

let TaskValidationError;
beforeAll(async () => {
  ({ TaskValidationError } = await import('taskjs-rs'));
});

test('a task is created through the client', async () => {
  const endpoint = { endpointARN: 'arn:aws:connect:us-west-2:111122223333:instance/i/transfer-destination/qc-1', type: 'queue' };
  const { contactId } = await new connect.Agent().createTask({ name: 'Call back', endpoint });
  expect(contactId).toBe('task-1');
  expect(sent[0].method).toBe('createTaskContact');
  expect(sent[0].params.name).toBe('Call back');
});

test('a task the service would refuse is not sent', async () => {
  sent.length = 0;
  await expect(new connect.Agent().createTask({ name: 'x'.repeat(513), endpoint: {} })).rejects.toBeInstanceOf(TaskValidationError);
  expect(sent).toEqual([]);
});

test('a session delivers the messages of its contact', () => {
  const listeners = {};
  const websocketManager = {
    subscribeTopics() {},
    onMessage: (topic, f) => { listeners[topic] = f; },
    onConnectionGain() {}, onConnectionLost() {}, onInitFailure() {},
  };
  const session = connect.TaskSession.create({ contactId: 'c-1', initialContactId: 'c-1', websocketManager });
  const seen = [];
  session.onTransferSucceeded((message) => seen.push(message.Id));
  session.connect();
  listeners['aws/task']({ topic: 'aws/task', content: JSON.stringify({ Id: 'm-1', ContactId: 'c-1', ContentType: 'application/vnd.amazonaws.connect.event.transfer.succeeded' }) });
  expect(seen).toEqual(['m-1']);
  session.cleanUp();
});
