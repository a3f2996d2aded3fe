// Entry point of ccp-sim.html: connects the simulator to the page that embeds it.
import { renderPanel } from './panel.js';
import { SIM_CONTROL } from './protocol.js';
import { CcpSimulator } from './simulator.js';

const page = window.parent !== window ? window.parent : null;
const sim = new CcpSimulator({ post: (message) => { if (page) page.postMessage(message, '*'); } });
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
sim.start();
