// Page-test harness: a static file server for the repo, one headless Chromium per test file,
// and a fresh page per scenario that loads Streams, one TaskJS bundle and fixture.js.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STREAMS = 'node_modules/amazon-connect-streams/release/connect-streams.js';
export const REF = 'node_modules/amazon-connect-taskjs/dist/amazon-connect-task.js';
// PAGE_TESTS_OURS may point at another build of ours (repo-relative or absolute path).
export const OURS = process.env.PAGE_TESTS_OURS || 'dist/amazon-connect-task.js';
export const FIXTURE = 'tests/page/fixture.js';
export const BUNDLES = { reference: REF, ours: OURS };

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

// Generated pages, by id: /__page/<id>.html
const pages = new Map();
// Absolute script paths outside the repo that a page asked for: /__abs/<path>
const absolute = new Set();
let pageSeq = 0;

function startServer() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/__page/')) {
      const html = pages.get(url.pathname.slice('/__page/'.length));
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      return res.end(html || 'no such page');
    }
    const wanted = decodeURIComponent(url.pathname);
    const file = wanted.startsWith('/__abs/') ? wanted.slice('/__abs'.length) : path.join(ROOT, wanted);
    if (!file.startsWith(ROOT + path.sep) && !absolute.has(file)) { res.writeHead(403); return res.end(); }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'max-age=600' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function waitForChromium() {
  for (let i = 0; i < 600 && !existsSync(CHROMIUM); i++) await new Promise((r) => setTimeout(r, 1000));
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (is the chromium package installed?)`);
}

// A script entry is a repo-relative path or {inline: 'code'}.
function pageHtml(scripts) {
  const tags = scripts.map((s) => (typeof s === 'string'
    ? `<script src="${path.isAbsolute(s) ? `/__abs${s}` : `/${s}`}"></script>`
    : `<script>${s.inline}</script>`));
  return `<!doctype html><html><head><meta charset="utf-8"><title>taskjs page test</title>\n${tags.join('\n')}\n</head><body></body></html>`;
}

function assertBundleExists(bundle) {
  if (path.isAbsolute(bundle)) absolute.add(bundle);
  if (!existsSync(path.resolve(ROOT, bundle))) {
    throw new Error(`${bundle} does not exist: build it first (npm run release). ` +
      'Tests of our bundle fail rather than skip when it is missing.');
  }
}

// Registers before/after hooks for one test file and returns the harness handle.
export function useHarness() {
  const h = { server: null, browser: null, context: null, base: null };

  before(async () => {
    await waitForChromium();
    h.server = await startServer();
    h.base = `http://127.0.0.1:${h.server.address().port}`;
    h.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    h.context = await h.browser.newContext();
  });

  after(async () => {
    await h.browser?.close();
    await new Promise((r) => (h.server ? h.server.close(r) : r()));
  });

  // Opens a fresh page with the given scripts in order. Load errors (uncaught exceptions, missing
  // files) fail the call unless allowLoadErrors; they are returned as loadErrors either way.
  h.open = async (scripts, { allowLoadErrors = false } = {}) => {
    for (const s of scripts) if (typeof s === 'string') assertBundleExists(s);
    const id = `${++pageSeq}.html`;
    pages.set(id, pageHtml(scripts));
    const page = await h.context.newPage();
    const loadErrors = [];
    page.on('pageerror', (e) => loadErrors.push({ pageerror: `${e.name}: ${e.message}` }));
    page.on('response', (r) => { if (r.status() >= 400) loadErrors.push({ http: r.status(), url: r.url() }); });
    page.on('requestfailed', (r) => loadErrors.push({ requestfailed: r.url() }));
    await page.goto(`${h.base}/__page/${id}`, { waitUntil: 'load' });
    pages.delete(id);
    if (loadErrors.length && !allowLoadErrors) {
      await page.close();
      throw new Error(`page load failed: ${JSON.stringify(loadErrors)}`);
    }
    return { page, loadErrors };
  };

  // Runs fn(arg) in a fresh page holding Streams (the newest, or `streams`), `bundle` (or a list
  // of scripts) and the fixture; returns its result.
  h.run = async (bundle, fn, arg, { streams = STREAMS } = {}) => {
    const { page } = await h.open([streams, ...[].concat(bundle), FIXTURE]);
    try {
      return await page.evaluate(fn, arg);
    } finally {
      await page.close();
    }
  };

  // Like run, but reuses one page per bundle (for stateless calls such as the agent APIs). The page
  // is dropped when an evaluation throws or reports uncaught errors, so one failure stays local.
  // PAGE_TESTS_FRESH_PAGES=1 gives every call its own page.
  const shared = new Map();
  h.runShared = async (bundle, fn, arg, { streams = STREAMS } = {}) => {
    if (process.env.PAGE_TESTS_FRESH_PAGES === '1') return h.run(bundle, fn, arg, { streams });
    const key = `${streams} ${bundle}`;
    if (!shared.has(key)) shared.set(key, h.open([streams, bundle, FIXTURE]).then((o) => o.page));
    const page = await shared.get(key);
    let ok = false;
    try {
      const result = await page.evaluate(fn, arg);
      ok = !(result && Array.isArray(result.uncaught) && result.uncaught.length);
      return result;
    } finally {
      if (!ok) { shared.delete(key); await page.close(); }
    }
  };

  // Runs the same scenario on the reference and on ours.
  h.both = async (fn, arg, options) => ({
    reference: await h.run(REF, fn, arg, options),
    ours: await h.run(OURS, fn, arg, options),
  });

  return h;
}
