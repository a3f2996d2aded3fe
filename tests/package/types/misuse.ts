// Misuses of the public API: every line marked `// error` must fail to compile, and no other
// line may (tests/package/types.test.mjs compares the lines tsc reports with the marks).
import 'amazon-connect-streams';
import { TaskSession, ReferenceType, version } from 'taskjs-rs';

declare const agent: connect.Agent;
declare const endpoint: connect.Endpoint;
const ws = connect.core.getWebSocketManager();
const session = TaskSession.create({ contactId: 'c-1', websocketManager: ws });

TaskSession.create({ initialContactId: 'c-0', websocketManager: ws }); // error: contactId is required
TaskSession.create({ contactId: 1, websocketManager: ws }); // error: contactId is a string
TaskSession.create({ contactId: 'c-1' }); // error: websocketManager is required
connect.TaskSession.create(); // error: options are required
session.onTransferFailed('not a function'); // error: a callback is required
session.onMessage((m, e: 'TRANSFER_FAILED') => m); // error: onMessage's event name is INCOMING_MESSAGE
const n: number = session.onTaskExpired(() => {}); // error: hooks return an unsubscribe function
session.onConnectionEstablished((d) => d.connectSuccess.valueOf()); // error: connectSuccess may be missing ({} on regain)
void session.connect().then((r) => r.connectSucess); // error: no such field
session.cleanUp(true); // error: cleanUp takes no argument
agent.createTask({ name: 'no endpoint' }); // error: a plain task needs an endpoint
agent.createTask({ endpoint }); // error: name is required
agent.createTask({ name: 'x', endpoint, references: { a: { type: 'PHONE', value: 'x' } } }); // error: unknown reference type
agent.createTask({ name: 'x', endpoint, references: { a: { type: 'URL', value: 5 } } }); // error: URL values are strings
agent.createTask({ name: 'x', endpoint, scheduledTime: '1700000000' }); // error: epoch seconds as a number
agent.createTask({ name: 'x', taskTemplateId: 7 }); // error: template ids are strings
agent.createTask({ name: 'x', endpoint, nmae: 'typo' }); // error: unknown field
const p: Promise<unknown> = agent.createTask({ name: 'x', endpoint }, { success() {} }); // error: the callback form returns nothing
agent.updateContact({ name: 'no contact id' }); // error: contactId is required
agent.listTaskTemplates(); // error: queryParams are required
agent.listTaskTemplates({ status: 'enabled' }); // error: ACTIVE or INACTIVE
agent.listTaskTemplates({ maxResults: '50' }); // error: maxResults is a number
agent.getTaskTemplate({ version: '1' }); // error: id is required
agent.getTaskTemplate({ id: 'tpl-1' }, { success: (t: string) => t }); // error: a template is an object
console.log(connect.ReferenceType.PHONE); // error: no such reference type
ReferenceType.URL = 'URL'; // error: read-only
connect.TaskJS.version = '2.0.0'; // error: read-only
const v: number = version; // error: the version is a string
console.log(n, p, v);
