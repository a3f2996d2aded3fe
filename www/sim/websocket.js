// The CCP's websocket as the page sees it through the conduit: subscriptions, connection
// state and topic messages, relayed as the "webSocket::*" events the real worker sends.
import { AgentEvents, TASK_TOPIC, WebSocketEvents } from './protocol.js';

export class SimWebSocket {
  // send(event, data) posts one conduit message to the page; log(text) records activity.
  constructor({ send, log }) {
    this.send = send;
    this.log = log;
    this.reset();
  }

  reset() {
    this.online = false;
    this.initFailed = false;
    // The CCP's own task view subscribes aws/task when it loads, so the worker's websocket
    // relays task events to the pages from the start, whether or not a page has a session yet.
    this.topics = new Set([TASK_TOPIC]);
    this.openedAt = null;
  }

  // First open: the websocket manager reports a connection gain (it does so on its first open too).
  open() {
    this.online = true;
    this.openedAt = Date.now();
    this.send(WebSocketEvents.CONNECTION_OPEN, { connectWebSocketUrl: 'wss://ccp-simulator.invalid/ws' });
    this.gain();
  }

  // Tells one more page the websocket's state, as the worker does when a tab connects.
  greet(send) {
    if (this.online) {
      send(WebSocketEvents.CONNECTION_OPEN, { connectWebSocketUrl: 'wss://ccp-simulator.invalid/ws' });
      send(WebSocketEvents.CONNECTION_GAIN);
    } else if (this.initFailed) {
      send(WebSocketEvents.INIT_FAILURE);
    }
  }

  gain() {
    this.online = true;
    this.openedAt = Date.now();
    this.send(AgentEvents.WEBSOCKET_CONNECTION_GAINED);
    this.send(WebSocketEvents.CONNECTION_GAIN);
    this.log('websocket: connection gained');
  }

  lose() {
    this.online = false;
    const info = {
      openTimestamp: this.openedAt,
      closeTimestamp: Date.now(),
      connectionDuration: Date.now() - (this.openedAt || Date.now()),
      code: 1006,
      reason: 'Simulated network loss',
    };
    this.send(AgentEvents.WEBSOCKET_CONNECTION_LOST, info);
    this.send(WebSocketEvents.CONNECTION_LOST, info);
    this.log('websocket: connection lost');
  }

  failInit() {
    this.online = false;
    this.initFailed = true;
    this.send(WebSocketEvents.INIT_FAILURE);
    this.log('websocket: init failure');
  }

  subscribe(topics) {
    const list = Array.isArray(topics) ? topics : [];
    list.forEach((t) => this.topics.add(t));
    this.send(WebSocketEvents.SUBSCRIPTION_UPDATE, {
      topic: 'aws/subscribe',
      contentType: 'application/json',
      content: { status: 'success', topics: list },
    });
    this.log(`websocket: subscribed ${list.join(', ') || '(nothing)'}`);
  }

  // Delivers one topic message; the server only sends topics the CCP or a page subscribed to.
  // Returns whether it was sent.
  message(topic, content) {
    if (!this.online) {
      this.log(`dropped ${topic} message: websocket is down`);
      return false;
    }
    if (!this.topics.has(topic)) {
      this.log(`dropped ${topic} message: nobody subscribed to ${topic}`);
      return false;
    }
    const body = typeof content === 'string' ? content : JSON.stringify(content);
    this.send(WebSocketEvents.ALL_MESSAGE, { topic, contentType: 'application/json', content: body });
    return true;
  }

  taskEvent(content) {
    return this.message(TASK_TOPIC, content);
  }
}
