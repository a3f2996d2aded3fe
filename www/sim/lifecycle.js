// A task contact's life: its states as Streams names them (connect.ContactStateType), the agent
// connection's state in each, and which step may leave which state. The page's contact API and
// the test's controls both go through step(); a step from the wrong state is refused.
import { ApiError, SimulatorError } from './errors.js';

// Contact state -> the agent connection's state (connect.ConnectionStateType).
export const CONNECTION_STATE = Object.freeze({
  connecting: 'connecting',
  connected: 'connected',
  paused: 'connected',
  ended: 'disconnected',
  missed: 'disconnected',
  rejected: 'disconnected',
  error: 'disconnected',
});

export const CONTACT_STATES = Object.freeze(Object.keys(CONNECTION_STATE));
const ACTIVE = ['connecting', 'connected', 'paused'];

// Step -> the states it may leave and the state it leads to (null: the contact is removed).
export const STEPS = Object.freeze({
  accept: { from: ['connecting'], to: 'connected' },
  reject: { from: ['connecting'], to: 'rejected' },
  miss: { from: ['connecting'], to: 'missed' },
  end: { from: ['connected', 'paused'], to: 'ended' },
  clear: { from: ['ended', 'missed', 'rejected', 'error'], to: null },
  pause: { from: ['connected'], to: 'paused' },
  resume: { from: ['paused'], to: 'connected' },
  transfer: { from: ['connected'], to: 'connected' },
  // A websocket event about the contact (transfer, expiry): the service sends them to live contacts.
  event: { from: ACTIVE, to: undefined },
});

// The service's own names of the states, as its error messages spell them ("invalid state TALKING",
// Streams issues #743 and #1012; "REJECTED", #474).
const SERVICE_STATE = Object.freeze({
  connecting: 'CONNECTING', connected: 'TALKING', paused: 'PAUSED', ended: 'ENDED', missed: 'MISSED', rejected: 'REJECTED', error: 'ERROR',
});

const list = (states) => (states.length === 1 ? states[0] : `${states.slice(0, -1).join(', ')} or ${states.at(-1)}`);

export function allows(contact, step) {
  return STEPS[step].from.includes(contact.state.type);
}

// The state after `step`, or a SimulatorError naming the contact, its state and what is allowed.
export function stepForControl(contact, step, control) {
  if (allows(contact, step)) return STEPS[step].to;
  throw new SimulatorError(`${control}: contact ${contact.contactId} is ${contact.state.type}; ${control} is allowed only when a contact is ${list(STEPS[step].from)}`);
}

// The state after `step`, or the error the real CCP answers a page's call with.
export function stepForPage(contact, step, verb) {
  if (allows(contact, step)) return STEPS[step].to;
  const state = SERVICE_STATE[contact.state.type];
  if (step === 'clear' && verb === 'complete') return failComplete();
  throw new ApiError('InvalidStateException', `Cannot ${verb}: invalid state ${state}`, 400);
}

function failComplete() {
  throw new ApiError('InvalidStateException', 'contact cannot be completed, Invalid state.', 400);
}

export const contactNotFound = (verb) => new ApiError('ContactNotFoundException', `Cannot ${verb}: Contact not found`, 404);
