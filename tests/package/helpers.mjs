// Helpers for the package tests: what `npm pack` would ship, a copy of it installed into a
// temporary project, and a static server + headless Chromium for pages under a chosen CSP.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
export const STREAMS = 'node_modules/amazon-connect-streams/release/connect-streams.js';
export const BUNDLE = 'dist/amazon-connect-task.js';
export const FIXTURE = 'tests/page/fixture.js';
export const SCENARIO = 'tests/package/scenario.js';

export function requireBuilt() {
  for (const f of ['dist/amazon-connect-task.js', 'dist/index.mjs', 'dist/index.d.ts']) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: build it first (npm run release)`);
  }
}

// The files `npm pack` puts in the tarball, sorted.
export function packedFiles() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out)[0].files.map((f) => f.path).sort();
}

// A temporary project whose node_modules/<name> holds exactly the packed files (as `npm install`
// of the tarball would), plus symlinks to the given packages of ours (e.g. Streams' types).
export function projectWithPackage(links = []) {
  requireBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'taskjs-consumer-'));
  const pkgDir = path.join(dir, 'node_modules', PKG.name);
  for (const f of packedFiles()) {
    mkdirSync(path.dirname(path.join(pkgDir, f)), { recursive: true });
    copyFileSync(path.join(ROOT, f), path.join(pkgDir, f));
  }
  for (const name of links) symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  return dir;
}

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html' };

// Registers before/after hooks; returns {open}. Pages hold only <script src> tags (no inline
// script), served from the repo or from directories mounted at /__mount/<n>/.
export function useBrowser() {
  const h = { mounts: [], pages: new Map(), seq: 0 };

  before(async () => {
    h.server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const page = h.pages.get(url.pathname);
      if (page) {
        res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store', ...page.headers });
        return res.end(page.html);
      }
      if (url.pathname === '/favicon.ico') { res.writeHead(204); return res.end(); }
      const m = /^\/__mount\/(\d+)(\/.*)$/.exec(url.pathname);
      const base = m ? h.mounts[Number(m[1])] : ROOT;
      const file = path.join(base, decodeURIComponent(m ? m[2] : url.pathname));
      if (!base || !file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404);
        return res.end('not found');
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise((r) => h.server.listen(0, '127.0.0.1', r));
    h.base = `http://127.0.0.1:${h.server.address().port}`;
    h.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await h.browser?.close();
    await new Promise((r) => (h.server ? h.server.close(r) : r()));
  });

  // The URL path under which the files of `dir` are served.
  h.mount = (dir) => `__mount/${h.mounts.push(dir) - 1}`;

  // Opens a page loading `scripts` (repo-relative or mounted paths) in order, with `headers` on
  // the document. Returns the page and what went wrong while loading: uncaught errors, console
  // errors (CSP violations are reported there), failed requests.
  h.open = async (scripts, headers = {}) => {
    const id = `/__page/${++h.seq}.html`;
    const tags = scripts.map((s) => `<script src="/${s}"></script>`).join('\n');
    h.pages.set(id, { headers, html: `<!doctype html><html><head><meta charset="utf-8">\n${tags}\n</head><body></body></html>` });
    const page = await h.browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`); });
    await page.goto(h.base + id, { waitUntil: 'load' });
    return { page, problems };
  };

  return h;
}
