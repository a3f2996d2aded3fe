// startCcpServer: serves simulated CCPs to a real browser (Playwright, Cypress, Selenium). Each
// simulator has a CCP URL, http://127.0.0.1:<port>/ccp/<id>/ccp-v2/, for the app's
// initCCP({ccpUrl}). The page there relays Streams' conduit messages to the simulator, which
// runs in this process: a test here calls its controls directly; another process or language
// reaches them over HTTP (POST /ccp/<id>/_control/<name>, a JSON list of arguments).
import fs from 'node:fs';
import http from 'node:http';
import { CcpSimulator, OPTIONS } from '../www/sim/simulator.js';
import { runControl } from '../www/sim/controls.js';
import { checkKeys } from '../www/sim/errors.js';
import { clone, decode, encode } from '../www/sim/wire.js';
import { Ccp } from './ccp.js';

const FILES = {
  '/_kit/relay.js': new URL('./browser/relay.js', import.meta.url),
  '/_kit/wire.js': new URL('../www/sim/wire.js', import.meta.url),
};

const RELAY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CCP simulator</title><link rel="icon" href="data:,">
<script type="module" src="/_kit/relay.js"></script></head>
<body style="font: 13px system-ui, sans-serif; margin: 8px; color: #333">
<strong>CCP simulator</strong> (taskjs-rs/testing)
<p id="status">Not embedded: pass this page's URL to connect.core.initCCP as ccpUrl.</p>
</body></html>`;

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST, GET, OPTIONS' };

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...CORS });
  res.end(body);
}

export async function startCcpServer({ port = 0, host = '127.0.0.1' } = {}) {
  const simulators = new Map(); // id -> {sim, streams: Set<res>, ports: Map<portId, port>}
  let count = 0;

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (FILES[url.pathname]) return send(res, 200, fs.readFileSync(FILES[url.pathname]), 'text/javascript; charset=utf-8');
    if (url.pathname === '/') return send(res, 200, encode({ simulators: [...simulators.keys()].map((id) => `${server.url}ccp/${id}/ccp-v2/`) }));
    const m = /^\/ccp\/([^/]+)\/(.*)$/.exec(url.pathname);
    const entry = m && simulators.get(m[1]);
    if (!entry) return send(res, 404, encode({ error: { message: `No simulator at ${url.pathname}` } }));
    const rest = m[2];
    if (rest === '_events') return openStream(entry, req, res);
    if (req.method === 'POST' && rest === '_messages') {
      const port = entry.ports.get(url.searchParams.get('port'));
      const messages = decode(await readBody(req));
      if (port) messages.forEach((message) => port.receive(message));
      return send(res, port ? 204 : 410, '');
    }
    if (req.method === 'POST' && rest.startsWith('_control/')) return control(entry, rest.slice('_control/'.length), req, res);
    if (req.method === 'POST' && rest === '_close') {
      entry.close();
      return send(res, 200, encode({ result: {} }));
    }
    if (req.method === 'GET') return send(res, 200, RELAY_PAGE, 'text/html; charset=utf-8');
    return send(res, 405, encode({ error: { message: `${req.method} ${url.pathname} is not served` } }));
  }

  // One relay page: a port on the simulator whose messages go down this stream.
  function openStream(entry, req, res) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const port = entry.sim.connect((message) => res.write(`data: ${encode(message)}\n\n`));
    entry.ports.set(port.id, port);
    entry.streams.add(res);
    res.write(`event: hello\ndata: ${JSON.stringify({ port: port.id })}\n\n`);
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    req.on('close', () => {
      clearInterval(ping);
      entry.streams.delete(res);
      entry.ports.delete(port.id);
      port.close();
    });
  }

  async function control(entry, name, req, res) {
    try {
      const args = decode((await readBody(req)) || '[]');
      const result = await runControl(entry.sim, name, args);
      send(res, 200, encode({ result: result === undefined ? null : result }));
    } catch (err) {
      send(res, 400, encode({ error: { name: err.name, message: err.message } }));
    }
  }

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((err) => send(res, 500, encode({ error: { message: err.message } })));
  });
  httpServer.requestTimeout = 0; // a control that waits may take as long as its timeout
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  const address = httpServer.address();

  const server = {
    // localhost for 127.0.0.1: Streams 2.13 (storage access on by default) takes a CCP URL on localhost or a Connect domain only.
    url: `http://${host === '127.0.0.1' ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${address.port}/`,

    // A new simulated CCP (options as simulateCcp's, less window/ccpUrl), with its own CCP URL.
    simulator(options = {}) {
      checkKeys('simulator options', options, OPTIONS.filter((k) => k !== 'post'));
      const id = `sim${++count}`;
      const entry = { sim: new CcpSimulator(options), streams: new Set(), ports: new Map() };
      const ccpUrl = `${server.url}ccp/${id}/ccp-v2/`;
      entry.sim.readyHint = `no page has loaded ${ccpUrl} (the app's initCCP ccpUrl)`;
      entry.close = () => {
        entry.sim.close();
        entry.streams.forEach((res) => res.end());
        simulators.delete(id);
      };
      simulators.set(id, entry);
      return new Ccp({
        ccpUrl,
        call: async (name, args) => clone(await runControl(entry.sim, name, clone(args))),
        close: async () => entry.close(),
      });
    },

    // Stops every simulator and the server.
    async close() {
      [...simulators.values()].forEach((entry) => entry.close());
      const closed = new Promise((resolve) => httpServer.close(resolve));
      httpServer.closeAllConnections();
      await closed;
    },
  };
  return server;
}
