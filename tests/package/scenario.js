// Page-side scenario of the package tests, loaded after Streams, a build of ours and
// tests/page/fixture.js (window.TJS: Streams wired to a fake CCP end of the upstream conduit, so
// Streams' real WebSocketProvider and UpstreamConduitClient carry the traffic).
// taskScenario(api) follows a task contact through api.TaskSession and creates a task through
// connect.Agent; api is {TaskSession, ReferenceType, version} from whichever entry is tested.
(function () {
  'use strict';
  var CONTACT = 'task-contact-1';
  var ENDPOINT = {
    endpointARN: 'arn:aws:connect:us-west-2:123456789012:instance/i-1/transfer-destination/qc-1',
    endpointId: 'arn:aws:connect:us-west-2:123456789012:instance/i-1/transfer-destination/qc-1',
    type: 'agent', name: 'Follow-up desk',
  };

  function task(ccp, contentType, contactId) {
    ccp.task(TJS.msg({ ContentType: contentType, ContactId: contactId, InitialContactId: contactId }));
  }

  window.taskScenario = async function (api) {
    var out = { events: [] };
    var ccp = TJS.agentBoot('success');
    var session = api.TaskSession.create({
      contactId: CONTACT, initialContactId: CONTACT, websocketManager: connect.core.getWebSocketManager(),
    });
    session.onTransferInitiated(function (m, name) { out.events.push([name, m.ContactId]); });
    var stop = session.onMessage(function (m, name) { out.events.push([name, m.ContentType]); });
    var connected = await session.connect();
    out.connected = { connectSuccess: connected.connectSuccess, connectCalled: connected.connectCalled };
    task(ccp, TJS.CT.transferInitiated, CONTACT);
    task(ccp, TJS.CT.transferFailed, 'some-other-contact');
    stop();
    task(ccp, TJS.CT.taskExpired, CONTACT);
    session.cleanUp();
    task(ccp, TJS.CT.transferInitiated, CONTACT);
    await TJS.settle();

    out.created = await new connect.Agent().createTask({
      name: 'Call the customer back',
      endpoint: ENDPOINT,
      references: { ticket: { type: api.ReferenceType.URL, value: 'https://tickets.example.com/42' } },
    });
    out.requests = ccp.apiRequests();
    out.subscribes = ccp.subscribes();
    out.sameAsGlobal = api.TaskSession === connect.TaskSession && api.ReferenceType === connect.ReferenceType;
    out.referenceType = TJS.snap(api.ReferenceType);
    out.version = api.version;
    out.uncaught = TJS.uncaught;
    return out;
  };

  // What every build must produce (checked by the tests with deepStrictEqual, after replacing
  // the random idempotency token by its shape).
  window.taskScenarioExpected = function (version) {
    return {
      events: [['TRANSFER_INITIATED', CONTACT], ['INCOMING_MESSAGE', TJS.CT.transferInitiated]],
      connected: { connectSuccess: true, connectCalled: true },
      created: { contactId: 'created-task-contact-id' },
      requests: [{
        method: 'createTaskContact',
        params: {
          name: 'Call the customer back',
          endpoint: { endpointARN: ENDPOINT.endpointARN, type: 'agent', name: 'Follow-up desk' },
          references: { ticket: { type: 'URL', value: 'https://tickets.example.com/42' } },
          idempotencyToken: 'a UUID v4',
        },
      }],
      subscribes: [['aws/task']],
      sameAsGlobal: true,
      referenceType: { URL: 'URL', EMAIL: 'EMAIL', NUMBER: 'NUMBER', STRING: 'STRING', DATE: 'DATE' },
      version: version,
      uncaught: [],
    };
  };

  // The scenario's result with the idempotency token replaced by 'a UUID v4' when it is one.
  window.taskScenarioNormalised = async function (api) {
    var out = await window.taskScenario(api);
    out.requests.forEach(function (r) {
      var t = r.params && r.params.idempotencyToken;
      if (typeof t === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(t)) {
        r.params.idempotencyToken = 'a UUID v4';
      }
    });
    return out;
  };
})();
