// Node side of tests/package/install-paths.test.mjs, run from inside a consumer project:
//   node node-check.mjs <specifier> <require|import>
// Loads the package that way on a mocked connect, follows a task and creates one with it, then
// loads it the other way; prints what it saw as JSON.
import './mock-connect.mjs';
import { createRequire } from 'node:module';

const [specifier, first] = process.argv.slice(2);
const load = {
  require: async () => createRequire(import.meta.url)(specifier),
  import: async () => (await import(specifier)).default,
};
const api = await load[first]();
const other = await load[first === 'require' ? 'import' : 'require']();

const events = [];
const session = api.TaskSession.create({ contactId: 'task-1', initialContactId: 'task-0', websocketManager: mocked.websocketManager });
session.onMessage((m, name) => events.push([name, m.ContactId]));
const connected = await session.connect();
mocked.task({ ContactId: 'task-1', InitialContactId: 'task-0' });
mocked.task({ ContactId: 'someone-else', InitialContactId: 'someone-else' });
session.cleanUp();

const created = await new connect.Agent().createTask({
  name: 'Call back',
  endpoint: { endpointARN: 'arn:aws:connect:us-west-2:1:instance/i/transfer-destination/qc-1', type: 'queue' },
});

console.log(JSON.stringify({
  version: api.version,
  installed: api.TaskSession === connect.TaskSession && api.ReferenceType === connect.ReferenceType,
  sameBothWays: other.TaskSession === api.TaskSession && other.ReferenceType === api.ReferenceType,
  connectSuccess: connected.connectSuccess,
  events,
  created,
  calls: mocked.calls.map((c) => ({ method: c.method, name: c.params.name, endpointARN: c.params.endpoint.endpointARN })),
}));
