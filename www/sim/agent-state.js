// The simulated agent's task contacts and the "agent::update" payload Streams reads them from
// (snapshot and configuration, with the aliases the CCP's worker adds).
import { AGENT_STATES, configuration, queueOfProfile } from './agent-profile.js';
import { uuid } from './ids.js';
import { CONNECTION_STATE } from './lifecycle.js';

export const TASK_FIELDS = ['contactId', 'initialContactId', 'previousContactId', 'relatedContactId', 'name', 'description',
  'references', 'attributes', 'scheduledTime', 'templateId', 'queue', 'state', 'expiresAt'];

export class AgentState {
  // profile: from makeProfile; clock: the simulator's Clock.
  constructor({ profile, clock }) {
    this.profile = profile;
    this.clock = clock;
    this.offline = false;
    this.stateSince = clock.date();
    this.contacts = [];
  }

  // Adds a task contact in `state` (connecting: offered to the agent; connected: accepted).
  addTask({ contactId = uuid(), initialContactId, previousContactId, relatedContactId, name, description = '', references = {},
    attributes = {}, scheduledTime, templateId, queue, state = 'connecting', expiresAt } = {}) {
    const now = this.clock.date();
    const contact = {
      contactId,
      initialContactId: initialContactId || contactId,
      previousContactId: previousContactId || null,
      relatedContactId: relatedContactId || null,
      type: 'task',
      name: name || 'Untitled task',
      description,
      references,
      attributes,
      scheduledTime: scheduledTime ?? null,
      templateId: templateId || null,
      expiresAt,
      initiationMethod: previousContactId ? 'transfer' : 'api',
      templateVersion: templateId ? 1 : null,
      contactDuration: '0',
      queue: queueOfProfile(this.profile, queue),
      queueTimestamp: now,
      state: { type: state, timestamp: now },
      // Only the agent's connection: Streams makes a media controller (a TaskJS session) for
      // every active task connection, so a second one would open a second session.
      connections: [{
        connectionId: uuid(),
        type: 'agent',
        initial: false,
        endpoint: { type: 'agent', name: this.profile.name, endpointARN: this.profile.agentARN, agentLogin: this.profile.username },
        state: { type: CONNECTION_STATE[state], timestamp: now },
        chatMediaInfo: null,
        softphoneMediaInfo: null,
      }],
    };
    this.contacts.push(contact);
    return contact;
  }

  find(contactId) {
    return this.contacts.find((c) => c.contactId === contactId) || null;
  }

  // Puts a contact in a new state (null removes it); the agent connection follows.
  setState(contact, state) {
    if (state === null) {
      this.contacts = this.contacts.filter((c) => c !== contact);
      return;
    }
    const now = this.clock.date();
    if (contact.state.type !== state) contact.state = { type: state, timestamp: now };
    const connState = CONNECTION_STATE[state];
    for (const conn of contact.connections) {
      if (conn.state.type !== connState) conn.state = { type: connState, timestamp: now };
    }
  }

  setOffline(offline) {
    this.offline = offline;
    this.stateSince = this.clock.date();
  }

  // The payload of "agent::update": {snapshot, configuration}, with Streams' aliases in place.
  toAgentData() {
    const now = this.clock.date();
    const state = { ...(this.offline ? AGENT_STATES.OFFLINE : AGENT_STATES.AVAILABLE), startTimestamp: this.stateSince };
    // The worker sorts the contacts by the time of their state.
    const sorted = [...this.contacts].sort((a, b) => a.state.timestamp - b.state.timestamp);
    const contacts = sorted.map(snapshotContact);
    return {
      snapshot: {
        state,
        status: state,
        agentAvailabilityState: { state: state.name, timeStamp: this.stateSince },
        nextState: null,
        contacts,
        snapshotTimestamp: now,
        // The worker's skew (snapshotTimestamp - localTimestamp): Streams adds it to durations,
        // so an advanced clock reads as the CCP's time.
        localTimestamp: Date.now(),
        skew: now.getTime() - Date.now(),
      },
      configuration: configuration(this.profile),
    };
  }
}

// A contact as GetAgentSnapshot returns it (the CCP's API model in Streams' bundle), with the
// alias the worker adds (status, address).
function snapshotContact(c) {
  return {
    contactId: c.contactId,
    initialContactId: c.initialContactId,
    relatedContactId: c.relatedContactId,
    type: c.type,
    state: c.state,
    status: c.state,
    queue: c.queue,
    queueTimestamp: c.queueTimestamp,
    connections: c.connections.map((conn) => ({ ...conn, address: conn.endpoint })),
    attributes: Object.fromEntries(Object.entries(c.attributes || {}).map(([name, value]) => [name, { name, value }])),
    contactDuration: c.contactDuration,
    name: c.name,
    description: c.description,
    references: c.references,
    initiationMethod: c.initiationMethod,
    channelContext: {
      scheduledTime: c.scheduledTime,
      taskTemplateId: c.templateId,
      taskTemplateVersion: c.templateVersion,
    },
  };
}
