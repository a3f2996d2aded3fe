// Node side of the stress tests and the benchmark: a static file server for the repo on
// 127.0.0.1 (random port), headless Chromium, and pages built from a list of scripts.
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STREAMS = 'node_modules/amazon-connect-streams/release/connect-streams.js';
export const REFERENCE = 'node_modules/amazon-connect-taskjs/dist/amazon-connect-task.js';
export const OURS = process.env.TASKJS_BUNDLE || 'dist/amazon-connect-task.js';
export const KIT = 'tests/stress/kit.js';
export const WASM_PROBE = 'tests/stress/wasm-probe.js';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

function serve() {
  const pages = new Map();
  let seq = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/__page/')) {
      const html = pages.get(url.pathname.slice(8));
      pages.delete(url.pathname.slice(8));
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      return res.end(html || 'gone');
    }
    const file = path.join(ROOT, decodeURIComponent(url.pathname));
    try {
      if (!file.startsWith(ROOT + path.sep) || !(await stat(file)).isFile()) throw new Error();
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream',
        'cache-control': 'no-store' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404); res.end();
    }
  });
  server.addPage = (scripts) => {
    const id = `${++seq}.html`;
    const tags = scripts.map((s) => `<script src="/${s}"></script>`).join('\n');
    pages.set(id, `<!doctype html><html><head><meta charset="utf-8">\n${tags}\n</head><body></body></html>`);
    return `/__page/${id}`;
  };
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Starts the server and the browser. `extraArgs` go to Chromium (e.g. --js-flags=--expose-gc).
export async function startBrowser({ extraArgs = [] } = {}) {
  for (const s of [STREAMS, REFERENCE, OURS]) {
    if (!existsSync(path.resolve(ROOT, s))) throw new Error(`${s} is missing (build with npm run release)`);
  }
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs] });
  return {
    browser,
    // A fresh browser context and page holding `scripts`, in order. Uncaught page errors are
    // collected in `errors`; the page's own records are read with page.evaluate.
    async open(scripts) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      await page.goto(base + server.addPage(scripts), { waitUntil: 'load' });
      return { page, errors, close: () => context.close() };
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

// For node:test files: one browser per file (before/after hooks), and `run(fn, arg)` that calls
// fn(arg) in a fresh page holding the wasm probe, Streams, a bundle (ours unless told) and the kit.
// The result comes back with the page's uncaught errors.
export function usePages({ extraArgs = [] } = {}) {
  const h = {};
  let b;
  h.before = async () => { b = await startBrowser({ extraArgs }); };
  h.after = async () => { await b?.close(); };
  h.run = async (fn, arg, { bundle = OURS } = {}) => {
    const { page, errors, close } = await b.open([WASM_PROBE, STREAMS, bundle, KIT]);
    try {
      await page.evaluate(() => KIT.quietLog());
      const result = await page.evaluate(fn, arg);
      const after = await page.evaluate(() => ({ uncaught: KIT.uncaught, health: KIT.health() }));
      return { result, pageErrors: errors, ...after };
    } finally {
      await close();
    }
  };
  return h;
}

// A release build with the `trap-for-tests` feature (connect.TaskJS.__trap panics on purpose,
// __entries counts the entries into the instance, __exports are the module's watched exports),
// made once per test process; returns its bundle's path.
const TRAP_DIR = path.join(ROOT, 'test-output', 'trap');
let trapBundle;
export function buildTrap() {
  if (!trapBundle) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js'), '--release', '--trap-for-tests', TRAP_DIR],
      { cwd: ROOT, stdio: 'ignore' });
    trapBundle = path.relative(ROOT, path.join(TRAP_DIR, 'dist', 'amazon-connect-task.js'));
  }
  return trapBundle;
}
