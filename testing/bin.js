#!/usr/bin/env node
// taskjs-ccp-simulator: serves one simulated CCP for test runners outside JavaScript (Selenium,
// Cypress tasks, ...). Prints its CCP URL; controls are POST <ccp base>/_control/<name> with a
// JSON list of arguments (see testing/README.md). Stops on Ctrl-C / SIGTERM.
//   taskjs-ccp-simulator [--port 8123] [--host 127.0.0.1] [--config simulator-options.json]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startCcpServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8123' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: taskjs-ccp-simulator [--port 8123] [--host 127.0.0.1] [--config simulator-options.json]');
  process.exit(0);
}

const options = values.config ? JSON.parse(fs.readFileSync(values.config, 'utf8')) : {};
const server = await startCcpServer({ port: Number(values.port), host: values.host });
const ccp = server.simulator(options);
const base = ccp.ccpUrl.replace(/ccp-v2\/$/, '');
console.log(`CCP URL:  ${ccp.ccpUrl}`);
console.log(`Controls: POST ${base}_control/<name>  (body: JSON list of arguments)`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
