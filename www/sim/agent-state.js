// The simulated agent: configuration plus a snapshot with task contacts, shaped as the
// Streams page expects the data of an "agent::update" message (after the worker's aliasing).
import { AGENT_ID, arn, uuid } from './ids.js';

const BASIC_QUEUE = { queueARN: arn('queue', '7b1d3c5e-2f4a-4b6c-9d8e-0a1b2c3d4e5f'), name: 'BasicQueue' };
const SUPPORT_QUEUE = { queueARN: arn('queue', 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'), name: 'Support' };
const AGENT_QUEUE = { queueARN: arn('queue', `agent/${AGENT_ID}`), name: null };

export const AGENT = Object.freeze({
  name: 'Sam Simulator',
  username: 'sam',
  arn: arn('agent', AGENT_ID),
});

export const QUEUES = Object.freeze([BASIC_QUEUE, SUPPORT_QUEUE, AGENT_QUEUE]);

const AVAILABLE = { agentStateARN: arn('agent-state', 'available'), type: 'routable', name: 'Available' };
const OFFLINE = { agentStateARN: arn('agent-state', 'offline'), type: 'offline', name: 'Offline' };

function queueRef(q) {
  return { queueARN: q.queueARN, queueId: q.queueARN, name: q.name };
}

function configuration() {
  const routingProfileARN = arn('routing-profile', 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b');
  return {
    name: AGENT.name,
    username: AGENT.username,
    agentARN: AGENT.arn,
    extension: null,
    softphoneEnabled: false,
    softphoneAutoAccept: false,
    dialableCountries: ['us'],
    permissions: ['outboundCall', 'voiceId'],
    agentPreferences: { locale: 'en_US' },
    agentStates: [AVAILABLE, OFFLINE],
    routingProfile: {
      name: 'Basic Routing Profile',
      routingProfileARN,
      routingProfileId: routingProfileARN,
      defaultOutboundQueue: queueRef(BASIC_QUEUE),
      queues: QUEUES.map(queueRef),
      channelConcurrencyMap: { VOICE: 1, CHAT: 2, TASK: 10 },
    },
  };
}

function connection(type, initial, endpoint, now) {
  return {
    connectionId: uuid(),
    type,
    initial,
    endpoint,
    address: endpoint,
    state: { type: 'connected', timestamp: now },
    chatMediaInfo: null,
    softphoneMediaInfo: null,
  };
}

export class AgentState {
  constructor() {
    this.reset();
  }

  reset() {
    this.stateSince = new Date();
    this.offline = false;
    this.contacts = [];
  }

  // Adds a connected task contact. initialContactId defaults to the new contactId.
  addTask({ contactId = uuid(), initialContactId, name, description = '', references = {}, queue = BASIC_QUEUE } = {}) {
    const now = new Date();
    const contact = {
      contactId,
      initialContactId: initialContactId || contactId,
      type: 'task',
      name: name || 'Untitled task',
      description,
      references,
      initiationMethod: 'api',
      attributes: {},
      contactDuration: '0',
      queue: queueRef(queue),
      queueTimestamp: now,
      state: { type: 'connected', timestamp: now },
      // Only the agent's connection: Streams makes a media controller (a TaskJS session) for
      // every active task connection, so a second one would open a second session.
      connections: [
        connection('agent', false, { type: 'agent', name: AGENT.name, endpointARN: AGENT.arn, agentLogin: AGENT.username }, now),
      ],
    };
    this.contacts.push(contact);
    return contact;
  }

  find(contactId) {
    return this.contacts.find((c) => c.contactId === contactId) || null;
  }

  // Ends a contact: the contact goes to "ended", its connections to "disconnected".
  end(contactId) {
    const c = this.find(contactId);
    if (!c) return null;
    const now = new Date();
    c.state = { type: 'ended', timestamp: now };
    c.connections.forEach((conn) => { conn.state = { type: 'disconnected', timestamp: now }; });
    return c;
  }

  remove(contactId) {
    const before = this.contacts.length;
    this.contacts = this.contacts.filter((c) => c.contactId !== contactId);
    return this.contacts.length !== before;
  }

  setOffline(offline) {
    this.offline = offline;
    this.stateSince = new Date();
  }

  // The payload of "agent::update": {snapshot, configuration}, with Streams' aliases in place.
  toAgentData() {
    const now = new Date();
    const state = { ...(this.offline ? OFFLINE : AVAILABLE), startTimestamp: this.stateSince };
    const contacts = this.contacts.map((c) => ({
      ...c,
      status: c.state,
      connections: c.connections.map((conn) => ({ ...conn, address: conn.endpoint })),
    }));
    return {
      snapshot: {
        state,
        status: state,
        agentAvailabilityState: { state: state.name, timeStamp: this.stateSince },
        nextState: null,
        contacts,
        snapshotTimestamp: now,
        localTimestamp: now.getTime(),
        skew: 0,
      },
      configuration: configuration(),
    };
  }
}
