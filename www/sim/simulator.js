// The CCP simulator: the CCP's side of Streams' iframe conduit for each page that connects, the
// agent and its task contacts, the websocket, the clock, and what the page's requests and the
// test's controls do to them. It knows no DOM or network: a page is a post(message) function
// and sim.connect(post).receive(message) takes what the page sends.
import { makeProfile } from './agent-profile.js';
import { AgentState } from './agent-state.js';
import { Backend } from './backend.js';
import { Clock } from './clock.js';
import { checkKeys, SimulatorError } from './errors.js';
import { INSTANCE_ID, uuid } from './ids.js';
import { CONNECTION_STATE } from './lifecycle.js';
import { AgentEvents, TASK_EVENTS } from './protocol.js';
import { Conduit } from './conduit.js';
import { runDemoAction } from './demo-actions.js';
import { normalizeTemplate, SAMPLE_TEMPLATES } from './templates.js';
import { Timers } from './timers.js';
import { DEFAULT_TIMEOUT, Waiters } from './waiters.js';
import { SimWebSocket } from './websocket.js';

const CONTENT_TYPE_OF_KIND = Object.fromEntries(TASK_EVENTS.map((e) => [e.kind, e.contentType]));
export const TASK_EVENT_KINDS = Object.freeze(TASK_EVENTS.map((e) => e.kind));

const DAY = 24 * 3600 * 1000;
const TASK_EXPIRY = 7 * DAY; // a task's default lifetime in Amazon Connect
const WARNING_BEFORE = 2 * 3600 * 1000; // expire.warning comes two hours before expiry
const MAX_LOG = 300;

export const OPTIONS = ['post', 'agent', 'templates', 'contacts', 'deliveryDelay', 'deliverCreatedTasks', 'timeout'];
export const TASK_SPEC = ['contactId', 'initialContactId', 'previousContactId', 'relatedContactId', 'name', 'description',
  'references', 'attributes', 'scheduledTime', 'templateId', 'queue', 'state', 'expiresAt'];

export class CcpSimulator {
  // options: post (the page of start()/receive()), agent (a profile), templates (GetTaskTemplate
  // shapes), contacts (tasks the agent has when the CCP loads), deliveryDelay (ms before a
  // created task reaches the agent), deliverCreatedTasks, timeout (default for the waits).
  constructor(options = {}) {
    checkKeys('CCP simulator options', options, OPTIONS);
    const { post, agent, templates, contacts = [], deliveryDelay = 0, deliverCreatedTasks = true, timeout = DEFAULT_TIMEOUT } = options;
    this.defaultPost = post;
    this.options = { agent, templates, contacts };
    this.deliveryDelay = deliveryDelay;
    this.deliverCreatedTasks = deliverCreatedTasks;
    this.timeout = timeout;
    this.ws = new SimWebSocket({ send: (e, d) => this.send(e, d), log: (t) => this.note(t) });
    this.waiters = new Waiters();
    this.conduit = new Conduit(this);
    this.timers = new Timers();
    this.log = [];
    this.listeners = new Set();
    this.init();
  }

  // The state a fresh CCP has: the options' agent, templates and contacts, nothing sent yet.
  init() {
    const { agent, templates, contacts = [] } = this.options;
    this.clock = new Clock();
    this.profile = makeProfile(agent);
    this.templates = (templates || SAMPLE_TEMPLATES).map(normalizeTemplate);
    this.agent = new AgentState({ profile: this.profile, clock: this.clock });
    this.backend = new Backend(this);
    this.createdTasks = new Map(); // contactId -> task created through the API
    this.tokens = new Map(); // idempotencyToken -> contactId
    this.transfers = new Map(); // contactId -> {endpoint, method}: transfers under way
    this.seen = new Set(); // contactIds that have been in the snapshot
    this.scheduled = new Set(); // contactIds of tasks waiting for their scheduledTime
    this.taskEvents = []; // aws/task messages sent: {kind, contactId, content, delivered}
    this.consumedCalls = new WeakSet(); // calls nextCall has returned
    contacts.forEach((c) => this.addTask({ state: 'connected', ...c }, { publish: false }));
  }

  // Back to the fresh state for the pages that are connected (a test's isolation): pending
  // timers and waits end, the websocket is up, the agent is published again.
  reset() {
    this.stopTimers();
    this.waiters.cancelAll('The CCP simulator was reset');
    this.init();
    if (!this.ws.online) this.ws.gain();
    this.pushAgent();
  }


  // --- pages: the conduit (conduit.js) ----------------------------------------------------

  // A page has loaded the CCP; returns its port: port.receive(message), port.close().
  connect(post) {
    return this.conduit.connect(post);
  }

  // The page given to the constructor (the demo's iframe uses these two).
  start() {
    this.defaultPort = this.conduit.connect(this.defaultPost);
  }

  receive(message, port = this.defaultPort) {
    if (port) port.receive(message);
  }

  // To every page.
  send(event, data) {
    this.conduit.send(event, data);
  }

  pushAgent() {
    for (const c of this.agent.contacts) this.seen.add(c.contactId);
    this.send(AgentEvents.UPDATE, this.agent.toAgentData());
    this.changed();
  }

  // --- what happens to contacts ------------------------------------------------------------

  find(contactId) {
    if (typeof contactId !== 'string' || !contactId) throw new SimulatorError(`A contactId (string) is required, got ${JSON.stringify(contactId)}`);
    const c = this.agent.find(contactId);
    if (!c) {
      const ids = this.agent.contacts.map((x) => `${x.contactId} (${x.state.type})`);
      throw new SimulatorError(`No contact ${contactId} in the agent's snapshot${this.seen.has(contactId) ? ' (it was cleared)' : ''}; contacts: ${ids.join(', ') || 'none'}`);
    }
    return c;
  }

  // A task reaches the agent: now, or at its scheduledTime (epoch seconds) on the clock.
  addTask(spec = {}, { publish = true } = {}) {
    checkKeys('addTask', spec, TASK_SPEC);
    const state = spec.state || 'connecting';
    if (!['connecting', 'connected'].includes(state)) throw new SimulatorError(`addTask: state must be connecting (offered) or connected (accepted), got '${state}'`);
    if (spec.contactId && (this.seen.has(spec.contactId) || this.scheduled.has(spec.contactId) || this.agent.find(spec.contactId))) throw new SimulatorError(`addTask: contact ${spec.contactId} already exists`);
    if (spec.templateId && !this.templates.some((t) => t.Id === spec.templateId)) throw new SimulatorError(`addTask: no task template '${spec.templateId}'; templates: ${this.templates.map((t) => t.Id).join(', ')}`);
    const contactId = spec.contactId || uuid();
    const ids = { contactId, initialContactId: spec.initialContactId || contactId };
    const due = spec.scheduledTime != null ? spec.scheduledTime * 1000 : null;
    if (due != null && due > this.clock.now()) {
      this.scheduled.add(contactId);
      this.clock.at(due, () => {
        this.scheduled.delete(contactId);
        this.arrive({ ...spec, contactId }, state, true);
      });
      this.note(`task ${contactId.slice(0, 8)} scheduled for ${new Date(due).toISOString()}`);
      return ids;
    }
    this.arrive({ ...spec, contactId }, state, publish);
    return ids;
  }

  arrive(spec, state, publish) {
    const autoAccept = this.profile.autoAccept && !spec.state;
    const expiresAt = spec.expiresAt != null ? Number(spec.expiresAt) : this.clock.now() + TASK_EXPIRY;
    const contact = this.agent.addTask({ ...spec, state: autoAccept ? 'connecting' : state, expiresAt });
    this.clock.at(expiresAt - WARNING_BEFORE, () => this.isLive(contact) && this.sendTaskEvent(contact, 'expireWarning'));
    this.clock.at(expiresAt, () => this.isLive(contact) && this.expire(contact));
    this.note(`task "${contact.name}" routed to the agent (${contact.state.type})`);
    if (!publish) return contact;
    this.pushAgent();
    if (autoAccept) this.moveContact(contact, 'connected', 'auto-accept');
    return contact;
  }

  isLive(contact) {
    return this.agent.contacts.includes(contact) && ['connecting', 'connected', 'paused'].includes(contact.state.type);
  }

  // Puts a contact in a new state (null: removed) and publishes the agent.
  moveContact(contact, to, cause) {
    const from = contact.state.type;
    this.agent.setState(contact, to);
    if (to === null || CONNECTION_STATE[to] === 'disconnected') this.transfers.delete(contact.contactId);
    this.note(`contact ${contact.contactId.slice(0, 8)}: ${from} → ${to === null ? 'cleared' : to} (${cause})`);
    this.pushAgent();
  }

  // A task created through the API reaches the agent (unless the test turned that off).
  routeCreatedTask(task) {
    if (!this.deliverCreatedTasks) return;
    const { templateId, ...rest } = task;
    const spec = { ...rest, templateId: templateId || undefined };
    Object.keys(spec).forEach((k) => spec[k] == null && delete spec[k]);
    if (spec.scheduledTime != null && spec.scheduledTime * 1000 > this.clock.now()) {
      this.addTask(spec);
      return;
    }
    this.timers.later(() => this.addTask(spec), this.deliveryDelay);
  }

  startTransfer(contact, endpoint, method) {
    this.transfers.set(contact.contactId, { endpoint: endpoint.name, method });
    // After the request's answer, as the service sends it.
    queueMicrotask(() => this.isLive(contact) && this.sendTaskEvent(contact, 'transferInitiated'));
  }

  // Sends one aws/task event about a contact; `fields` are merged into the message.
  sendTaskEvent(contact, kind, fields = {}) {
    const type = CONTENT_TYPE_OF_KIND[kind];
    if (!type) throw new SimulatorError(`Unknown task event kind '${kind}'; kinds: ${TASK_EVENT_KINDS.join(', ')}`);
    const content = {
      AbsoluteTime: this.clock.date().toISOString(),
      ContentType: type,
      Type: 'EVENT',
      Id: contact.contactId,
      ContactId: contact.contactId,
      InitialContactId: contact.initialContactId,
      ...fields,
    };
    const delivered = this.ws.taskEvent(content);
    this.taskEvents.push({ kind, contactId: contact.contactId, content, delivered });
    if (delivered) this.note(`aws/task ${kind} for ${contact.contactId.slice(0, 8)}`);
    this.changed();
    return { delivered, content };
  }

  // expire.complete, then the service ends the task (an offered one is missed).
  expire(contact) {
    const sent = this.sendTaskEvent(contact, 'expireComplete');
    this.moveContact(contact, contact.state.type === 'connecting' ? 'missed' : 'ended', 'expired');
    return sent;
  }

  stopTimers() {
    this.timers.clear();
    this.backend.stop();
    this.clock.clear();
  }

  // Stops timers and fails pending waits; the pages are forgotten.
  close() {
    this.stopTimers();
    this.waiters.cancelAll('The CCP simulator was closed');
    this.conduit.ports.clear();
  }

  // --- activity log and change listeners (the panel) ---------------------------------------

  note(text) {
    this.log.push({ time: new Date(), text });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    this.listeners.forEach((f) => f());
  }

  onChange(f) {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  changed() {
    this.listeners.forEach((f) => f());
    this.waiters.notify();
  }

  // --- views -------------------------------------------------------------------------------

  contactView(c) {
    const transfer = this.transfers.get(c.contactId);
    return {
      contactId: c.contactId,
      initialContactId: c.initialContactId,
      previousContactId: c.previousContactId,
      name: c.name,
      description: c.description,
      references: c.references,
      attributes: c.attributes,
      scheduledTime: c.scheduledTime,
      templateId: c.templateId,
      queue: c.queue.name,
      state: c.state.type,
      connectionState: c.connections[0].state.type,
      expiresAt: c.expiresAt,
      transfer: transfer ? { to: transfer.endpoint, method: transfer.method } : null,
    };
  }

  state() {
    return {
      instanceId: INSTANCE_ID,
      streamsVersion: this.conduit.streamsVersion,
      pages: this.conduit.ports.size,
      now: this.clock.now(),
      agent: { name: this.profile.name, offline: this.agent.offline },
      websocket: { online: this.ws.online, initFailed: this.ws.initFailed, topics: [...this.ws.topics] },
      contacts: this.agent.contacts.map((c) => this.contactView(c)),
      counts: { ...this.conduit.counts },
    };
  }

  calls({ method } = {}) {
    return this.backend.calls.filter((c) => !method || c.method === method);
  }

  // --- the demo's actions (demo-actions.js: the panel, the demo page and tests/e2e) --------

  failNext(args) {
    return runDemoAction(this, 'failNext', args);
  }

  run(action, args) {
    return runDemoAction(this, action, args);
  }

  // transfer.succeeded; the agent's contact ends. With newContactId (a string, or true for a
  // fresh one) the event names the new contact, which reaches this agent unless deliver is false.
  // state: the new contact's (default: offered, or accepted when the agent auto-accepts).
  transferSucceeded(contact, { newContactId, deliver = true, state } = {}) {
    const newId = newContactId === true ? uuid() : newContactId;
    const sent = this.sendTaskEvent(contact, 'transferSucceeded', newId ? { Id: newId, ContactId: newId } : {});
    this.moveContact(contact, 'ended', 'transferred');
    if (newId && deliver) {
      const { name, description, references, attributes, initialContactId } = contact;
      this.addTask({ contactId: newId, initialContactId, previousContactId: contact.contactId, name, description, references, attributes, state });
    }
    return { ...sent, contactId: newId || contact.contactId, initialContactId: contact.initialContactId };
  }
}
