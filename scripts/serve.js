#!/usr/bin/env node
// Local server for the demo page and the CCP simulator (www/), bound to 127.0.0.1.
// Usage: node scripts/serve.js [--port N]   (`npm start` installs what is missing and builds first)
// Serves only www/, dist/, the Streams release and the reference TaskJS bundle.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

// URL prefix -> directory on disk. Nothing outside these is served.
const MOUNTS = [
  ['/www/', path.join(ROOT, 'www')],
  ['/dist/', path.join(ROOT, 'dist')],
  ['/node_modules/amazon-connect-streams/release/', path.join(ROOT, 'node_modules/amazon-connect-streams/release')],
  ['/node_modules/amazon-connect-taskjs/dist/', path.join(ROOT, 'node_modules/amazon-connect-taskjs/dist')],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

function resolveFile(urlPath) {
  for (const [prefix, dir] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    let rel = urlPath.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

function handle(req, res) {
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  if (urlPath === '/' || urlPath === '/www') {
    const query = new URL(req.url, 'http://localhost').search;
    res.writeHead(302, { Location: '/www/' + query }).end();
    return;
  }
  const file = resolveFile(urlPath);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
}

// Starts the server; resolves to {server, url}. port 0 picks a free port.
function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handle);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/` });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  let port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT || 8080);
  let started;
  try {
    started = await startServer({ port });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.warn(`Port ${port} is in use; picking a free one.`);
    started = await startServer({ port: 0 });
  }
  console.log(`taskjs-rs demo:      ${started.url}www/`);
  console.log(`reference TaskJS:    ${started.url}www/?taskjs=reference`);
  console.log(`CCP simulator alone: ${started.url}www/ccp-sim.html`);
  console.log('Press Ctrl+C to stop.');
}

module.exports = { startServer, resolveFile };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
