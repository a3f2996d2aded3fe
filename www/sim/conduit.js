// The CCP's side of Streams' iframe conduit, for each page that loads the CCP: acknowledgement
// and keep-alive, storage access, API and master requests, broadcasts, websocket subscriptions.
// A page is a port: {post(message)} to it, port.receive(message) from it.
import { uuid } from './ids.js';
import { AgentEvents, EventType, MasterMethods, StorageAccessEvents, WebSocketEvents } from './protocol.js';

const QUIET_EVENTS = new Set([EventType.SYNCHRONIZE, EventType.LOG, EventType.SERVER_BOUND_INTERNAL_LOG]);

export class Conduit {
  constructor(sim) {
    this.sim = sim;
    this.ports = new Set();
    this.portId = uuid();
    this.masters = new Map();
    this.counts = {};
    this.config = null;
    this.streamsVersion = null;
  }

  // A page has loaded the CCP: acknowledge it, tell it the websocket's state, publish the agent.
  // Returns its port: port.receive(message) for what the page sends, port.close().
  connect(post) {
    const port = { id: this.ports.size ? uuid() : this.portId, post, acknowledged: false };
    port.receive = (message) => this.receive(message, port);
    port.close = () => { this.ports.delete(port); this.sim.changed(); };
    this.ports.add(port);
    this.greet(port);
    return port;
  }

  // What the CCP says when it has loaded: acknowledge, the websocket's state, the agent.
  greet(port) {
    this.reply(port, EventType.ACKNOWLEDGE, { id: port.id });
    this.send(EventType.UPDATE_CONNECTED_CCPS, { length: this.ports.size });
    if (!this.sim.ws.openedAt) this.sim.ws.open();
    else this.sim.ws.greet((e, d) => this.reply(port, e, d));
    this.reply(port, AgentEvents.UPDATE, this.sim.agent.toAgentData());
    this.sim.changed();
  }

  receive(message, port) {
    if (!message || typeof message.event !== 'string') return;
    const { event, data } = message;
    this.counts[event] = (this.counts[event] || 0) + 1;
    this.sim.clock.check();
    switch (event) {
      case EventType.SYNCHRONIZE:
        this.reply(port, EventType.ACKNOWLEDGE);
        break;
      case EventType.CONFIGURE:
        this.config = data;
        this.sim.note('← configure');
        break;
      case EventType.OUTER_CONTEXT_INFO:
        this.streamsVersion = data && data.streamsVersion;
        this.sim.note(`← outer_context_info (Streams ${this.streamsVersion})`);
        break;
      case EventType.API_REQUEST:
        this.answerApi(port, data);
        break;
      case EventType.MASTER_REQUEST:
        this.answerMaster(port, data);
        break;
      case EventType.BROADCAST:
        // The worker re-sends broadcasts to every connected page.
        if (data && data.event) this.send(data.event, data.data);
        break;
      case WebSocketEvents.SUBSCRIBE:
        this.sim.ws.subscribe(data);
        this.sim.changed();
        break;
      case StorageAccessEvents.REQUEST:
        // Streams releases with storage access on by default (2.13) load the CCP's storage-access
        // page first (unless the app opts out) and wait for its grant; then the CCP page loads
        // and acknowledges again.
        this.reply(port, StorageAccessEvents.INIT, { hasAccess: true });
        this.reply(port, StorageAccessEvents.GRANTED, { hasAccess: true });
        this.greet(port);
        break;
      case EventType.TERMINATE:
        this.sim.note('← terminate');
        this.sim.agent.setOffline(true);
        this.reply(port, EventType.TERMINATED);
        break;
      default:
        if (!QUIET_EVENTS.has(event)) this.sim.note(`← ${event}`);
    }
    // Streams sends these only once it has our acknowledgement (and so the agent).
    if (!port.acknowledged && (event === EventType.SYNCHRONIZE || event === EventType.OUTER_CONTEXT_INFO)) {
      port.acknowledged = true;
      this.sim.changed();
    }
  }

  // To every page.
  send(event, data) {
    for (const port of this.ports) port.post({ event, data });
    if (!QUIET_EVENTS.has(event) && event !== EventType.ACKNOWLEDGE) this.sim.note(`→ ${event}`);
  }

  // To one page.
  reply(port, event, data) {
    port.post({ event, data });
  }

  answerApi(port, request) {
    const { requestId, method, params } = request || {};
    this.sim.backend.handle(method, params, ({ data, err }) => {
      this.sim.note(`← api_request ${method} ${err ? `→ error ${err.type}` : '→ ok'}`);
      const response = { event: EventType.API_RESPONSE, requestId, data: err ? null : data, err: err ? JSON.stringify(err) : null };
      if (this.ports.has(port)) this.reply(port, EventType.API_RESPONSE, response);
    });
  }

  answerMaster(port, request) {
    const { requestId, method, params = {} } = request || {};
    let data;
    if (method === MasterMethods.BECOME_MASTER) {
      this.masters.set(params.topic, port.id);
      data = { masterId: port.id, takeOver: false, topic: params.topic };
    } else {
      if (!this.masters.has(params.topic) && !params.shouldNotBecomeMasterIfNone) this.masters.set(params.topic, port.id);
      const masterId = this.masters.get(params.topic) || null;
      data = { masterId, isMaster: masterId === port.id, topic: params.topic };
    }
    this.reply(port, EventType.MASTER_RESPONSE, { event: EventType.MASTER_RESPONSE, requestId, data, err: null });
  }
}
