// The package without Streams' declarations: the module's exports and the global additions
// compile on their own (tests/package/types.test.mjs compiles this with no other types).
import { TaskSession, ReferenceType, version, type TaskWebSocketManager } from 'taskjs-rs';

declare const manager: TaskWebSocketManager;
const session = TaskSession.create({ contactId: 'c-1', websocketManager: manager });
const stop: () => void = session.onMessage((message, eventName) => console.log(message.ContactId, eventName));
stop();
void session.connect().then((r) => r.connectSuccess);
const same: boolean = connect.TaskSession === TaskSession;
const type: 'EMAIL' = ReferenceType.EMAIL;
const globalType: string = connect.ReferenceType.DATE;
console.log(same, type, globalType, version, connect.TaskJS.version);
