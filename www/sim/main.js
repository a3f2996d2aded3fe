// Entry point of ccp-sim.html (the demo's CCP): runs the simulator inside the initCCP iframe and
// connects it to the page that embeds it.
import { renderPanel } from './panel.js';
import { SIM_CONTROL } from './protocol.js';
import { CcpSimulator } from './simulator.js';

// Contacts the agent has when the CCP loads: a fresh task, and one transferred to this agent
// earlier (so its contactId and initialContactId differ).
const DEMO_TASKS = [
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

const page = window.parent !== window ? window.parent : null;
const sim = new CcpSimulator({
  post: (message) => { if (page) page.postMessage(message, '*'); },
  contacts: DEMO_TASKS,
  agent: { autoAccept: true },
  deliveryDelay: 150,
});
window.ccpSimulator = sim; // for tests and the console

// Control messages ({event: SIM_CONTROL, data: {action, args}}, reply on the transferred port)
// come from the embedding page or from this origin; everything else from the page is Streams.
window.addEventListener('message', (e) => {
  const message = e.data;
  if (message && message.event === SIM_CONTROL) {
    if (e.source !== page && e.origin !== location.origin) return;
    const { action, args } = message.data || {};
    let reply;
    try {
      reply = { ok: true, result: sim.run(action, args) };
    } catch (err) {
      reply = { ok: false, error: String((err && err.message) || err) };
    }
    if (e.ports && e.ports[0]) e.ports[0].postMessage(reply);
    return;
  }
  if (page && e.source === page) sim.receive(message);
});

renderPanel(document.getElementById('panel'), sim, { standalone: !page });
if (page) sim.start();
