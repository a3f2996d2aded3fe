// The benchmark's floor: the least a TaskSession can do and still be correct. One listener per
// websocket manager, each message parsed once and routed through two Maps (InitialContactId,
// ContactId), subscribers in arrays, each call guarded so one throwing subscriber cannot stop
// the others. No logging. Installs connect.TaskSession like a TaskJS bundle; bench only.
(function () {
  'use strict';
  var EVENT_OF = new Map([
    ['application/vnd.amazonaws.connect.event.transfer.initiated', 'TRANSFER_INITIATED'],
    ['application/vnd.amazonaws.connect.event.transfer.succeeded', 'TRANSFER_SUCCEEDED'],
    ['application/vnd.amazonaws.connect.event.transfer.failed', 'TRANSFER_FAILED'],
    ['application/vnd.amazonaws.connect.event.expire.warning', 'TASK_EXPIRING'],
    ['application/vnd.amazonaws.connect.event.expire.complete', 'TASK_EXPIRED'],
  ]);
  var HOOKS = {
    onTransferInitiated: 'TRANSFER_INITIATED', onTransferSucceeded: 'TRANSFER_SUCCEEDED',
    onTransferFailed: 'TRANSFER_FAILED', onTaskExpiring: 'TASK_EXPIRING', onTaskExpired: 'TASK_EXPIRED',
    onMessage: 'INCOMING_MESSAGE', onConnectionEstablished: 'CONNECTION_ESTABLISHED',
    onConnectionBroken: 'CONNECTION_BROKEN', onConnectionLost: 'CONNECTION_LOST',
  };
  var bindings = new Map();

  function add(map, key, session) {
    var set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(session);
  }
  function remove(map, key, session) {
    var set = map.get(key);
    if (set && set.delete(session) && set.size === 0) map.delete(key);
  }

  function Binding(ws) {
    this.ws = ws;
    this.byInitial = new Map();
    this.byContact = new Map();
    this.sessions = new Set();
    this.off = null;
  }
  Binding.prototype.join = function (s) {
    if (!this.off) {
      var self = this;
      this.ws.subscribeTopics(['aws/task']);
      this.off = [
        this.ws.onMessage('aws/task', function (m) { self.message(m); }),
        this.ws.onConnectionGain(function () { self.all('CONNECTION_ESTABLISHED'); }),
        this.ws.onConnectionLost(function () { self.all('CONNECTION_LOST'); }),
        this.ws.onInitFailure(function () { self.all('CONNECTION_BROKEN'); }),
      ];
    }
    this.sessions.add(s);
    add(this.byInitial, s.initialContactId, s);
    add(this.byContact, s.contactId, s);
  };
  Binding.prototype.leave = function (s) {
    this.sessions.delete(s);
    remove(this.byInitial, s.initialContactId, s);
    remove(this.byContact, s.contactId, s);
    if (this.sessions.size === 0 && this.off) {
      this.off.forEach(function (f) { f(); });
      this.off = null;
    }
  };
  Binding.prototype.message = function (m) {
    var data;
    try { data = JSON.parse(m.content); } catch (e) { return; }
    if (data === null || typeof data !== 'object') return;
    var specific = EVENT_OF.get(data.ContentType);
    var a = this.byInitial.get(data.InitialContactId);
    var b = this.byContact.get(data.ContactId);
    if (a) a.forEach(function (s) { s.deliver(specific, data); });
    if (b) b.forEach(function (s) { if (!a || !a.has(s)) s.deliver(specific, data); });
  };
  Binding.prototype.all = function (event) {
    this.sessions.forEach(function (s) { s.fire(event, {}); });
  };

  function Session(args) {
    this.contactId = args.contactId;
    this.initialContactId = args.initialContactId;
    this.ws = args.websocketManager;
    this.subs = {};
    this.binding = null;
  }
  Object.keys(HOOKS).forEach(function (hook) {
    var event = HOOKS[hook];
    Session.prototype[hook] = function (cb) {
      var list = this.subs[event] || (this.subs[event] = []);
      list.push(cb);
      return function () { var i = list.indexOf(cb); if (i >= 0) list.splice(i, 1); };
    };
  });
  Session.prototype.fire = function (event, data) {
    var list = this.subs[event];
    if (!list) return;
    for (var i = 0; i < list.length; i++) {
      try { list[i](data, event); } catch (e) { /* a real implementation logs here */ }
    }
  };
  Session.prototype.deliver = function (specific, data) {
    if (specific) this.fire(specific, data);
    this.fire('INCOMING_MESSAGE', data);
  };
  Session.prototype.connect = function () {
    if (!this.binding) {
      var b = bindings.get(this.ws);
      if (!b) bindings.set(this.ws, (b = new Binding(this.ws)));
      b.join(this);
      this.binding = b;
    }
    var self = this;
    var result = { connectSuccess: true, connectCalled: true };
    return Promise.resolve().then(function () { self.fire('CONNECTION_ESTABLISHED', result); return result; });
  };
  Session.prototype.cleanUp = function () {
    this.subs = {};
    if (this.binding) { this.binding.leave(this); this.binding = null; }
  };

  window.connect = window.connect || {};
  connect.TaskSession = { create: function (args) { return new Session(args); } };
})();
