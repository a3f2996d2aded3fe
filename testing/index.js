// taskjs-rs/testing: test an agent desktop against a simulated Amazon Connect CCP, under the
// page's real Amazon Connect Streams. See testing/README.md.
export { simulateCcp, DEFAULT_CCP_URL } from './in-process.js';
export { connectCcp } from './client.js';
export { Ccp } from './ccp.js';
export { waitUntil } from './wait-until.js';
export { SimulatorError } from '../www/sim/errors.js';
export { taskTemplate, SAMPLE_TEMPLATES } from '../www/sim/templates.js';
export { DEFAULT_AGENT } from '../www/sim/agent-profile.js';
export { CONTACT_STATES } from '../www/sim/lifecycle.js';
export { TASK_EVENT_KINDS } from '../www/sim/simulator.js';
export { CONTROL_NAMES } from '../www/sim/controls.js';

// Node only (an HTTP server); loaded when called, so that a jsdom suite never parses it.
export async function startCcpServer(options) {
  const { startCcpServer: start } = await import('./server.js');
  return start(options);
}
