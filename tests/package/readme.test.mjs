// The README's and docs/' code examples run, so that none can drift from the code. Each
// JavaScript or TypeScript block is marked by the comment line before its fence:
//   <!-- example: page -->   runs in Chromium, beside the real Streams release and dist/'s bundle,
//                            under a simulated CCP (taskjs-rs/testing's server): after initCCP,
//                            with `agent` (a connect.Agent) and `contact` (a connected task
//                            contact) in scope, as the body of an async function. Then a task
//                            arrives and is accepted, and it gets a transfer and an expiry warning,
//                            so that handlers the example registered run. Nothing may throw.
//   <!-- example: node -->   runs as an ES module in Node, with taskjs-rs resolving to this package.
//   <!-- example: types -->  compiles with `tsc --noEmit --strict` beside Streams' declarations.
//   <!-- file: PATH -->      is exactly that file (which a test stage runs).
// Other blocks (sh, html, text) are commands and markup, tested where they are used (the install
// paths, the build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, projectWithPackage } from './helpers.mjs';
import { startBrowser, STREAMS } from '../stress/support.mjs';
import { startCcpServer } from '../../testing/index.js';

const DOCUMENTS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const CODE = new Set(['js', 'javascript', 'mjs', 'ts', 'typescript']);

const blocks = DOCUMENTS.flatMap((doc) => {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');
  return [...text.matchAll(/(?:<!-- (example|file): (\S+) -->\n)?```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    doc, kind: m[1], what: m[2], lang: m[3], code: m[4], line: text.slice(0, m.index).split('\n').length,
  }));
});
const where = (b) => `${b.doc}:${b.line}`;

test('every JavaScript and TypeScript block says how it runs', () => {
  const unmarked = blocks.filter((b) => CODE.has(b.lang) && !b.kind).map(where);
  assert.deepEqual(unmarked, []);
  assert.ok(blocks.some((b) => b.kind === 'example' && b.what === 'page'), 'the README has page examples');
});

test('each file block is exactly its file', () => {
  for (const b of blocks.filter((x) => x.kind === 'file')) {
    assert.equal(b.code, readFileSync(path.join(ROOT, b.what), 'utf8'), `${where(b)} differs from ${b.what}`);
  }
});

// --- page examples --------------------------------------------------------------------------

let browser;
let ccpServer;
before(async () => {
  browser = await startBrowser();
  ccpServer = await startCcpServer();
});
after(async () => {
  await ccpServer?.close();
  await browser?.close();
});

// In the page: initCCP against the simulated CCP, and the agent once Streams has it.
async function boot(ccpUrl) {
  window.problems = [];
  addEventListener('error', (e) => problems.push(`error: ${e.message}`));
  addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${e.reason && e.reason.stack || e.reason}`));
  connect.getLog().setEchoLevel(connect.LogLevel.CRITICAL);
  const container = document.createElement('div');
  document.body.append(container);
  connect.core.initCCP(container, { ccpUrl, loginPopup: false, softphone: { allowFramedSoftphone: false } });
  window.agent = await new Promise((resolve) => connect.agent(resolve));
}

async function contactNamed(contactId) {
  for (let i = 0; i < 200; i++) {
    const found = agent.getContacts().find((c) => c.getContactId() === contactId);
    if (found && found.getAgentConnection().getStatus().type === 'connected') return (window.contact = true);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

for (const b of blocks.filter((x) => x.kind === 'example' && x.what === 'page')) {
  test(`${where(b)} runs in a page beside Streams, under a simulated CCP`, async () => {
    const ccp = ccpServer.simulator();
    const { page, errors, close } = await browser.open([STREAMS, 'dist/amazon-connect-task.js']);
    try {
      await page.evaluate(boot, ccp.ccpUrl);
      await ccp.ready();
      const { contactId } = await ccp.addTask({ name: 'A task for the example', state: 'connected' });
      assert.ok(await page.evaluate(contactNamed, contactId), 'the task contact reached the page');
      await page.evaluate(`window.contact = agent.getContacts().find((c) => c.getContactId() === ${JSON.stringify(contactId)})`);
      await page.evaluate(`(async () => { const agent = window.agent, contact = window.contact;\n${b.code}\n})()`);
      // What the example registered for, happening.
      const next = await ccp.addTask({ name: 'A second task' });
      await ccp.acceptTask(next.contactId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await ccp.expireWarning(next.contactId);
      await ccp.transferSucceeded(next.contactId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual([...errors, ...await page.evaluate(() => problems)], []);
    } finally {
      await close();
      await ccp.close();
    }
  });
}

// --- node examples ---------------------------------------------------------------------------

for (const b of blocks.filter((x) => x.kind === 'example' && x.what === 'node')) {
  test(`${where(b)} runs in Node, with taskjs-rs installed`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taskjs-readme-'));
    try {
      mkdirSync(path.join(dir, 'node_modules'));
      symlinkSync(ROOT, path.join(dir, 'node_modules', 'taskjs-rs'), 'dir');
      writeFileSync(path.join(dir, 'example.mjs'), b.code);
      const { code, stderr } = await new Promise((resolve) => execFile(process.execPath, ['example.mjs'], { cwd: dir },
        (err, stdout, stderr2) => resolve({ code: err ? err.code : 0, stderr: stderr2 })));
      assert.equal(code, 0, stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// --- TypeScript examples ---------------------------------------------------------------------

const typeBlocks = blocks.filter((x) => x.kind === 'example' && x.what === 'types');
if (typeBlocks.length) {
  test('the TypeScript examples compile with tsc --strict, beside Streams\' declarations', async () => {
    const project = projectWithPackage(['amazon-connect-streams']);
    try {
      const files = typeBlocks.map((b, i) => {
        const file = `readme-${i}.ts`;
        writeFileSync(path.join(project, file), `export {};\n${b.code}`);
        return file;
      });
      const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
      const options = ['--noEmit', '--strict', '--pretty', 'false', '--target', 'es2020', '--lib', 'es2020,dom', '--module', 'esnext', '--moduleResolution', 'bundler'];
      const out = await new Promise((resolve) => execFile(process.execPath, [tsc, ...options, ...files], { cwd: project },
        (err, stdout, stderr) => resolve(stdout + stderr)));
      assert.equal(out.trim(), '', out);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
}

test('the README names every event kind of the simulator, and links the kit\'s and the maintainers\' documents', async () => {
  const { TASK_EVENT_KINDS } = await import('../../testing/index.js');
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const kind of TASK_EVENT_KINDS) assert.ok(readme.includes(`\`${kind}\``), kind);
  for (const link of ['testing/README.md', 'docs/README.md']) assert.ok(readme.includes(`](${link})`), link);
});
