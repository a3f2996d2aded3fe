// Page-side helpers (window.TJS) for the page tests. Loaded after Streams and the TaskJS bundle.
// Everything is Streams' own code (Conduit, EventBus, WebSocketProvider, AgentDataProvider,
// MediaFactory, UpstreamConduitClient, Agent, Contact) except the far end of the upstream conduit,
// i.e. the CCP iframe: CcpPort/Ccp below play its part.
(function () {
  'use strict';
  var TJS = {};
  window.TJS = TJS;

  TJS.CT = {
    transferInitiated: 'application/vnd.amazonaws.connect.event.transfer.initiated',
    transferSucceeded: 'application/vnd.amazonaws.connect.event.transfer.succeeded',
    transferFailed: 'application/vnd.amazonaws.connect.event.transfer.failed',
    taskExpiring: 'application/vnd.amazonaws.connect.event.expire.warning',
    taskExpired: 'application/vnd.amazonaws.connect.event.expire.complete',
  };
  TJS.HOOKS = ['onTransferInitiated', 'onTransferSucceeded', 'onTransferFailed', 'onTaskExpiring',
    'onTaskExpired', 'onMessage', 'onConnectionEstablished', 'onConnectionBroken'];

  // A JSON-safe copy that keeps undefined, functions and errors visible.
  function snap(v, depth) {
    depth = depth || 0;
    if (v === undefined) return { $undefined: true };
    if (typeof v === 'number' && !isFinite(v)) return { $number: String(v) };
    if (v === null || typeof v !== 'object' && typeof v !== 'function') return v;
    if (typeof v === 'function') return { $function: true };
    if (depth > 10) return { $tooDeep: true };
    if (v instanceof Error) return { $error: v.name, message: v.message };
    if (Array.isArray(v)) return v.map(function (x) { return snap(x, depth + 1); });
    var o = {};
    Object.keys(v).forEach(function (k) { o[k] = snap(v[k], depth + 1); });
    return o;
  }
  TJS.snap = snap;
  TJS.err = function (e) {
    return e instanceof Error
      ? { name: e.name, message: e.message, isValueError: e instanceof connect.ValueError }
      : { thrown: snap(e) };
  };

  // Errors that escape to the window: none should, on either bundle.
  TJS.uncaught = [];
  window.addEventListener('error', function (e) { TJS.uncaught.push({ error: String(e.message) }); });
  window.addEventListener('unhandledrejection', function (e) {
    TJS.uncaught.push({ unhandledrejection: String(e.reason && e.reason.message || e.reason) });
  });

  // The CCP end of an upstream conduit: a Streams Stream that delivers synchronously.
  function CcpPort() {
    connect.Stream.call(this);
    this.listeners = [];
    this.sent = [];
  }
  CcpPort.prototype = Object.create(connect.Stream.prototype);
  CcpPort.prototype.constructor = CcpPort;
  CcpPort.prototype.send = function (message) {
    this.sent.push(message);
    if (this.onSend) this.onSend(message);
  };
  CcpPort.prototype.onMessage = function (f) { this.listeners.push(f); };

  // One fake CCP behind a real connect.Conduit.
  function Ccp(name) {
    this.port = new CcpPort();
    this.conduit = new connect.Conduit(name, this.port, null);
    this.port.onSend = this.answerApi.bind(this);
    this.api = null;
  }
  Ccp.prototype.emit = function (event, data) {
    this.port.listeners.forEach(function (f) { f({ data: { event: event, data: data } }); });
  };
  Ccp.prototype.message = function (topic, content) {
    this.emit(connect.WebSocketEvents.ALL_MESSAGE, { topic: topic, content: content });
  };
  Ccp.prototype.task = function (obj) { this.message('aws/task', JSON.stringify(obj)); };
  Ccp.prototype.gain = function () { this.emit(connect.WebSocketEvents.CONNECTION_GAIN, { gained: 1 }); };
  Ccp.prototype.lost = function () { this.emit(connect.WebSocketEvents.CONNECTION_LOST, { lost: 1 }); };
  Ccp.prototype.initFailure = function () { this.emit(connect.WebSocketEvents.INIT_FAILURE, { failed: 1 }); };
  Ccp.prototype.sentOf = function (event) {
    return this.port.sent.filter(function (m) { return m.event === event; }).map(function (m) { return m.data; });
  };
  Ccp.prototype.subscribes = function () { return snap(this.sentOf(connect.WebSocketEvents.SUBSCRIBE)); };
  // Names of the metrics Streams itself published (e.g. from TaskMediaController's subscribers).
  Ccp.prototype.metrics = function () {
    return this.sentOf(connect.EventType.BROADCAST)
      .filter(function (b) { return b.event === connect.EventType.CLIENT_METRIC; })
      .map(function (b) { return b.data.name; });
  };
  // A real Streams WebSocketProvider listening on this conduit.
  Ccp.prototype.newWebSocketProvider = function () {
    var prev = connect.core.upstream;
    connect.core.upstream = this.conduit;
    try { return new connect.WebSocketProvider(); } finally { connect.core.upstream = prev; }
  };
  Ccp.prototype.agentUpdate = function (agentData) { this.emit(connect.AgentEvents.UPDATE, agentData); };

  // The CCP's side of Streams' UpstreamConduitClient: API_REQUEST in, API_RESPONSE out.
  // api.mode: 'success' | 'failure' (answered on a later task, as over postMessage), 'silent',
  // 'late' (a success answered api.delayMs later),
  // 'throw' (sending fails, e.g. a DataCloneError), 'success-then-throw', 'failure-then-throw'.
  TJS.REPLIES = {
    createTaskContact: function () { return { contactId: 'created-task-contact-id' }; },
    createTemplatedTask: function () { return { ContactId: 'created-templated-task-id' }; },
    updateContact: function () { return {}; },
    listTaskTemplates: function () {
      return { TaskTemplates: [{ Id: 'tt-1', Name: 'Follow up', Status: 'ACTIVE' }], NextToken: 'next-page' };
    },
    getTaskTemplate: function () { return { Id: 'tt-1', Name: 'Follow up', Fields: [{ Id: { Name: 'Claim' }, Type: 'NUMBER' }] }; },
    // Quick connects as the CCP lists them; Streams turns each into a connect.Endpoint.
    getEndpoints: function () {
      return { nextToken: null, endpoints: [
        { endpointId: TJS.QUICK_CONNECT_ARN, endpointARN: TJS.QUICK_CONNECT_ARN, type: 'queue', name: 'Support queue',
          queue: 'arn:aws:connect:us-west-2:123456789012:instance/' + TJS.INSTANCE_ID + '/queue/q-1' },
        { endpointId: TJS.AGENT_QUICK_CONNECT_ARN, endpointARN: TJS.AGENT_QUICK_CONNECT_ARN, type: 'agent', name: 'Jane',
          agentLogin: 'jane' },
      ] };
    },
  };
  Ccp.prototype.answerApi = function (message) {
    if (!this.api || message.event !== connect.EventType.API_REQUEST) return;
    var self = this, mode = this.api.mode, request = message.data;
    var reply = function () {
      var response = { event: connect.EventType.API_RESPONSE, requestId: request.requestId };
      if (/failure/.test(mode)) {
        // As Streams' CCP worker sends a service's refusal: the AWS SDK's error, formatted
        // (AWSClient._formatCallError) and then JSON.stringify'd.
        response.err = JSON.stringify({ type: 'InvalidParameterException', message: 'rejected by the service: ' + request.method,
          stack: [], retryStatus: 'NONE', statusCode: 400 });
        response.data = { statusCode: 400 };
        self.api.errors.push(response.err);
      } else {
        response.data = (TJS.REPLIES[request.method] || function () { return { ok: true }; })();
        self.api.replies.push(response.data);
      }
      self.emit(connect.EventType.API_RESPONSE, response);
    };
    if (mode === 'silent') return;
    if (mode === 'late') { setTimeout(reply, this.api.delayMs || 0); return; }
    if (mode === 'success' || mode === 'failure') { setTimeout(reply, 0); return; }
    if (/-then-throw$/.test(mode)) reply();
    var e = new Error('the conduit could not send ' + request.method);
    self.api.errors.push(e);
    throw e;
  };
  Ccp.prototype.apiRequests = function () {
    return this.sentOf(connect.EventType.API_REQUEST).map(function (r) { return { method: r.method, params: snap(r.params) }; });
  };
  TJS.Ccp = Ccp;

  // Streams before 2.18 has no connect.WebSocketProvider to construct. There the CCP end is the
  // iframe connect.core.initCCP itself creates (about:blank, so this page can reach it), the
  // websocket manager is the one a page gets (connect.core.getWebSocketManager()), and what the
  // CCP would post is dispatched on the window as the iframe's message, synchronously, as the
  // port above delivers. What Streams posts to the iframe arrives there a task later.
  function IframeCcp() {
    var container = document.createElement('div');
    document.body.appendChild(container);
    connect.core.initCCP(container, { ccpUrl: 'about:blank', loginPopup: false, storageAccess: { canRequest: false } });
    this.iframe = container.querySelector('iframe');
    this.conduit = connect.core.getUpstream();
    this.port = { sent: [], listeners: [] };
    this.api = null;
    var self = this;
    this.iframe.contentWindow.addEventListener('message', function (e) {
      var m = e.data;
      self.port.sent.push(m);
      if (m && m.event === connect.EventType.SYNCHRONIZE) self.emit(connect.EventType.ACKNOWLEDGE, { id: 'tjs-ccp' });
      self.answerApi(m);
    });
    this.emit(connect.EventType.ACKNOWLEDGE, { id: 'tjs-ccp' });
  }
  IframeCcp.prototype = Object.create(Ccp.prototype);
  IframeCcp.prototype.constructor = IframeCcp;
  IframeCcp.prototype.emit = function (event, data) {
    window.dispatchEvent(new MessageEvent('message', { data: { event: event, data: data }, source: this.iframe.contentWindow }));
  };
  IframeCcp.prototype.newWebSocketProvider = function () {
    throw new Error('this Streams has no connect.WebSocketProvider: one websocket manager per page');
  };
  TJS.streamsVersion = connect.version;
  TJS.hasWebSocketProvider = typeof connect.WebSocketProvider === 'function';

  // Wires Streams' core the way connect.core.initCCP does once the CCP iframe exists (or, on a
  // Streams without connect.WebSocketProvider, lets initCCP do it: see IframeCcp).
  TJS.boot = function () {
    if (!TJS.hasWebSocketProvider) {
      // initCCP runs once per page: a page that boots again (the agent tests share one) gets
      // the same CCP end, with what it recorded cleared.
      var iframeCcp = TJS.ccps[0] || new IframeCcp();
      iframeCcp.ws = connect.core.getWebSocketManager();
      iframeCcp.port.sent = [];
      iframeCcp.api = null;
      if (!TJS.ccps.length) TJS.ccps.push(iframeCcp);
      return iframeCcp;
    }
    var ccp = new Ccp('tjs-ccp');
    connect.core.upstream = ccp.conduit;
    connect.core.eventBus = new connect.EventBus({ logEvents: false });
    connect.core.agentDataProvider = new connect.core.AgentDataProvider(connect.core.getEventBus());
    connect.core.mediaFactory = new connect.MediaFactory({});
    connect.core.webSocketProvider = new connect.WebSocketProvider();
    ccp.conduit.onAllUpstream(connect.core.getEventBus().bridge());
    ccp.ws = connect.core.getWebSocketManager();
    TJS.ccps.push(ccp);
    return ccp;
  };
  TJS.ccps = [];

  // Streams as after initCCP with an agent snapshot in and the CCP acknowledged: a real
  // UpstreamConduitClient over the fake CCP, which answers API requests according to `mode`.
  TJS.agentBoot = function (mode) {
    var ccp = TJS.boot();
    ccp.agentUpdate(TJS.agentData([]));
    connect.core.client = new connect.UpstreamConduitClient(ccp.conduit);
    ccp.api = { mode: mode || 'success', replies: [], errors: [] };
    return ccp;
  };
  function errSnap(e) { return e instanceof Error ? TJS.err(e) : snap(e); }

  // Calls new connect.Agent()[a.method](a.input, callbacks?) and records everything observable.
  // a: {method, input, mode, callbacks (default true), ccp (reuse)}
  TJS.agentCall = async function (a) {
    var ccp = a.ccp || TJS.agentBoot(a.mode);
    var uncaughtBefore = TJS.uncaught.length;
    var agent = new connect.Agent();
    var input = a.input;
    var before = snap(input);
    var out = { events: [] };
    var firstReply = function () { return ccp.api.replies[ccp.api.replies.length - 1]; };
    var firstError = function () { return ccp.api.errors[ccp.api.errors.length - 1]; };
    var callbacks = a.callbacks === false ? undefined : {
      success: function (d) { out.events.push({ success: snap(d), sameObjectAsReply: d === firstReply() }); },
      failure: function (e, data) {
        out.events.push({ failure: errSnap(e), sameObjectAsError: e === firstError(), data: snap(data) });
      },
    };
    try {
      var ret = agent[a.method](input, callbacks);
      out.returned = ret instanceof Promise ? 'a Promise' : snap(ret);
      if (ret && typeof ret.then === 'function') {
        ret.then(function (d) { out.events.push({ resolved: snap(d), sameObjectAsReply: d === firstReply() }); },
          function (e) {
            out.events.push({ rejected: errSnap(e), sameObjectAsError: e === firstError(), causeIsError: !!e && e.cause === firstError(),
              service: e && e.name === 'TaskServiceError' ? { type: e.type, status: e.status, isError: e instanceof Error,
                isClass: e instanceof connect.TaskJS.TaskServiceError } : undefined });
          });
      }
    } catch (e) {
      out.threw = errSnap(e);
      out.threwSameObjectAsError = e === firstError();
    }
    await TJS.settle();
    out.requests = ccp.apiRequests();
    out.uncaught = TJS.uncaught.slice(uncaughtBefore);
    out.input = { before: before, after: snap(input) };
    return out;
  };

  TJS.INSTANCE_ID = 'baf4b555-fa63-445f-8359-5866f35ab09b';
  TJS.QUICK_CONNECT_ARN = 'arn:aws:connect:us-west-2:123456789012:instance/' + TJS.INSTANCE_ID +
    '/transfer-destination/a6a2c310-b91a-4926-8d36-dbc7b758a11d';
  TJS.AGENT_QUICK_CONNECT_ARN = 'arn:aws:connect:us-west-2:123456789012:instance/' + TJS.INSTANCE_ID +
    '/transfer-destination/0d6f0e0b-5c7e-4f2a-9d61-2b8f1c3e4a55';

  // An endpoint of the given kind, made the way a page gets one: by Streams itself
  // (agent.getEndpoints answered by the CCP, new connect.Endpoint, connect.Endpoint.byPhoneNumber),
  // or an object that inherits an endpoint's fields through its prototype.
  TJS.endpointOf = function (kind, agent) {
    if (kind === 'agent.getEndpoints') {
      return new Promise(function (resolve, reject) {
        var queue = 'arn:aws:connect:us-west-2:123456789012:instance/' + TJS.INSTANCE_ID + '/queue/q-1';
        agent.getEndpoints([queue], { success: function (data) { resolve(data.endpoints); }, failure: reject });
      });
    }
    if (kind === 'new connect.Endpoint') {
      return Promise.resolve([new connect.Endpoint({ endpointARN: TJS.QUICK_CONNECT_ARN, type: 'queue', name: 'Support queue' })]);
    }
    if (kind === 'connect.Endpoint.byPhoneNumber') return Promise.resolve([connect.Endpoint.byPhoneNumber('+15555550100', 'Desk')]);
    if (kind === 'inherits its fields') {
      return Promise.resolve([Object.create({ endpointARN: TJS.QUICK_CONNECT_ARN, endpointId: TJS.QUICK_CONNECT_ARN,
        type: 'queue', name: 'Support queue' })]);
    }
    throw new Error('unknown endpoint kind ' + kind);
  };
  // An agent snapshot as the CCP sends it; contacts: [{contactId, initialContactId, connectionId, state}].
  TJS.agentData = function (contacts) {
    var now = new Date();
    return {
      configuration: {
        name: 'Test Agent', username: 'tester', softphoneEnabled: false, permissions: [],
        routingProfile: {
          name: 'Basic', channelConcurrencyMap: { TASK: 10 },
          routingProfileId: 'arn:aws:connect:us-west-2:123456789012:instance/' + TJS.INSTANCE_ID +
            '/routing-profile/0c3c2ba5-33a5-4d80-a7a5-1f1ab4b2c0f0',
        },
      },
      snapshot: {
        state: { agentStateARN: null, name: 'Available', type: 'routable', startTimestamp: now },
        nextState: null, agentAvailabilityState: { state: 'Available', timeStamp: now },
        localTimestamp: now, skew: 0,
        contacts: (contacts || []).map(function (c) {
          return {
            contactId: c.contactId, initialContactId: c.initialContactId, type: 'task',
            state: { type: 'connected', timestamp: now }, queue: { queueARN: 'q', name: 'Q' },
            contactAttributes: {}, contactFeatures: {}, name: 'task', description: '', references: {},
            connections: [{
              connectionId: c.connectionId, type: 'agent', initial: true,
              endpoint: { type: 'agent', phoneNumber: '', agentLogin: 'tester' },
              state: { type: c.state || 'connected', timestamp: now },
            }],
          };
        }),
      },
    };
  };

  // The trace: plain records of everything a scenario observes.
  TJS.trace = [];
  TJS.last = {};
  TJS.mark = function (m) { TJS.trace.push({ mark: m }); };

  // The connect() result's keys (`_debug` among them) are pinned by one dedicated scenario; other
  // traces leave `_debug` out so that a difference there shows up once, not in every scenario.
  function withoutDebug(v) {
    if (v === null || typeof v !== 'object' || !('_debug' in v)) return snap(v);
    var o = snap(v);
    delete o._debug;
    return o;
  }

  // Subscribes a recorder to each hook of a session; returns what each onX returned.
  TJS.watch = function (name, session, hooks) {
    var returned = {};
    (hooks || TJS.HOOKS).forEach(function (hook) {
      returned[hook] = session[hook](function (data, eventName) {
        TJS.last[name + '.' + hook] = data;
        TJS.trace.push({ session: name, hook: hook, eventName: eventName, data: withoutDebug(data) });
      });
    });
    return returned;
  };

  // Calls session.connect() and records its synchronous return and its settlement.
  TJS.connect = function (name, session) {
    var p;
    try {
      p = session.connect();
    } catch (e) {
      TJS.trace.push({ session: name, connectThrew: TJS.err(e) });
      return Promise.resolve();
    }
    TJS.mark(name + ': connect() returned');
    return Promise.resolve(p).then(function (v) {
      TJS.trace.push({ session: name, connectResolved: {
        value: withoutDebug(v),
        sameObjectAsEstablishedData: v === TJS.last[name + '.onConnectionEstablished'],
      } });
      return v;
    }, function (e) {
      TJS.trace.push({ session: name, connectRejected: snap(e) });
    });
  };

  TJS.settle = function () {
    var later = function () { return new Promise(function (r) { setTimeout(r, 0); }); };
    // On the iframe path, what Streams posted reaches the CCP end a task later, and its answers
    // come back after that: wait for a few more turns there.
    var turns = TJS.hasWebSocketProvider ? 2 : 6;
    var p = Promise.resolve();
    for (var i = 0; i < turns; i++) p = p.then(later);
    return p;
  };

  TJS.result = function () {
    return {
      trace: TJS.trace,
      subscribes: TJS.ccps.map(function (c) { return c.subscribes(); }),
      uncaught: TJS.uncaught,
    };
  };

  var seq = 0;
  // A task websocket message as the service sends it.
  TJS.msg = function (fields) {
    var n = ++seq;
    var m = { AbsoluteTime: '2024-05-01T10:00:' + String(n % 60).padStart(2, '0') + '.000Z', Id: 'msg-' + n };
    Object.keys(fields || {}).forEach(function (k) { m[k] = fields[k]; });
    return m;
  };
})();
