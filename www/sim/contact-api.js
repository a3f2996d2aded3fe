// The contact requests Streams' own contact API sends (contact.accept(), reject(), clear(),
// complete(), pause(), resume(), addConnection()/transfer(), and connection.destroy()),
// answered as the CCP answers them: a step the contact's state does not allow is refused with
// the service's error. Each method is (sim, params) -> answer data, or throws an ApiError.
import { invalidParameter, resourceNotFound } from './errors.js';
import { contactNotFound, stepForPage } from './lifecycle.js';

function contactFor(sim, contactId, verb) {
  const contact = sim.agent.find(contactId);
  if (!contact) throw contactNotFound(verb);
  return contact;
}

// A request that moves the contact one step: Streams method -> [step, the verb of its error].
const STEP_METHODS = {
  acceptContact: ['accept', 'accept contact'],
  rejectContact: ['reject', 'reject contact'],
  clearContact: ['clear', 'clear contact'],
  completeContact: ['clear', 'complete'],
  pauseContact: ['pause', 'pause contact'],
  resumeContact: ['resume', 'resume contact'],
};

const stepMethods = Object.fromEntries(Object.entries(STEP_METHODS).map(([method, [step, verb]]) => [method, (sim, { contactId }) => {
  const contact = contactFor(sim, contactId, verb);
  sim.moveContact(contact, stepForPage(contact, step, verb), method);
  return {};
}]));

// A transfer to a quick connect: the task's transfer starts (transfer.initiated on aws/task);
// the test decides how it ends (transferSucceeded / transferFailed).
function transfer(method) {
  return (sim, { contactId, endpoint }) => {
    const contact = contactFor(sim, contactId, 'transfer contact');
    stepForPage(contact, 'transfer', 'transfer contact');
    const arn = endpoint && (endpoint.endpointARN || endpoint.endpointId);
    const target = sim.profile.endpoints.find((e) => e.endpointARN === arn);
    if (!target) throw resourceNotFound(`Endpoint '${arn}' not found`);
    if (target.type === 'phone_number') throw invalidParameter(`A task cannot be transferred to the phone number endpoint '${target.name}'`);
    sim.startTransfer(contact, target, method);
    return {};
  };
}

export const CONTACT_API = Object.freeze({
  ...stepMethods,

  // Hanging up the agent's connection ends the contact: it stays, in AfterContactWork (ended).
  destroyConnection(sim, { contactId, connectionId }) {
    const contact = contactFor(sim, contactId, 'destroy connection');
    if (!contact.connections.some((c) => c.connectionId === connectionId)) throw resourceNotFound(`Connection '${connectionId}' not found`);
    sim.moveContact(contact, stepForPage(contact, 'end', 'destroy connection'), 'destroyConnection');
    return {};
  },

  createAdditionalConnection: transfer('createAdditionalConnection'),
  transferContact: transfer('transferContact'),
});
