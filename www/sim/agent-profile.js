// Who the simulated agent is: name, routing profile with its queues, and the quick connects
// agent.getEndpoints() returns. A test gives a partial profile; the rest comes from DEFAULT_AGENT.
import { AGENT_ID, INSTANCE_ARN, arn, idFromName } from './ids.js';
import { checkKeys, SimulatorError } from './errors.js';

export const DEFAULT_AGENT = Object.freeze({
  name: 'Sam Simulator',
  username: 'sam',
  autoAccept: false,
  routingProfile: {
    name: 'Basic Routing Profile',
    id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
    queues: [
      { name: 'BasicQueue', id: '7b1d3c5e-2f4a-4b6c-9d8e-0a1b2c3d4e5f' },
      { name: 'Support', id: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f' },
    ],
  },
  // null: the agent itself, one per queue and a phone number (see defaultQuickConnects).
  quickConnects: null,
});

const PROFILE_KEYS = ['name', 'username', 'autoAccept', 'routingProfile', 'quickConnects'];
const QUICK_CONNECT_TYPES = ['agent', 'queue', 'phone_number'];

function queueOf(q) {
  const spec = typeof q === 'string' ? { name: q } : q;
  checkKeys('routingProfile.queues[]', spec, ['name', 'id']);
  if (!spec.name) throw new SimulatorError('routingProfile.queues[]: every queue needs a name');
  const id = spec.id || idFromName('queue', spec.name);
  return { name: spec.name, id, arn: arn('queue', id) };
}

function defaultQuickConnects(profile) {
  return [
    { type: 'agent', name: `${profile.name} (me)`, agentLogin: profile.username, id: AGENT_ID },
    ...profile.queues.filter((q) => q.name).map((q) => ({ type: 'queue', name: q.name, queue: q.name, id: q.id })),
    { type: 'phone_number', name: 'Escalations desk', phoneNumber: '+15555550100', id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b' },
  ];
}

// The endpoint getEndpoints returns for a quick connect (before Streams wraps it in connect.Endpoint).
function endpointOf(qc, profile) {
  checkKeys(`quickConnects[] '${qc && qc.name}'`, qc, ['type', 'name', 'id', 'queue', 'phoneNumber', 'agentLogin']);
  if (!QUICK_CONNECT_TYPES.includes(qc.type)) throw new SimulatorError(`quickConnects[] '${qc.name}': type must be one of ${QUICK_CONNECT_TYPES.join(', ')}, got '${qc.type}'`);
  if (!qc.name) throw new SimulatorError('quickConnects[]: every quick connect needs a name');
  const queue = qc.type === 'queue' ? profile.queues.find((q) => q.name === (qc.queue || qc.name)) : null;
  if (qc.type === 'queue' && !queue) throw new SimulatorError(`quickConnects[] '${qc.name}': no queue '${qc.queue || qc.name}' in the routing profile`);
  const endpointARN = qc.type === 'agent' && qc.id === AGENT_ID ? arn('agent', AGENT_ID) : `${INSTANCE_ARN}/transfer-destination/${qc.id || idFromName(`quick-connect-${qc.type}`, qc.name)}`;
  return {
    endpointARN,
    endpointId: endpointARN,
    type: qc.type,
    name: qc.name,
    phoneNumber: qc.type === 'phone_number' ? qc.phoneNumber || '+15555550100' : null,
    agentLogin: qc.type === 'agent' ? qc.agentLogin || null : null,
    queue: queue ? { queueARN: queue.arn, name: queue.name } : null,
  };
}

// A full profile from a partial one: queues with ARNs, quick connects as endpoints.
export function makeProfile(given = {}) {
  checkKeys('agent', given, PROFILE_KEYS);
  const rp = { ...DEFAULT_AGENT.routingProfile, ...(given.routingProfile || {}) };
  checkKeys('agent.routingProfile', rp, ['name', 'id', 'queues']);
  const profile = {
    name: given.name || DEFAULT_AGENT.name,
    username: given.username || DEFAULT_AGENT.username,
    autoAccept: Boolean(given.autoAccept ?? DEFAULT_AGENT.autoAccept),
    routingProfileName: rp.name,
    routingProfileARN: arn('routing-profile', rp.id || idFromName('routing-profile', rp.name)),
    queues: rp.queues.map(queueOf),
    agentARN: arn('agent', AGENT_ID),
  };
  profile.queues.push({ name: null, id: `agent/${AGENT_ID}`, arn: arn('queue', `agent/${AGENT_ID}`) });
  profile.endpoints = (given.quickConnects || defaultQuickConnects(profile)).map((qc) => endpointOf(qc, profile));
  return profile;
}

const queueRef = (q) => ({ queueARN: q.arn, queueId: q.arn, name: q.name });

export function queueOfProfile(profile, name) {
  if (name == null) return queueRef(profile.queues[0]);
  const queue = profile.queues.find((q) => q.name === name);
  if (!queue) throw new SimulatorError(`No queue '${name}' in the agent's routing profile; queues: ${profile.queues.filter((q) => q.name).map((q) => q.name).join(', ')}`);
  return queueRef(queue);
}

const AVAILABLE = { agentStateARN: arn('agent-state', 'available'), type: 'routable', name: 'Available' };
const OFFLINE = { agentStateARN: arn('agent-state', 'offline'), type: 'offline', name: 'Offline' };
export const AGENT_STATES = Object.freeze({ AVAILABLE, OFFLINE });

// The agent's configuration as "agent::update" carries it.
export function configuration(profile) {
  return {
    name: profile.name,
    username: profile.username,
    agentARN: profile.agentARN,
    extension: null,
    softphoneEnabled: false,
    softphoneAutoAccept: false,
    dialableCountries: ['us'],
    permissions: ['outboundCall', 'voiceId'],
    agentPreferences: { locale: 'en_US' },
    agentStates: [AVAILABLE, OFFLINE],
    routingProfile: {
      name: profile.routingProfileName,
      routingProfileARN: profile.routingProfileARN,
      routingProfileId: profile.routingProfileARN,
      defaultOutboundQueue: queueRef(profile.queues[0]),
      queues: profile.queues.map(queueRef),
      channelConcurrencyMap: { VOICE: 1, CHAT: 2, TASK: 10 },
    },
  };
}
