// Code written against amazon-connect-taskjs 2.1.0's declarations (its src/index.d.ts, namespace
// AmazonConnectTaskJS), as a module import. tests/package/types.test.mjs compiles it unchanged,
// `--strict`, with this package installed in their place (as node_modules/amazon-connect-taskjs).
import 'amazon-connect-streams';
import { TaskSession, ReferenceType } from 'amazon-connect-taskjs';
import type * as TaskJS from 'amazon-connect-taskjs';

const factory: TaskJS.TaskSessionObject = TaskSession;
const referenceTypes: TaskJS.ReferenceType[] = [ReferenceType.URL, ReferenceType.EMAIL, ReferenceType.NUMBER, ReferenceType.STRING, ReferenceType.DATE];
const expiring: TaskJS.ContentTypes['taskExpiring'] = 'application/vnd.amazonaws.connect.event.expire.warning';

const onEvent: TaskJS.TaskEventCallback = (message: TaskJS.TaskEventMessage) => {
  if (message.ContentType === expiring) console.log('expires in two hours', message.InitialContactId, message.AbsoluteTime, message.Id);
};

function follow(args: TaskJS.TaskSessionCreateArgs): TaskJS.TaskSession {
  const session: TaskJS.TaskSession = factory.create(args);
  session.onMessage(onEvent);
  session.onTransferSucceeded(onEvent);
  session.onTransferFailed(onEvent);
  session.onTransferInitiated(onEvent);
  session.onTaskExpiring(onEvent);
  session.onTaskExpired(onEvent);
  session.onConnectionBroken(onEvent);
  session.onConnectionEstablished(onEvent);
  const connectArgs: TaskJS.TaskSessionConnectArgs = {};
  void session.connect(connectArgs);
  return session;
}

async function fromStreams(connection: TaskJS.Connection): Promise<void> {
  const session = await connection.getMediaController();
  session.onMessage((message) => console.log(message.ContentType));
  session.cleanUp();
}

function agentCalls(agent: TaskJS.Agent, endpoint: TaskJS.TaskEndpoint): void {
  const ticket: TaskJS.TaskReference = { type: ReferenceType.URL, value: 'https://example.com/tickets/1' };
  const amount: TaskJS.TaskReference = { type: ReferenceType.NUMBER, value: 42 };
  const task: TaskJS.CreateTaskContact = {
    name: 'Call back',
    description: 'About the claim',
    endpoint,
    references: { ticket, amount },
    previousContactId: 'c-1',
    scheduledTime: Math.floor(Date.now() / 1000) + 3600,
    idempotencyToken: 'my-token',
  };
  const created: TaskJS.ApiCallbacks<TaskJS.CreateTaskResponse> = {
    success: (data) => console.log(data.contactId),
    failure: (error) => console.error(error.message),
  };
  agent.createTask(task, created);
  const templated: TaskJS.CreateTaskContact = { name: 'Refund', taskTemplateId: 'tpl-1', quickConnectId: 'qc-1' };
  agent.createTask(templated, { failure: (error: any) => console.error(error) });

  const update: TaskJS.UpdateTaskContact = { contactId: 'c-2', name: 'Refund (urgent)', description: 'd', references: { ticket } };
  agent.updateContact(update, { success: () => console.log('updated') });

  const query: TaskJS.ListTaskTemplatesParams = { status: 'active', maxResults: 50 };
  const listed: TaskJS.ApiCallbacks<TaskJS.TaskTemplatesList> = { success: (list) => console.log(list) };
  agent.listTaskTemplates(query, listed);

  const params: TaskJS.TaskTemplateParams = { id: 'tpl-1', version: '3' };
  agent.getTaskTemplate(params, { success: (template: TaskJS.TaskTemplate) => console.log(template) });
}

connect.agent((agent) => {
  agentCalls(agent, { endpointARN: 'arn:aws:connect:us-west-2:1:instance/i/transfer-destination/qc-1' });
});
console.log(referenceTypes, follow, fromStreams);
