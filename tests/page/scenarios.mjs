// Session scenarios. Each `run` executes in a fresh page (Streams + one TaskJS bundle + fixture.js)
// and returns a trace of everything observable; the same scenario runs on the reference and on ours.
// `expect` pins what the reference does (so a scenario can't pass by observing nothing).
// `run` functions are serialised into the page: they may only use the page's globals (TJS, connect).
import assert from 'node:assert/strict';

// One line per subscriber call: "A onTransferInitiated TRANSFER_INITIATED msg-3".
export function calls(trace) {
  return trace.filter((r) => r.hook).map((r) => [r.session, r.hook, r.eventName,
    r.data && typeof r.data === 'object' && 'Id' in r.data ? r.data.Id : JSON.stringify(r.data)].join(' '));
}
const marks = (trace) => trace.map((r) => r.mark || (r.hook ? `${r.session} ${r.hook}` : null)).filter(Boolean);
const noErrors = (res) => assert.deepEqual(res.uncaught, []);

export const scenarios = {
  'every hook fires for its ContentType, then onMessage; other ContentTypes reach only onMessage': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s);
      await TJS.connect('A', s);
      for (const ct of Object.values(TJS.CT)) {
        ccp.task(TJS.msg({ ContentType: ct, InitialContactId: 'i1', ContactId: 'c1', Type: 'EVENT' }));
      }
      ccp.task(TJS.msg({ ContentType: 'application/vnd.amazonaws.connect.event.something.new', InitialContactId: 'i1' }));
      ccp.task(TJS.msg({ ContentType: 'text/plain', Content: 'hello', InitialContactId: 'i1' }));
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'no ContentType at all' }));
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(calls(res.trace), [
        'A onConnectionEstablished CONNECTION_ESTABLISHED {"connectSuccess":true,"connectCalled":true}',
        'A onTransferInitiated TRANSFER_INITIATED msg-1', 'A onMessage INCOMING_MESSAGE msg-1',
        'A onTransferSucceeded TRANSFER_SUCCEEDED msg-2', 'A onMessage INCOMING_MESSAGE msg-2',
        'A onTransferFailed TRANSFER_FAILED msg-3', 'A onMessage INCOMING_MESSAGE msg-3',
        'A onTaskExpiring TASK_EXPIRING msg-4', 'A onMessage INCOMING_MESSAGE msg-4',
        'A onTaskExpired TASK_EXPIRED msg-5', 'A onMessage INCOMING_MESSAGE msg-5',
        'A onMessage INCOMING_MESSAGE msg-6', 'A onMessage INCOMING_MESSAGE msg-7', 'A onMessage INCOMING_MESSAGE msg-8',
      ]);
      // The parsed message is passed through as received.
      const first = res.trace.find((r) => r.hook === 'onTransferInitiated');
      assert.deepEqual(first.data, { AbsoluteTime: '2024-05-01T10:00:01.000Z', Id: 'msg-1',
        ContentType: 'application/vnd.amazonaws.connect.event.transfer.initiated',
        InitialContactId: 'i1', ContactId: 'c1', Type: 'EVENT' });
      assert.deepEqual(res.subscribes, [[['aws/task']]]);
    },
  },

  'subscribers run in registration order, the specific event before onMessage, eventName second': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      const rec = (label) => (data, eventName) => TJS.trace.push({ label, eventName, id: data.Id });
      s.onMessage(rec('message-1'));
      s.onTransferFailed(rec('failed-1'));
      s.onMessage(rec('message-2'));
      s.onTransferFailed(rec('failed-2'));
      await TJS.connect('A', s);
      s.onTransferFailed(rec('failed-3 (after connect)'));
      s.onMessage(rec('message-3 (after connect)'));
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferFailed, InitialContactId: 'i1' }));
      ccp.task(TJS.msg({ ContentType: 'text/plain', InitialContactId: 'i1' }));
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      const labels = res.trace.filter((r) => r.label).map((r) => `${r.label} ${r.eventName} ${r.id}`);
      assert.deepEqual(labels, [
        'failed-1 TRANSFER_FAILED msg-1', 'failed-2 TRANSFER_FAILED msg-1', 'failed-3 (after connect) TRANSFER_FAILED msg-1',
        'message-1 INCOMING_MESSAGE msg-1', 'message-2 INCOMING_MESSAGE msg-1', 'message-3 (after connect) INCOMING_MESSAGE msg-1',
        'message-1 INCOMING_MESSAGE msg-2', 'message-2 INCOMING_MESSAGE msg-2', 'message-3 (after connect) INCOMING_MESSAGE msg-2',
      ]);
    },
  },

  'routing by InitialContactId and by ContactId; other contacts and other topics are not delivered': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s, ['onMessage', 'onTransferSucceeded']);
      await TJS.connect('A', s);
      // After a transfer the ContactId changes and the InitialContactId stays.
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferSucceeded, InitialContactId: 'i1', ContactId: 'c1-transferred' }));
      ccp.task(TJS.msg({ InitialContactId: 'i1' }));
      ccp.task(TJS.msg({ InitialContactId: 'someone-else', ContactId: 'c1' }));
      ccp.task(TJS.msg({ ContactId: 'c1' }));
      ccp.task(TJS.msg({ InitialContactId: 'i2', ContactId: 'c2', Note: 'other contact' }));
      ccp.task(TJS.msg({ Note: 'no ids' }));
      ccp.task(TJS.msg({ InitialContactId: 'I1', ContactId: 'C1', Note: 'ids compare case-sensitively' }));
      ccp.task(TJS.msg({ InitialContactId: ['i1'], ContactId: 1, Note: 'ids of another type' }));
      ccp.message('aws/chat', JSON.stringify(TJS.msg({ InitialContactId: 'i1', ContactId: 'c1', Note: 'other topic' })));
      ccp.message('aws/task/x', JSON.stringify(TJS.msg({ InitialContactId: 'i1', ContactId: 'c1', Note: 'other topic' })));
      ccp.message('aws/TASK', JSON.stringify(TJS.msg({ InitialContactId: 'i1', ContactId: 'c1', Note: 'other topic' })));
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'still delivered at the end' }));
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(calls(res.trace), [
        'A onTransferSucceeded TRANSFER_SUCCEEDED msg-1', 'A onMessage INCOMING_MESSAGE msg-1',
        'A onMessage INCOMING_MESSAGE msg-2', 'A onMessage INCOMING_MESSAGE msg-3',
        'A onMessage INCOMING_MESSAGE msg-4', 'A onMessage INCOMING_MESSAGE msg-12',
      ]);
    },
  },

  'content that is not valid JSON is dropped and later messages still arrive': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s, ['onMessage']);
      await TJS.connect('A', s);
      for (const bad of ['{bad', '', ' ', 'undefined', '{"InitialContactId":"i1"', "{'InitialContactId':'i1'}",
        'NaN', '{"InitialContactId":"i1"} trailing']) {
        ccp.message('aws/task', bad);
        TJS.mark('sent ' + JSON.stringify(bad));
      }
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'after the bad ones' }));
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(calls(res.trace), ['A onMessage INCOMING_MESSAGE msg-1']);
    },
  },

  'JSON that is not an object, and content that is not a string, is dropped': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s, ['onMessage']);
      await TJS.connect('A', s);
      for (const c of ['42', 'null', '"str"', '"i1"', '[1]', '[{"InitialContactId":"i1"}]', 'true', 'false', '0', '""', '-1.5e3']) {
        ccp.message('aws/task', c);
        TJS.mark('sent ' + c);
      }
      for (const c of [42, null, undefined, true, { InitialContactId: 'i1' }, [JSON.stringify({ Note: 'array' })]]) {
        ccp.message('aws/task', c);
        TJS.mark('sent non-string ' + JSON.stringify(c));
      }
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'after' }));
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(calls(res.trace), ['A onMessage INCOMING_MESSAGE msg-1']);
    },
  },

  'websocket events: gain -> CONNECTION_ESTABLISHED {}, init failure -> CONNECTION_BROKEN {}, nothing before connect()': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s);
      ccp.gain(); ccp.lost(); ccp.initFailure();
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'before connect' }));
      TJS.mark('before connect');
      await TJS.connect('A', s);
      TJS.mark('gain'); ccp.gain();
      TJS.mark('lost'); ccp.lost();
      TJS.mark('init failure'); ccp.initFailure();
      TJS.mark('gain again'); ccp.gain();
      TJS.mark('connection open/close'); // events TaskJS does not listen to
      ccp.emit(connect.WebSocketEvents.CONNECTION_OPEN, {}); ccp.emit(connect.WebSocketEvents.CONNECTION_CLOSE, {});
      ccp.emit(connect.WebSocketEvents.SUBSCRIPTION_UPDATE, { topics: ['aws/task'] });
      ccp.emit(connect.WebSocketEvents.SUBSCRIPTION_FAILURE, { topics: ['aws/task'] });
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(marks(res.trace), ['before connect', 'A: connect() returned', 'A onConnectionEstablished',
        'gain', 'A onConnectionEstablished', 'lost', 'init failure', 'A onConnectionBroken',
        'gain again', 'A onConnectionEstablished', 'connection open/close']);
      const fired = res.trace.filter((r) => r.hook);
      assert.deepEqual(fired.slice(1).map((r) => [r.eventName, r.data]), [
        ['CONNECTION_ESTABLISHED', {}], ['CONNECTION_BROKEN', {}], ['CONNECTION_ESTABLISHED', {}]]);
    },
  },

  'connect() resolves {connectSuccess, connectCalled} after firing CONNECTION_ESTABLISHED with the same object': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s, ['onConnectionEstablished']);
      const p = s.connect();
      TJS.trace.push({ returnsThenable: !!p && typeof p.then === 'function', isPromise: p instanceof Promise });
      const v = await p;
      TJS.trace.push({ resolved: TJS.snap(v), keys: Object.keys(v),
        debugKeyPresent: '_debug' in v, debugValue: TJS.snap(v._debug),
        sameObject: v === TJS.last['A.onConnectionEstablished'],
        frozen: Object.isFrozen(v), proto: Object.getPrototypeOf(v) === Object.prototype });
      const s2 = connect.TaskSession.create({ contactId: 'c2', initialContactId: 'i2', websocketManager: ccp.ws });
      TJS.watch('B', s2, ['onConnectionEstablished']);
      await TJS.connect('B', s2);
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      const r = res.trace.find((x) => 'resolved' in x);
      assert.deepEqual(r.keys, ['_debug', 'connectSuccess', 'connectCalled']);
      assert.equal(r.sameObject, true);
      assert.deepEqual(res.trace[0], { returnsThenable: true, isPromise: true });
    },
  },

  'timing: subscribing is synchronous in connect(), CONNECTION_ESTABLISHED is not': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s, ['onMessage', 'onConnectionEstablished']);
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'before connect()' }));
      setTimeout(() => TJS.mark('setTimeout 0 queued before connect()'), 0);
      const p = TJS.connect('A', s);
      ccp.task(TJS.msg({ InitialContactId: 'i1', Note: 'right after connect()' }));
      TJS.mark('after the synchronous message');
      ccp.gain();
      TJS.mark('after a synchronous gain');
      await p;
      TJS.mark('connect() settled');
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(marks(res.trace), ['A: connect() returned', 'A onMessage', 'after the synchronous message',
        'A onConnectionEstablished', 'after a synchronous gain', 'A onConnectionEstablished', 'connect() settled',
        'setTimeout 0 queued before connect()']);
    },
  },

  'timing: microtask order of CONNECTION_ESTABLISHED and the resolution of connect()': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      s.onConnectionEstablished(() => TJS.mark('CONNECTION_ESTABLISHED'));
      Promise.resolve().then(() => TJS.mark('microtask queued before connect()'));
      const p = s.connect();
      TJS.mark('connect() returned');
      p.then(() => TJS.mark('connect() resolved'));
      queueMicrotask(() => TJS.mark('microtask 1 after connect()'));
      Promise.resolve().then(() => TJS.mark('microtask 2 after connect()'))
        .then(() => TJS.mark('microtask 2, next step'))
        .then(() => TJS.mark('microtask 2, third step'));
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(marks(res.trace), ['connect() returned', 'microtask queued before connect()',
        'CONNECTION_ESTABLISHED', 'microtask 1 after connect()', 'microtask 2 after connect()', 'connect() resolved',
        'microtask 2, next step', 'microtask 2, third step']);
    },
  },

  'subscriber calls: arguments passed to a subscriber': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      const shape = function (hook) {
        return function () {
          // The contract is (data, eventName). The reference also passes its internal
          // connect.EventBus as a third argument; taskjs-rs does not (a documented difference),
          // so only the first two are compared.
          TJS.trace.push({ hook, dataType: typeof arguments[0], secondArg: arguments[1] });
        };
      };
      s.onMessage(shape('onMessage'));
      s.onTransferInitiated(shape('onTransferInitiated'));
      s.onConnectionEstablished(shape('onConnectionEstablished'));
      s.onConnectionBroken(shape('onConnectionBroken'));
      await s.connect();
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferInitiated, InitialContactId: 'i1' }));
      ccp.gain(); ccp.initFailure();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.equal(res.trace.length, 5);
      for (const r of res.trace) assert.equal(typeof r.secondArg, 'string');
    },
  },

  'a throwing subscriber does not stop the others, and no exception reaches Streams': {
    run: async () => {
      const ccp = TJS.boot();
      const a = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      const b = connect.TaskSession.create({ contactId: 'c2', initialContactId: 'i1', websocketManager: ccp.ws });
      const boom = (what) => () => { TJS.mark('throwing in ' + what); throw new Error('subscriber failure: ' + what); };
      a.onMessage(boom('A onMessage'));
      a.onTransferInitiated(boom('A onTransferInitiated'));
      a.onConnectionEstablished(boom('A onConnectionEstablished'));
      a.onConnectionBroken(boom('A onConnectionBroken'));
      TJS.watch('A', a);
      b.onMessage(boom('B onMessage'));
      TJS.watch('B', b, ['onMessage', 'onConnectionEstablished', 'onConnectionBroken']);
      await TJS.connect('A', a);
      await TJS.connect('B', b);
      // Streams-side subscribers registered after TaskJS's on the same websocket manager.
      ccp.ws.onMessage('aws/task', (m) => TJS.trace.push({ streamsSide: 'topic aws/task', content: m.content.slice(0, 40) }));
      ccp.ws.onConnectionGain(() => TJS.trace.push({ streamsSide: 'connection gain' }));
      ccp.ws.onInitFailure(() => TJS.trace.push({ streamsSide: 'init failure' }));
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferInitiated, InitialContactId: 'i1' }));
      ccp.gain();
      ccp.initFailure();
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      const tail = res.trace.slice(res.trace.findIndex((r) => r.mark === 'B: connect() returned'));
      const seen = tail.map((r) => r.mark || r.streamsSide || `${r.session} ${r.hook}`);
      assert.ok(seen.includes('A onTransferInitiated') && seen.includes('A onMessage') && seen.includes('B onMessage'));
      assert.ok(seen.includes('topic aws/task') && seen.includes('connection gain') && seen.includes('init failure'));
      assert.ok(seen.includes('A onConnectionBroken') && seen.includes('B onConnectionBroken'));
    },
  },

  'cleanUp() after connect(): nothing fires afterwards, other sessions go on': {
    run: async () => {
      const ccp = TJS.boot();
      const a = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      const b = connect.TaskSession.create({ contactId: 'c2', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', a);
      TJS.watch('B', b, ['onMessage', 'onConnectionEstablished', 'onConnectionBroken']);
      await TJS.connect('A', a);
      await TJS.connect('B', b);
      ccp.task(TJS.msg({ ContentType: TJS.CT.taskExpiring, InitialContactId: 'i1' }));
      const ret = a.cleanUp();
      TJS.trace.push({ cleanUpReturned: TJS.snap(ret) });
      TJS.mark('A cleaned up');
      ccp.task(TJS.msg({ ContentType: TJS.CT.taskExpired, InitialContactId: 'i1', ContactId: 'c1' }));
      ccp.gain(); ccp.lost(); ccp.initFailure();
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      const after = res.trace.slice(res.trace.findIndex((r) => r.mark === 'A cleaned up'));
      assert.deepEqual(calls(after), ['B onMessage INCOMING_MESSAGE msg-2', 'B onConnectionEstablished CONNECTION_ESTABLISHED {}',
        'B onConnectionBroken CONNECTION_BROKEN {}']);
    },
  },

  'several sessions on one manager: each gets its own messages, in connect() order': {
    run: async () => {
      const ccp = TJS.boot();
      const mk = (c, i) => connect.TaskSession.create({ contactId: c, initialContactId: i, websocketManager: ccp.ws });
      const a = mk('c1', 'i1'); const b = mk('c2', 'i2'); const c = mk('c3', 'i1'); const d = mk('c4', 'i4');
      TJS.watch('A', a, ['onMessage', 'onConnectionEstablished']);
      TJS.watch('B', b, ['onMessage', 'onConnectionEstablished']);
      TJS.watch('C', c, ['onMessage', 'onConnectionEstablished']);
      TJS.watch('D', d, ['onMessage', 'onConnectionEstablished']);
      // Connected in another order than created; D is never connected.
      await TJS.connect('C', c);
      await TJS.connect('A', a);
      await TJS.connect('B', b);
      TJS.mark('all connected');
      ccp.task(TJS.msg({ InitialContactId: 'i1', ContactId: 'c1', Note: 'A and C share the initial contact' }));
      ccp.task(TJS.msg({ InitialContactId: 'i2', ContactId: 'c2', Note: 'B' }));
      ccp.task(TJS.msg({ InitialContactId: 'i2', ContactId: 'c1', Note: 'B by initial id, A by contact id' }));
      ccp.task(TJS.msg({ InitialContactId: 'i1', ContactId: 'c3', Note: 'A and C; C matches twice' }));
      ccp.task(TJS.msg({ ContactId: 'c3', Note: 'C only' }));
      ccp.task(TJS.msg({ InitialContactId: 'i4', ContactId: 'c4', Note: 'D is not connected' }));
      ccp.gain();
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      const after = res.trace.slice(res.trace.findIndex((r) => r.mark === 'all connected'));
      assert.deepEqual(calls(after), [
        'C onMessage INCOMING_MESSAGE msg-1', 'A onMessage INCOMING_MESSAGE msg-1',
        'B onMessage INCOMING_MESSAGE msg-2',
        'A onMessage INCOMING_MESSAGE msg-3', 'B onMessage INCOMING_MESSAGE msg-3',
        'C onMessage INCOMING_MESSAGE msg-4', 'A onMessage INCOMING_MESSAGE msg-4',
        'C onMessage INCOMING_MESSAGE msg-5',
        'C onConnectionEstablished CONNECTION_ESTABLISHED {}', 'A onConnectionEstablished CONNECTION_ESTABLISHED {}',
        'B onConnectionEstablished CONNECTION_ESTABLISHED {}',
      ]);
      assert.deepEqual(res.subscribes, [[['aws/task']]], 'the topic is subscribed once per manager');
    },
  },

  'the same parsed object reaches every subscriber and session': {
    run: async () => {
      const ccp = TJS.boot();
      const a = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      const b = connect.TaskSession.create({ contactId: 'c2', initialContactId: 'i1', websocketManager: ccp.ws });
      const seen = [];
      a.onTransferFailed((d) => seen.push(d));
      a.onMessage((d) => seen.push(d));
      a.onMessage((d) => seen.push(d));
      b.onMessage((d) => seen.push(d));
      await a.connect(); await b.connect();
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferFailed, InitialContactId: 'i1' }));
      TJS.trace.push({ delivered: seen.length, allSame: seen.every((d) => d === seen[0]),
        plainObject: Object.getPrototypeOf(seen[0]) === Object.prototype, frozen: Object.isFrozen(seen[0]) });
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(res.trace, [{ delivered: 4, allSame: true, plainObject: true, frozen: false }]);
    },
  },

  'a session that is never connected receives nothing': {
    run: async () => {
      const ccp = TJS.boot();
      const s = connect.TaskSession.create({ contactId: 'c1', initialContactId: 'i1', websocketManager: ccp.ws });
      TJS.watch('A', s);
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferInitiated, InitialContactId: 'i1', ContactId: 'c1' }));
      ccp.gain(); ccp.lost(); ccp.initFailure();
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(res.trace, []);
      assert.deepEqual(res.subscribes, [[]]);
    },
  },

  "Streams' MediaFactory: a task connection gets a connected session that receives its messages; ending the connection cleans it up": {
    run: async () => {
      const ccp = TJS.boot();
      const contact = { contactId: 'c1', initialContactId: 'i1', connectionId: 'conn-1' };
      ccp.agentUpdate(TJS.agentData([contact]));
      // Streams' own contact API; constructing the TaskConnection starts its media controller.
      const conn = new connect.Contact('c1').getAgentConnection();
      TJS.trace.push({ connectionType: conn.constructor === connect.TaskConnection, mediaInfo: conn.getMediaInfo() });
      const session = await conn.getMediaController();
      TJS.trace.push({ sameSessionOnSecondGet: session === (await conn.getMediaController()) });
      TJS.watch('M', session);
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferSucceeded, InitialContactId: 'i1', ContactId: 'c1' }));
      ccp.task(TJS.msg({ InitialContactId: 'i2', ContactId: 'c2', Note: 'other contact' }));
      ccp.gain();
      ccp.initFailure();
      TJS.trace.push({ metrics: ccp.metrics() });
      // The agent's connection is gone: Streams destroys the controller on the next get() and calls cleanUp().
      ccp.agentUpdate(TJS.agentData([Object.assign({}, contact, { state: 'disconnected' })]));
      TJS.trace.push({ getAfterDisconnect: await conn.getMediaController().then(() => 'resolved', (e) => String(e)) });
      await TJS.settle();
      TJS.mark('destroyed');
      ccp.task(TJS.msg({ ContentType: TJS.CT.transferFailed, InitialContactId: 'i1', ContactId: 'c1' }));
      ccp.gain();
      ccp.initFailure();
      await TJS.settle();
      TJS.trace.push({ metricsAfterDestroy: ccp.metrics() });
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(res.trace[0], { connectionType: true, mediaInfo: { contactId: 'c1', initialContactId: 'i1' } });
      assert.deepEqual(res.trace[1], { sameSessionOnSecondGet: true });
      assert.deepEqual(calls(res.trace), ['M onTransferSucceeded TRANSFER_SUCCEEDED msg-1', 'M onMessage INCOMING_MESSAGE msg-1',
        'M onConnectionEstablished CONNECTION_ESTABLISHED {}', 'M onConnectionBroken CONNECTION_BROKEN {}']);
      const metrics = res.trace.find((r) => r.metrics).metrics;
      assert.deepEqual(metrics, ['Task media controller init', 'Task Session connection established',
        'Task Session Successfully established', 'Task Session connection established', 'Task Session connection broken']);
      assert.deepEqual(res.trace.find((r) => r.metricsAfterDestroy).metricsAfterDestroy, metrics);
      assert.deepEqual(res.subscribes, [[['aws/task']]]);
    },
  },

  "Streams' MediaFactory: destroy(connectionId) calls cleanUp so nothing fires afterwards": {
    run: async () => {
      const ccp = TJS.boot();
      ccp.agentUpdate(TJS.agentData([{ contactId: 'c7', initialContactId: 'i7', connectionId: 'conn-7' }]));
      const conn = new connect.TaskConnection('c7', 'conn-7');
      const session = await connect.core.mediaFactory.get(conn);
      TJS.watch('M', session, ['onMessage', 'onConnectionEstablished']);
      ccp.task(TJS.msg({ ContactId: 'c7' }));
      connect.core.mediaFactory.destroy('conn-7');
      TJS.mark('destroy called');
      ccp.task(TJS.msg({ ContactId: 'c7', Note: 'cleanUp runs after a microtask' }));
      await TJS.settle();
      TJS.mark('settled');
      ccp.task(TJS.msg({ ContactId: 'c7' }));
      ccp.gain();
      await TJS.settle();
      return TJS.result();
    },
    expect(res) {
      noErrors(res);
      assert.deepEqual(calls(res.trace), ['M onMessage INCOMING_MESSAGE msg-1', 'M onMessage INCOMING_MESSAGE msg-2']);
      assert.equal(res.trace.at(-1).mark, 'settled');
    },
  },
};
