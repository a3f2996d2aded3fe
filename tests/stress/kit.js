// Page side of the stress tests and the benchmark (window.KIT), loaded after Streams and a
// TaskJS bundle. Only the far end of the upstream conduit is ours: messages go through Streams'
// real connect.WebSocketProvider, exactly as the CCP iframe's would.
(function () {
  'use strict';
  var KIT = {};
  window.KIT = KIT;

  KIT.CT = {
    transferInitiated: 'application/vnd.amazonaws.connect.event.transfer.initiated',
    transferSucceeded: 'application/vnd.amazonaws.connect.event.transfer.succeeded',
    transferFailed: 'application/vnd.amazonaws.connect.event.transfer.failed',
    taskExpiring: 'application/vnd.amazonaws.connect.event.expire.warning',
    taskExpired: 'application/vnd.amazonaws.connect.event.expire.complete',
  };

  // Errors that escape to the window.
  KIT.uncaught = [];
  window.addEventListener('error', function (e) { KIT.uncaught.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) {
    KIT.uncaught.push('unhandled rejection: ' + String(e.reason && e.reason.message || e.reason));
  });

  // Streams' log entries, counted by level (the entries themselves stay in Streams' logger).
  KIT.logCounts = {};
  KIT.logTexts = [];
  KIT.quietLog = function () {
    var log = connect.getLog();
    log.setEchoLevel('CRITICAL');
    var write = log.write;
    log.write = function (component, level, text) {
      KIT.logCounts[level] = (KIT.logCounts[level] || 0) + 1;
      if (level === "ERROR" && KIT.logTexts.length < 1000) KIT.logTexts.push(String(text));
      return write.apply(this, arguments);
    };
  };

  // The CCP end of the upstream conduit, as Streams' WebSocketProvider sees it.
  function Upstream() {
    this.listeners = {};
    this.sentCount = 0;
    this.subscribes = [];
  }
  Upstream.prototype.onUpstream = function (event, f) {
    (this.listeners[event] = this.listeners[event] || []).push(f);
  };
  Upstream.prototype.sendUpstream = function (event, data) {
    this.sentCount++;
    if (event === connect.WebSocketEvents.SUBSCRIBE) this.subscribes.push(data);
  };
  Upstream.prototype.emit = function (event, data) {
    var list = this.listeners[event] || [];
    for (var i = 0; i < list.length; i++) list[i](data);
  };

  var TRACKED = ['onMessage', 'onConnectionGain', 'onConnectionLost', 'onInitFailure',
    'onAllMessage', 'onConnectionOpen', 'onConnectionClose', 'onSubscriptionUpdate', 'onSubscriptionFailure'];

  // A real connect.WebSocketProvider behind a test upstream (left installed as
  // connect.core.upstream, which the provider uses when it sends). `live()` counts the callbacks
  // currently registered on the provider, by hook: each hook is wrapped to mirror the provider's
  // own callback Sets (Streams' unsubscribe functions return whether they removed something).
  // With {track: false} the provider is left exactly as Streams made it (for the benchmark).
  KIT.provider = function (options) {
    var upstream = new Upstream();
    connect.core.upstream = upstream;
    var ws = new connect.WebSocketProvider();
    var mirror = {};
    if (!options || options.track !== false) TRACKED.forEach(function (hook) {
      var original = ws[hook];
      if (typeof original !== 'function') return;
      mirror[hook] = new Set();
      ws[hook] = function () {
        var cb = arguments[arguments.length - 1];
        var key = hook === 'onMessage' ? arguments[0] + '\u0000' : '';
        var unsubscribe = original.apply(this, arguments);
        mirror[hook].add(cb);
        return function () {
          var removed = unsubscribe.apply(this, arguments);
          if (removed) mirror[hook].delete(cb);
          return removed;
        };
      };
    });
    var M = connect.WebSocketEvents;
    return {
      ws: ws,
      upstream: upstream,
      live: function () {
        var out = { total: 0 };
        Object.keys(mirror).forEach(function (h) { out[h] = mirror[h].size; out.total += mirror[h].size; });
        return out;
      },
      send: function (content, topic) {
        upstream.emit(M.ALL_MESSAGE, { topic: arguments.length > 1 ? topic : 'aws/task', content: content });
      },
      task: function (obj) { this.send(JSON.stringify(obj)); },
      gain: function () { upstream.emit(M.CONNECTION_GAIN, {}); },
      lost: function () { upstream.emit(M.CONNECTION_LOST, {}); },
      initFailure: function () { upstream.emit(M.INIT_FAILURE, {}); },
    };
  };

  // A session on `p` (from KIT.provider) whose every hook records (eventName, data) in `got`.
  KIT.recordingSession = function (p, contactId, initialContactId) {
    var s = connect.TaskSession.create({ contactId: contactId, initialContactId: initialContactId,
      websocketManager: p.ws });
    var got = [];
    ['onTransferInitiated', 'onTransferSucceeded', 'onTransferFailed', 'onTaskExpiring', 'onTaskExpired',
      'onMessage', 'onConnectionEstablished', 'onConnectionBroken'].forEach(function (hook) {
      s[hook](function (data, eventName) { got.push([eventName, data]); });
    });
    return { session: s, got: got };
  };

  // Our bundle's wasm memory: the linear memory size (from connect.TaskJS.__memoryBytes() when
  // the bundle has that debug hook, else from the instance tests/stress/wasm-probe.js caught),
  // and the allocator's bytes in use (connect.TaskJS.stats().heapBytesInUse).
  KIT.wasm = function () {
    var tj = connect.TaskJS || {};
    var hook = tj.__memoryBytes;
    var heapBytes = typeof tj.stats === 'function' ? tj.stats().heapBytesInUse : null; // first: a
    // recovery makes the instance on this call
    // Find the memory and the externref table by what they are. The module is the latest
    // instance with an externref table (the small one that decodes it,
    // js/wasm-text-decoder.wat, has none; a recovery makes a new one).
    var exported = function (inst, Kind) {
      return Object.values(inst.exports).filter(function (e) { return e instanceof Kind; })[0];
    };
    var inst = (window.__wasmInstances || []).filter(function (i) {
      return exported(i, WebAssembly.Memory) && exported(i, WebAssembly.Table);
    }).pop();
    if (!inst && typeof hook !== 'function') return null;
    var table = inst && exported(inst, WebAssembly.Table);
    return {
      memoryBytes: typeof hook === 'function' ? hook() : exported(inst, WebAssembly.Memory).buffer.byteLength,
      viaHook: typeof hook === 'function',
      heapBytes: heapBytes,
      externrefTableLength: table ? table.length : null,
    };
  };

  // Whether the bundle still works: a new session on a new provider gets a message. Returns
  // 'ok' or what went wrong (a trapped wasm instance throws RuntimeError from then on).
  KIT.health = function () {
    try {
      var p = KIT.provider();
      var got = 0;
      var s = connect.TaskSession.create({ contactId: 'health-c', initialContactId: 'health-i', websocketManager: p.ws });
      s.onMessage(function () { got++; });
      s.connect();
      p.task({ ContactId: 'health-c', InitialContactId: 'health-i' });
      s.cleanUp();
      return got === 1 ? 'ok' : 'delivered ' + got + ' times';
    } catch (e) {
      return 'threw ' + (e && e.name) + ': ' + (e && e.message);
    }
  };

  // Whether anything was added to the built-in prototypes (a polluted Object.prototype).
  KIT.pollution = function () {
    var found = [];
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].forEach(function (p, i) {
      Object.getOwnPropertyNames(p).forEach(function (k) {
        if (/polluted|hacked|__x/i.test(k)) found.push(i + ':' + k);
      });
    });
    if (({}).polluted !== undefined || ({}).hacked !== undefined) found.push('{}.polluted');
    return found;
  };
})();
