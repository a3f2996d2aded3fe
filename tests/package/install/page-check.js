// Page side of tests/package/install-paths.test.mjs, loaded after Streams, an installed bundle and
// tests/stress/kit.js. installCheck() follows a task on Streams' own connect.WebSocketProvider
// (behind the kit's fake upstream) and creates a task through Streams' connect.Agent, whose
// client is stubbed; it returns what each saw.
(function () {
  'use strict';
  var ENDPOINT = {
    endpointARN: 'arn:aws:connect:us-west-2:123456789012:instance/i-1/transfer-destination/qc-1',
    type: 'queue', name: 'Follow-ups',
  };

  window.installCheck = async function () {
    KIT.quietLog();
    var out = { version: connect.TaskJS.version, events: [] };
    var p = KIT.provider();
    var session = connect.TaskSession.create({ contactId: 'task-1', initialContactId: 'task-0', websocketManager: p.ws });
    session.onTransferInitiated(function (m, name) { out.events.push([name, m.ContactId]); });
    session.onMessage(function (m, name) { out.events.push([name, m.ContactId]); });
    var connected = await session.connect();
    out.connectSuccess = connected.connectSuccess;
    p.task({ ContentType: KIT.CT.transferInitiated, ContactId: 'task-1', InitialContactId: 'task-0' });
    p.task({ ContentType: KIT.CT.transferInitiated, ContactId: 'someone-else', InitialContactId: 'someone-else' });
    session.cleanUp();
    out.subscribes = p.upstream.subscribes;

    var calls = [];
    connect.core.getClient = function () {
      return {
        call: function (method, params, callbacks) {
          calls.push({ method: method, params: params });
          callbacks.success({ contactId: 'new-task' });
        },
      };
    };
    connect.agent.initialized = true; // what Streams sets once the CCP has sent the agent's data
    out.created = await new connect.Agent().createTask({ name: 'Call back', endpoint: ENDPOINT });
    out.calls = calls;
    out.createTaskMethod = connect.ClientMethods.CREATE_TASK_CONTACT;
    out.uncaught = KIT.uncaught;
    return out;
  };
})();
