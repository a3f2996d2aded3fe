// The CCP simulator: answers the Streams page that embeds it (connect.core.initCCP) over the
// iframe conduit, holds the agent and its task contacts, and runs the actions that make
// things happen (task events, websocket loss, new contacts...).
import { AgentState } from './agent-state.js';
import { Backend } from './backend.js';
import { INSTANCE_ID, uuid } from './ids.js';
import { AgentEvents, EventType, MasterMethods, TASK_EVENTS, WebSocketEvents } from './protocol.js';
import { SimWebSocket } from './websocket.js';

const CONTENT_TYPE_OF_KIND = Object.fromEntries(TASK_EVENTS.map((e) => [e.kind, e.contentType]));

// Contacts the agent has when the CCP loads: a fresh task, and one transferred to this agent
// earlier (so its contactId and initialContactId differ).
const STARTING_TASKS = [
  {
    contactId: 'e2f4a6c8-1b3d-4f5a-9c7e-0a2b4c6d8e0f',
    name: 'Call back Ana about her refund',
    description: 'Ana asked for a call about order 1042.',
    references: { Order: { type: 'URL', value: 'https://example.com/orders/1042' } },
  },
  {
    contactId: 'f1a3c5e7-2d4f-4a6b-8c0e-1a3b5c7d9e1f',
    initialContactId: '0b2d4f6a-8c0e-4a2b-9d4f-6a8c0e2b4d6f',
    name: 'Review flagged invoice',
    description: 'Transferred from the billing queue.',
    references: {},
  },
];

const MAX_LOG = 300;
const QUIET_EVENTS = new Set([EventType.SYNCHRONIZE, EventType.LOG, EventType.SERVER_BOUND_INTERNAL_LOG]);

export class CcpSimulator {
  // post(message) sends {event, data} to the page (window.parent in the iframe).
  constructor({ post, delivery = 150 } = {}) {
    this.post = post;
    this.delivery = delivery; // ms before a created task reaches the agent
    this.portId = uuid();
    this.listeners = new Set();
    this.agent = new AgentState();
    this.ws = new SimWebSocket({ send: (e, d) => this.send(e, d), log: (t) => this.note(t) });
    this.backend = new Backend({
      agentState: this.agent,
      onTaskCreated: (task) => this.deliver(task),
      onContactsChanged: () => this.pushAgent(),
    });
    this.log = [];
    this.counts = {};
    this.config = null;
    this.streamsVersion = null;
    this.masters = new Map();
  }

  // --- conduit -----------------------------------------------------------------------------

  send(event, data) {
    this.post({ event, data });
    if (!QUIET_EVENTS.has(event) && event !== EventType.ACKNOWLEDGE) this.note(`→ ${event}`);
  }

  // Called once the page is there: acknowledge, open the websocket, publish the agent.
  start() {
    this.agent.reset();
    STARTING_TASKS.forEach((t) => this.agent.addTask(t));
    this.send(EventType.ACKNOWLEDGE, { id: this.portId });
    this.send(EventType.UPDATE_CONNECTED_CCPS, { length: 1 });
    this.ws.open();
    this.pushAgent();
  }

  // One message from the page.
  receive(message) {
    if (!message || typeof message.event !== 'string') return;
    const { event, data } = message;
    this.counts[event] = (this.counts[event] || 0) + 1;
    switch (event) {
      case EventType.SYNCHRONIZE:
        this.send(EventType.ACKNOWLEDGE);
        break;
      case EventType.CONFIGURE:
        this.config = data;
        this.note('← configure');
        break;
      case EventType.OUTER_CONTEXT_INFO:
        this.streamsVersion = data && data.streamsVersion;
        this.note(`← outer_context_info (Streams ${this.streamsVersion})`);
        break;
      case EventType.API_REQUEST:
        this.answerApi(data);
        break;
      case EventType.MASTER_REQUEST:
        this.answerMaster(data);
        break;
      case EventType.BROADCAST:
        // The worker re-sends broadcasts to every connected page.
        if (data && data.event) this.post({ event: data.event, data: data.data });
        break;
      case WebSocketEvents.SUBSCRIBE:
        this.ws.subscribe(data);
        break;
      case EventType.TERMINATE:
        this.note('← terminate');
        this.agent.setOffline(true);
        this.send(EventType.TERMINATED);
        break;
      default:
        if (!QUIET_EVENTS.has(event)) this.note(`← ${event}`);
    }
  }

  answerApi(request) {
    const { requestId, method, params } = request || {};
    const { data, err } = this.backend.handle(method, params);
    this.note(`← api_request ${method} ${err ? `→ error ${err.type}` : '→ ok'}`);
    this.post({
      event: EventType.API_RESPONSE,
      data: { event: EventType.API_RESPONSE, requestId, data: err ? null : data, err: err ? JSON.stringify(err) : null },
    });
  }

  answerMaster(request) {
    const { requestId, method, params = {} } = request || {};
    let data;
    if (method === MasterMethods.BECOME_MASTER) {
      this.masters.set(params.topic, this.portId);
      data = { masterId: this.portId, takeOver: false, topic: params.topic };
    } else {
      if (!this.masters.has(params.topic) && !params.shouldNotBecomeMasterIfNone) this.masters.set(params.topic, this.portId);
      const masterId = this.masters.get(params.topic) || null;
      data = { masterId, isMaster: masterId === this.portId, topic: params.topic };
    }
    this.post({ event: EventType.MASTER_RESPONSE, data: { event: EventType.MASTER_RESPONSE, requestId, data, err: null } });
  }

  pushAgent() {
    this.send(AgentEvents.UPDATE, this.agent.toAgentData());
    this.changed();
  }

  deliver(task) {
    if (task.scheduledTime && task.scheduledTime * 1000 > Date.now() + 60000) {
      this.note(`task ${task.contactId.slice(0, 8)} scheduled for ${new Date(task.scheduledTime * 1000).toISOString()}`);
      return;
    }
    setTimeout(() => {
      this.agent.addTask(task);
      this.note(`task "${task.name}" routed to the agent`);
      this.pushAgent();
    }, this.delivery);
  }

  // --- activity log ------------------------------------------------------------------------

  note(text) {
    this.log.push({ time: new Date(), text });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    this.changed();
  }

  onChange(f) {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  changed() {
    this.listeners.forEach((f) => f());
  }

  // --- actions (driven by the panel, the demo page or a test) ------------------------------

  contact(contactId) {
    const c = contactId ? this.agent.find(contactId) : this.agent.contacts.find((x) => x.state.type === 'connected');
    if (!c) throw new Error(`No contact ${contactId || '(connected)'} in the agent snapshot`);
    return c;
  }

  // Sends one aws/task event about a contact. `fields` are merged into the message.
  taskEvent({ contactId, kind, fields = {} } = {}) {
    const type = CONTENT_TYPE_OF_KIND[kind];
    if (!type) throw new Error(`Unknown task event kind '${kind}'`);
    const c = this.contact(contactId);
    const content = {
      AbsoluteTime: new Date().toISOString(),
      ContentType: type,
      Type: 'EVENT',
      Id: c.contactId,
      ContactId: c.contactId,
      InitialContactId: c.initialContactId,
      ...fields,
    };
    const sent = this.ws.taskEvent(content);
    if (sent) this.note(`aws/task ${kind} for ${c.contactId.slice(0, 8)}`);
    return { sent, content };
  }

  // Sends any aws/task content (an object, or a string sent as is, e.g. broken JSON).
  rawTaskMessage({ content, topic } = {}) {
    const sent = topic ? this.ws.message(topic, content) : this.ws.taskEvent(content);
    return { sent };
  }

  // A transfer that gives the task a new contactId and keeps its initialContactId: the event
  // names the new contact; the old contact ends (ACW) and the new one is connected.
  transferToNewContact({ contactId } = {}) {
    const old = this.contact(contactId);
    const newId = uuid();
    const sent = this.taskEvent({ contactId: old.contactId, kind: 'transferSucceeded', fields: { Id: newId, ContactId: newId } });
    this.agent.end(old.contactId);
    const added = this.agent.addTask({
      contactId: newId,
      initialContactId: old.initialContactId,
      name: old.name,
      description: old.description,
      references: old.references,
    });
    this.note(`transfer: ${old.contactId.slice(0, 8)} → ${newId.slice(0, 8)} (initial ${old.initialContactId.slice(0, 8)})`);
    this.pushAgent();
    return { ...sent, contactId: added.contactId, initialContactId: added.initialContactId };
  }

  connectionLost() { this.ws.lose(); this.changed(); return {}; }
  connectionGained() { this.ws.gain(); this.changed(); return {}; }
  initFailure() { this.ws.failInit(); this.changed(); return {}; }

  addTaskContact({ name = 'New task', description = '', references = {}, initialContactId } = {}) {
    const c = this.agent.addTask({ name, description, references, initialContactId });
    this.pushAgent();
    return { contactId: c.contactId, initialContactId: c.initialContactId };
  }

  endContact({ contactId } = {}) {
    this.agent.end(this.contact(contactId).contactId);
    this.pushAgent();
    return {};
  }

  removeContact({ contactId } = {}) {
    this.agent.remove(this.contact(contactId).contactId);
    this.pushAgent();
    return {};
  }

  failNext({ method, type, message, status } = {}) {
    this.backend.failNext(method, { type, message, status });
    this.note(`next ${method} will fail`);
    return {};
  }

  setOffline({ offline = true } = {}) {
    this.agent.setOffline(offline);
    this.pushAgent();
    return {};
  }

  // Read-only views for tests and the panel.
  state() {
    return {
      instanceId: INSTANCE_ID,
      streamsVersion: this.streamsVersion,
      websocket: { online: this.ws.online, initFailed: this.ws.initFailed, topics: [...this.ws.topics] },
      contacts: this.agent.contacts.map((c) => ({
        contactId: c.contactId,
        initialContactId: c.initialContactId,
        name: c.name,
        state: c.state.type,
      })),
      counts: { ...this.counts },
    };
  }

  calls({ method } = {}) {
    return this.backend.calls.filter((c) => !method || c.method === method);
  }

  // Runs a named action; used by the control message handler.
  run(action, args) {
    const allowed = ['taskEvent', 'rawTaskMessage', 'transferToNewContact', 'connectionLost', 'connectionGained',
      'initFailure', 'addTaskContact', 'endContact', 'removeContact', 'failNext', 'setOffline', 'state', 'calls'];
    if (!allowed.includes(action)) throw new Error(`Unknown simulator action '${action}'`);
    return this[action](args || {});
  }
}
