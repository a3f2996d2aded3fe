// The controls a test drives the simulator with — the same in every mode (in-process beside
// jsdom, served to a browser, over HTTP): name -> (sim, ...args) => result or Promise of it.
// Results are plain data. A control that the contact's state does not allow throws a
// SimulatorError naming the contact, its state and the states that allow it.
import { makeProfile } from './agent-profile.js';
import { checkKeys, SimulatorError } from './errors.js';
import { methodsOf } from './answers.js';
import { CONTACT_STATES, stepForControl } from './lifecycle.js';
import { normalizeTemplate } from './templates.js';
import { TASK_EVENT_KINDS } from './simulator.js';

const timeoutOf = (sim, options, what) => {
  checkKeys(what, options, ['timeout']);
  return (options && options.timeout) || sim.timeout;
};

// A control that moves a contact one lifecycle step.
const step = (name, stepName) => (sim, contactId) => {
  const contact = sim.find(contactId);
  const to = stepForControl(contact, stepName, name);
  sim.moveContact(contact, to, name);
  return to === null ? { contactId, state: 'cleared' } : sim.contactView(contact);
};

// A control that sends one task event about a live contact.
const event = (name, kind, after = () => {}) => (sim, contactId) => {
  const contact = sim.find(contactId);
  stepForControl(contact, 'event', name);
  const sent = sim.sendTaskEvent(contact, kind);
  after(sim, contact);
  return sent;
};

function websocket(name, allowed, act) {
  return (sim) => {
    const now = sim.ws.online ? 'connected' : sim.ws.initFailed ? 'failed to initialise' : 'lost';
    if (!allowed(sim.ws)) throw new SimulatorError(`${name}: the websocket is ${now}`);
    act(sim.ws);
    sim.changed();
    return { websocket: sim.ws.online ? 'connected' : 'down' };
  };
}

export const CONTROLS = Object.freeze({
  // --- the agent, templates --------------------------------------------------------------
  setAgent(sim, profile) {
    sim.profile = makeProfile(profile);
    sim.agent.profile = sim.profile;
    sim.pushAgent();
    return { name: sim.profile.name, quickConnects: sim.profile.endpoints.map((e) => e.name) };
  },
  setTemplates(sim, templates) {
    if (!Array.isArray(templates)) throw new SimulatorError('setTemplates takes an array of task templates (GetTaskTemplate shape)');
    sim.templates = templates.map(normalizeTemplate);
    return { templates: sim.templates.map((t) => t.Id) };
  },

  // --- task contacts ---------------------------------------------------------------------
  addTask: (sim, spec) => sim.addTask(spec),
  acceptTask: step('acceptTask', 'accept'),
  rejectTask: step('rejectTask', 'reject'),
  missTask: step('missTask', 'miss'),
  endTask: step('endTask', 'end'),
  clearTask: step('clearTask', 'clear'),
  pauseTask: step('pauseTask', 'pause'),
  resumeTask: step('resumeTask', 'resume'),

  // --- transfer and expiry (aws/task events) ----------------------------------------------
  transferInitiated: event('transferInitiated', 'transferInitiated', (sim, c) => {
    if (!sim.transfers.has(c.contactId)) sim.transfers.set(c.contactId, { endpoint: null, method: 'transferInitiated' });
  }),
  transferSucceeded(sim, contactId, options = {}) {
    checkKeys('transferSucceeded options', options, ['newContactId', 'deliver']);
    const contact = sim.find(contactId);
    stepForControl(contact, 'end', 'transferSucceeded');
    return sim.transferSucceeded(contact, options);
  },
  transferFailed: event('transferFailed', 'transferFailed', (sim, c) => sim.transfers.delete(c.contactId)),
  expireWarning: event('expireWarning', 'expireWarning'),
  expire(sim, contactId) {
    const contact = sim.find(contactId);
    stepForControl(contact, 'event', 'expire');
    return sim.expire(contact);
  },
  taskEvent(sim, contactId, kind, options = {}) {
    checkKeys('taskEvent options', options, ['fields']);
    if (!TASK_EVENT_KINDS.includes(kind)) throw new SimulatorError(`taskEvent: unknown kind '${kind}'; kinds: ${TASK_EVENT_KINDS.join(', ')}`);
    const contact = sim.find(contactId);
    stepForControl(contact, 'event', 'taskEvent');
    return sim.sendTaskEvent(contact, kind, options.fields);
  },
  sendTaskMessage(sim, content, options = {}) {
    checkKeys('sendTaskMessage options', options, ['topic']);
    const topic = options.topic || 'aws/task';
    return { delivered: sim.ws.message(topic, content) };
  },

  // --- the websocket ---------------------------------------------------------------------
  websocketLost: websocket('websocketLost', (ws) => ws.online, (ws) => ws.lose()),
  websocketGained: websocket('websocketGained', (ws) => !ws.online, (ws) => ws.gain()),
  websocketInitFailure: websocket('websocketInitFailure', () => true, (ws) => ws.failInit()),

  // --- the next answers ------------------------------------------------------------------
  answerNext(sim, method, answer, options = {}) {
    checkKeys('answerNext options', options, ['times']);
    sim.backend.answers.add(method, answer, options);
    return { queued: sim.backend.answers.queue.length };
  },
  clearAnswers(sim) {
    sim.backend.answers.clear();
    return {};
  },

  // --- the clock -------------------------------------------------------------------------
  advanceClock: (sim, ms) => ({ now: sim.clock.advance(ms) }),
  now: (sim) => sim.clock.now(),

  // --- what happened ---------------------------------------------------------------------
  calls(sim, filter = {}) {
    checkKeys('calls filter', filter, ['method']);
    const methods = filter.method ? methodsOf(filter.method) : null;
    return sim.backend.calls.filter((c) => !methods || methods.includes(c.method));
  },
  state: (sim) => sim.state(),
  contact(sim, contactId) {
    const c = sim.agent.find(contactId);
    return c ? sim.contactView(c) : null;
  },
  taskEvents: (sim) => sim.taskEvents,

  // --- a fresh start (the same pages stay connected) ----------------------------------------
  reset(sim) {
    sim.reset();
    return {};
  },

  // --- waiting ---------------------------------------------------------------------------
  ready(sim, options) {
    return sim.waiters.wait({
      what: 'a page to load the CCP (connect.core.initCCP)',
      check: () => ([...sim.conduit.ports].some((p) => p.acknowledged) ? { pages: sim.conduit.ports.size, streamsVersion: sim.conduit.streamsVersion } : undefined),
      seen: () => (sim.conduit.ports.size ? 'a page loaded the CCP but its Streams has not answered' : sim.readyHint || 'no page has loaded the CCP'),
      timeout: timeoutOf(sim, options, 'ready options'),
    });
  },
  nextCall(sim, method, options) {
    if (typeof method !== 'string' || !method) throw new SimulatorError('nextCall needs a method name, e.g. "createTask" or "clearContact"');
    const methods = methodsOf(method);
    return sim.waiters.wait({
      what: `the next ${method} call`,
      check: () => {
        const call = sim.backend.calls.find((c) => methods.includes(c.method) && !sim.consumedCalls.has(c));
        if (!call) return undefined;
        sim.consumedCalls.add(call);
        return call;
      },
      seen: () => `calls so far: ${sim.backend.calls.map((c) => c.method).join(', ') || 'none'}`,
      timeout: timeoutOf(sim, options, 'nextCall options'),
    });
  },
  waitForContact(sim, contactId, state, options) {
    if (![...CONTACT_STATES, 'cleared'].includes(state)) throw new SimulatorError(`waitForContact: unknown state '${state}'; states: ${[...CONTACT_STATES, 'cleared'].join(', ')}`);
    const now = () => {
      const c = sim.agent.find(contactId);
      return c ? c.state.type : sim.seen.has(contactId) ? 'cleared' : null;
    };
    return sim.waiters.wait({
      what: `contact ${contactId} to be ${state}`,
      check: () => {
        if (now() !== state) return undefined;
        const c = sim.agent.find(contactId);
        return c ? sim.contactView(c) : { contactId, state: 'cleared' };
      },
      seen: () => (now() ? `it is ${now()}` : 'no such contact has reached the agent'),
      timeout: timeoutOf(sim, options, 'waitForContact options'),
    });
  },
});

export const CONTROL_NAMES = Object.freeze(Object.keys(CONTROLS));

// Runs a control by name (the HTTP control endpoint and the in-process handle use this).
// Arguments come as a list that went through JSON, where a missing one is null.
export function runControl(sim, name, args = []) {
  if (!Object.hasOwn(CONTROLS, name)) throw new SimulatorError(`Unknown control '${name}'; controls: ${CONTROL_NAMES.join(', ')}`);
  if (!Array.isArray(args)) throw new SimulatorError(`${name}: the arguments must be a list`);
  return CONTROLS[name](sim, ...args.map((a) => (a === null ? undefined : a)));
}
