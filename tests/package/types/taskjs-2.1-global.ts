// Code written against amazon-connect-taskjs 2.1.0's declarations through their script-tag global,
// AmazonConnectTaskJS (a script, not a module). tests/package/types.test.mjs compiles it unchanged,
// `--strict`, with this package installed in their place (as node_modules/amazon-connect-taskjs).
/// <reference types="amazon-connect-streams" />
/// <reference types="amazon-connect-taskjs" />

function watchTask(session: AmazonConnectTaskJS.TaskSession): void {
  const log: AmazonConnectTaskJS.TaskEventCallback = (message) => console.log(message.ContentType, message.Id);
  session.onTransferFailed(log);
  session.onTaskExpired(log);
  session.onMessage(log);
}

function refund(agent: AmazonConnectTaskJS.Agent, amount: number): void {
  const task: AmazonConnectTaskJS.CreateTaskContact = {
    name: 'Refund',
    taskTemplateId: 'tpl-1',
    references: { Amount: { type: connect.ReferenceType.NUMBER, value: amount } },
  };
  const callbacks: AmazonConnectTaskJS.ApiCallbacks<AmazonConnectTaskJS.CreateTaskResponse> = { success: (data) => console.log(data) };
  agent.createTask(task, callbacks);
}

const expired: AmazonConnectTaskJS.ContentTypes['taskExpired'] = 'application/vnd.amazonaws.connect.event.expire.complete';
console.log(watchTask, refund, expired);
