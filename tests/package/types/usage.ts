// Uses every public item of dist/index.d.ts, beside Streams' own declarations, as an app would.
// Must compile with `tsc --noEmit --strict` (tests/package/types.test.mjs).
import 'amazon-connect-streams';
import {
  TaskSession, ReferenceType, version, validateTask, TaskValidationError, TaskTimeoutError, TaskServiceError,
  type CreateTaskResult, type NewTask, type NewTemplatedTask, type ReferenceTypeName, type ReferenceTypes,
  type TaskCallbacks, type TaskConnectResult, type TaskConnectionData, type TaskEndpoint, type TaskEventMessage,
  type TaskEventName, type TaskJSStats, type TaskReference, type TaskReferences, type TaskSessionFactory,
  type TaskSessionOptions, type TaskSubscriber, type TaskTemplate, type TaskTemplateList, type TaskTemplateParams,
  type TaskTemplateQuery, type TaskTemplateSummary, type TaskUpdate, type TaskGlobalConfig,
  type TaskWebSocketManager, type Unsubscribe,
} from 'taskjs-rs';

// --- The module's exports are the global ones.
const factory: TaskSessionFactory = TaskSession;
const sameFactory: boolean = factory === connect.TaskSession;
const types: ReferenceTypes = ReferenceType;
const names: ReferenceTypeName[] = [types.URL, types.EMAIL, types.NUMBER, types.STRING, types.DATE];
const globalNames: ReferenceTypeName[] = [
  connect.ReferenceType.URL, connect.ReferenceType.EMAIL, connect.ReferenceType.NUMBER,
  connect.ReferenceType.STRING, connect.ReferenceType.DATE,
];
const versions: string[] = [version, connect.TaskJS.version];
const stats: TaskJSStats = connect.TaskJS.stats();
const counts: number[] = [stats.sessions, stats.connectedSessions, stats.attachedManagers, stats.heapBytesInUse ?? 0];

// --- Sessions: Streams' websocket manager, or anything shaped like what a session uses.
const options: TaskSessionOptions = {
  contactId: 'c-1',
  initialContactId: 'c-0',
  websocketManager: connect.core.getWebSocketManager(),
};
const session: TaskSession = connect.TaskSession.create(options);
const ownManager: TaskWebSocketManager = {
  subscribeTopics: (topics: string[]) => topics.length,
  onMessage: (topic, callback) => callback({ topic, content: '{}' }),
  onConnectionGain: (callback) => callback(),
  onConnectionLost: (callback) => callback(),
  onInitFailure: (callback) => callback(),
};
const other = TaskSession.create({ contactId: 'c-2', websocketManager: ownManager });

const seen: TaskEventName[] = [];
const onEvent: TaskSubscriber<TaskEventMessage, 'TRANSFER_INITIATED'> = (message, eventName) => {
  seen.push(eventName);
  const fields: (string | undefined)[] = [message.ContentType, message.ContactId, message.InitialContactId, message.Id, message.AbsoluteTime];
  const extra: unknown = message.SomethingNew;
  console.log(fields, extra);
};
const stops: Unsubscribe[] = [
  session.onTransferInitiated(onEvent),
  session.onTransferSucceeded((m, e: 'TRANSFER_SUCCEEDED') => seen.push(e)),
  session.onTransferFailed((m, e) => seen.push(e)),
  session.onTaskExpiring((m) => console.log(m.AbsoluteTime)),
  session.onTaskExpired((m, e: TaskEventName) => seen.push(e)),
  session.onMessage((m: TaskEventMessage, e: 'INCOMING_MESSAGE') => seen.push(e)),
  session.onConnectionEstablished((d: TaskConnectionData, e) => console.log(d.connectSuccess === true, e)),
  session.onConnectionBroken((d, e: 'CONNECTION_BROKEN') => seen.push(e)),
  session.onConnectionLost((d, e: 'CONNECTION_LOST') => seen.push(e)),
];
stops.forEach((stop) => stop());

async function follow(): Promise<boolean> {
  const result: TaskConnectResult = await session.connect();
  session.cleanUp();
  other.cleanUp();
  return result.connectSuccess && result.connectCalled;
}

// --- Agent methods: callback form (returns nothing) and promise form.
async function agentCalls(agent: connect.Agent, endpoint: connect.Endpoint): Promise<void> {
  const references: TaskReferences = {
    url: { type: connect.ReferenceType.URL, value: 'https://example.com' },
    email: { type: ReferenceType.EMAIL, value: 'someone@example.com' },
    number: { type: 'NUMBER', value: 42 },
    date: { type: connect.ReferenceType.DATE, value: 1700000000 },
    text: { type: ReferenceType.STRING, value: 'note' },
  };
  const one: TaskReference = { type: 'NUMBER', value: '42.5' };
  const plain: NewTask = { name: 'Call back', description: 'after 5pm', endpoint, references, previousContactId: 'c-1', scheduledTime: 1700000000 };
  const quickConnect: TaskEndpoint = { endpointARN: 'arn:aws:connect:::transfer-destination/qc', endpointId: 'qc', type: 'agent', name: 'Desk' };
  const templated: NewTemplatedTask = { name: 'Refund', taskTemplateId: 'tpl-1', endpoint: quickConnect, references: { claim: one } };

  const callbacks: TaskCallbacks<CreateTaskResult> = {
    success(data) { console.log(data.contactId ?? data.ContactId); },
    failure(error) {
      // The error classes narrow with instanceof, whichever copy of the bundle made the error.
      if (error instanceof TaskValidationError) console.log(error.field, error.message);
      else if (error instanceof TaskTimeoutError) console.log(error.method, error.timeoutMs);
      else if (error instanceof connect.TaskJS.TaskServiceError) console.log(error.type, error.status, error.cause);
    },
  };
  const nothing: void = agent.createTask(plain, callbacks);
  agent.createTask(templated, { success: (d) => console.log(d.ContactId), failure: (e: Error) => console.log(e.message) });
  const created: CreateTaskResult = await agent.createTask(plain);
  const { contactId } = await agent.createTask(templated);

  const update: TaskUpdate = { contactId: contactId ?? created.ContactId ?? '', name: 'Refund (urgent)', description: 'd', references };
  agent.updateContact(update, { success() {}, failure() {} });
  await agent.updateContact(update);

  const query: TaskTemplateQuery = { status: 'active', maxResults: 50, nextToken: 'n' };
  agent.listTaskTemplates({ status: 'ACTIVE' }, { success: (list: TaskTemplateList) => console.log(list.NextToken) });
  const list = await agent.listTaskTemplates(query);
  const summaries: readonly TaskTemplateSummary[] = list.TaskTemplates ?? [];

  const params: TaskTemplateParams = { id: summaries[0]?.Id ?? 'tpl-1', version: 2 };
  agent.getTaskTemplate(params, { success: (t: TaskTemplate) => console.log(t.Name) });
  const template: TaskTemplate = await agent.getTaskTemplate({ id: 'tpl-1' });
  console.log(nothing, template.Id);

  // A refused promise rejects with a TaskServiceError (the service's refusal), a TaskTimeoutError or
  // a TaskValidationError.
  try {
    await agent.createTask(plain);
  } catch (error) {
    if (error instanceof TaskServiceError) {
      const fields: [string, string | undefined, number | undefined, unknown] = [error.message, error.type, error.status, error.cause];
      console.log(fields);
    }
  }

  // The configuration of the page, and a template's rules before sending.
  const config: TaskGlobalConfig = { requestTimeoutMs: 30000 };
  TaskSession.setGlobalConfig(config);
  connect.TaskSession.setGlobalConfig({ requestTimeoutMs: 0 });
  const problems: TaskValidationError[] = validateTask(templated, template);
  const sameProblems: TaskValidationError[] = connect.TaskJS.validateTask({ name: 'n' }, template);
  console.log(problems.map((p) => p.field), sameProblems.length);
  // Tests can make the errors an app handles.
  const made = [new TaskValidationError('name is required', { field: 'name' }), new TaskTimeoutError('late', { method: 'createTemplatedTask', timeoutMs: 5 }),
    new TaskServiceError('no such queue', { type: 'ResourceNotFoundException', status: 404, cause: '{}' })];
  console.log(made.every((e) => e instanceof Error));

  // Streams' own createTask signature is still there.
  const streamsTask: connect.TaskContactDefinition = { name: 'n', description: 'd', endpoint, references: {} };
  agent.createTask(streamsTask, { success() {} });
}

connect.agent((agent) => {
  void agentCalls(agent, connect.Endpoint.byPhoneNumber('+15555550100'));
});
console.log(sameFactory, names, globalNames, versions, counts, follow);
