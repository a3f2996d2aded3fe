// Every public item of taskjs-rs/testing as a consumer's TypeScript uses it (tsc --strict).
import {
  Ccp, CcpServer, CallRecord, ContactState, ContactView, SimulatorState, TaskTemplate, TaskEventKind,
  CONTACT_STATES, CONTROL_NAMES, DEFAULT_AGENT, DEFAULT_CCP_URL, SAMPLE_TEMPLATES, SimulatorError, TASK_EVENT_KINDS,
  connectCcp, simulateCcp, startCcpServer, taskTemplate, waitUntil,
} from 'taskjs-rs/testing';

const template: TaskTemplate = taskTemplate({
  name: 'Callback',
  fields: [{ name: 'Name', type: 'NAME' }, { name: 'Number', type: 'TEXT' }, { name: 'Priority', type: 'SINGLE_SELECT', options: ['High', 'Low'] }],
  required: ['Name', 'Number'],
  defaults: { Priority: 'Low' },
});

export async function inProcess(): Promise<void> {
  const ccp: Ccp = simulateCcp({
    ccpUrl: DEFAULT_CCP_URL,
    agent: { name: 'Ana', autoAccept: false, routingProfile: { name: 'RP', queues: ['Support', { name: 'Billing', id: 'b' }] }, quickConnects: [{ type: 'queue', name: 'Billing', queue: 'Billing' }] },
    templates: [template, ...SAMPLE_TEMPLATES, { Id: 'minimal', Name: 'Minimal' }],
    contacts: [{ name: 'Waiting', state: 'connected' }],
    deliveryDelay: 0,
    deliverCreatedTasks: true,
    timeout: 1000,
  });
  const url: string = ccp.ccpUrl;
  await ccp.ready({ timeout: 500 });
  const { contactId, initialContactId } = await ccp.addTask({
    name: 'T', description: 'd', references: { Link: { type: 'URL', value: 'https://x.test' }, Amount: { type: 'NUMBER', value: 3 } },
    attributes: { a: 'b' }, scheduledTime: Math.floor(Date.now() / 1000) + 60, templateId: template.Id, queue: 'Support', state: 'connecting', expiresAt: new Date(),
    initialContactId: 'i', previousContactId: 'p', relatedContactId: 'r', contactId: 'c',
  });
  const views: ContactView[] = [
    await ccp.acceptTask(contactId), await ccp.pauseTask(contactId), await ccp.resumeTask(contactId),
    await ccp.endTask(contactId), await ccp.rejectTask(contactId), await ccp.missTask(contactId),
  ];
  const state: ContactState = views[0].state;
  const cleared: 'cleared' = (await ccp.clearTask(contactId)).state;
  const gone: 'cleared' = (await ccp.waitForContact(contactId, 'cleared')).state;
  const again: ContactView = await ccp.waitForContact(contactId, 'ended', { timeout: 10 });
  const kind: TaskEventKind = TASK_EVENT_KINDS[0];
  const delivered: boolean = (await ccp.transferInitiated(initialContactId)).delivered
    && (await ccp.transferFailed(contactId)).delivered
    && (await ccp.expireWarning(contactId)).delivered
    && (await ccp.expire(contactId)).delivered
    && (await ccp.taskEvent(contactId, kind, { fields: { Extra: 1 } })).delivered
    && (await ccp.sendTaskMessage('not json', { topic: 'aws/task' })).delivered;
  const moved: string = (await ccp.transferSucceeded(contactId, { newContactId: true, deliver: false })).contactId;
  await ccp.websocketLost();
  await ccp.websocketGained();
  await ccp.websocketInitFailure();
  await ccp.answerNext('createTask', { fail: { type: 'ThrottlingException', message: 'Rate exceeded', status: 429 }, delay: 10 });
  await ccp.answerNext('getTaskTemplate', { delay: 100 }, { times: 2 });
  await ccp.answerNext('clearContact', { never: true });
  await ccp.clearAnswers();
  const now: number = (await ccp.advanceClock(1000)).now + (await ccp.now());
  const call: CallRecord = await ccp.nextCall('createTask');
  const calls: CallRecord[] = await ccp.calls({ method: 'acceptContact' });
  const s: SimulatorState = await ccp.state();
  const one: ContactView | null = await ccp.contact(contactId);
  const sent = (await ccp.taskEvents())[0];
  await ccp.setAgent({ name: 'Other' });
  await ccp.setTemplates([template]);
  await ccp.reset();
  await ccp.close();
  const value: string = await waitUntil(() => (Math.random() > 0.5 ? 'yes' : ''), { timeout: 100, interval: 5, what: 'luck' });
  void [url, state, cleared, gone, again, delivered, moved, now, call.status, calls, s.websocket.topics, one, sent.kind, value,
    CONTACT_STATES, CONTROL_NAMES, DEFAULT_AGENT.name];
}

export async function served(): Promise<void> {
  const server: CcpServer = await startCcpServer({ port: 0, host: '127.0.0.1' });
  const ccp = server.simulator({ agent: { name: 'Pat' } });
  const remote: Ccp = connectCcp(ccp.ccpUrl);
  try {
    await remote.ready();
  } catch (err) {
    if (err instanceof SimulatorError) console.log(err.message, server.url);
  }
  await server.close();
}
