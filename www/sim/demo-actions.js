// The demo's actions, by the names its panel, its page (www/demo) and tests/e2e use: task events
// that do not change the contact, and contacts added or ended without lifecycle checks.
import { SimulatorError } from './errors.js';

const ACTIONS = {
  taskEvent: (sim, { contactId, kind, fields }) => sim.sendTaskEvent(contactId ? sim.find(contactId) : sim.agent.contacts.find((c) => c.state.type === 'connected'), kind, fields),
  rawTaskMessage: (sim, { content, topic }) => ({ sent: topic ? sim.ws.message(topic, content) : sim.ws.taskEvent(content) }),
  transferToNewContact: (sim, { contactId }) => sim.transferSucceeded(sim.find(contactId), { newContactId: true, state: 'connected' }),
  connectionLost: (sim) => { sim.ws.lose(); sim.changed(); return {}; },
  connectionGained: (sim) => { sim.ws.gain(); sim.changed(); return {}; },
  initFailure: (sim) => { sim.ws.failInit(); sim.changed(); return {}; },
  addTaskContact: (sim, { name = 'New task', description = '', references = {}, initialContactId }) => sim.addTask({ name, description, references, initialContactId, state: 'connected' }),
  endContact: (sim, { contactId }) => { sim.moveContact(sim.find(contactId), 'ended', 'end'); return {}; },
  removeContact: (sim, { contactId }) => { sim.moveContact(sim.find(contactId), null, 'clear'); return {}; },
  failNext: (sim, { method, type, message, status }) => {
    sim.backend.answers.add(method, { fail: { type, message, status } });
    sim.note(`next ${method} will fail`);
    return {};
  },
  setOffline: (sim, { offline = true }) => { sim.agent.setOffline(offline); sim.pushAgent(); return {}; },
  state: (sim) => sim.state(),
  calls: (sim, { method }) => sim.backend.calls.filter((c) => !method || c.method === method),
};

export function runDemoAction(sim, action, args) {
  if (!Object.hasOwn(ACTIONS, action)) throw new SimulatorError(`Unknown simulator action '${action}'`);
  return ACTIONS[action](sim, args || {});
}
