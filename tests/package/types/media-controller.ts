// Streams' getMediaController() on a task connection is typed as this package's session, with no
// cast, beside Streams' own declarations. Must compile with `tsc --noEmit --strict`
// (tests/package/types.test.mjs).
import 'amazon-connect-streams';
import type { TaskConnectResult, TaskEventMessage, TaskSession, Unsubscribe } from 'taskjs-rs';

// As an agent desktop follows its contacts: the agent's connection of a task contact.
connect.contact((contact: connect.Contact) => {
  contact.onConnected(async () => {
    const connection = contact.getAgentConnection();
    if (!(connection instanceof connect.TaskConnection)) return;
    const session = await connection.getMediaController();
    const stops: Unsubscribe[] = [
      session.onTransferSucceeded((message: TaskEventMessage, eventName: 'TRANSFER_SUCCEEDED') => console.log(message.ContactId, eventName)),
      session.onTaskExpiring((message) => console.log(message.AbsoluteTime)),
      session.onConnectionLost((data) => console.log(data.connectSuccess)),
    ];
    contact.onDestroy(() => {
      stops.forEach((stop) => stop());
      session.cleanUp();
    });
  });
});

// Any TaskConnection, e.g. from getConnections().
async function follow(connection: connect.TaskConnection): Promise<TaskConnectResult> {
  const session = await connection.getMediaController();
  // The result is a TaskSession, not `any`: an unknown method does not compile.
  // @ts-expect-error
  session.sendMessage('hello');
  session.cleanUp();
  return connection.getMediaController().then((s) => s.connect());
}

// Exactly TaskSession (neither `any` nor a wider type), also as read from the method.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
declare const connection: connect.TaskConnection;
const called: Same<Awaited<ReturnType<typeof connection.getMediaController>>, TaskSession> = true;
const read: Same<Awaited<ReturnType<connect.TaskConnection['getMediaController']>>, TaskSession> = true;
console.log(follow, called, read);
