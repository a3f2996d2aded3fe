// Strict Content-Security-Policy: with `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-eval',
// no inline script) a page loads Streams and our bundle and runs a task session and createTask;
// without 'wasm-unsafe-eval' the wasm cannot compile. Neither the release bundle nor webpack's
// development build (what `npm run devo` makes) contains eval or new Function.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLE, FIXTURE, PKG, ROOT, SCENARIO, STREAMS, requireBuilt, useBrowser } from './helpers.mjs';

const STRICT = "script-src 'self' 'wasm-unsafe-eval'";
const NO_WASM = "script-src 'self'";
const RUN = 'tests/package/csp-run.js';
const EVAL = /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|set(Timeout|Interval)\s*\(\s*['"`]/;

const require = createRequire(path.join(ROOT, 'package.json'));
const webpack = require('webpack');
const h = useBrowser();
let devDir;
let devBundle;

// webpack.config.js in development mode, written to a temporary directory (dist/ stays as is).
before(async () => {
  requireBuilt();
  devDir = mkdtempSync(path.join(tmpdir(), 'taskjs-devo-'));
  const config = require(path.join(ROOT, 'webpack.config.js'))({}, { mode: 'development' });
  const stats = await new Promise((resolve, reject) => {
    webpack({ ...config, context: ROOT, output: { ...config.output, path: devDir } }, (e, s) => (e ? reject(e) : resolve(s)));
  });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  devBundle = `${h.mount(devDir)}/amazon-connect-task.js`;
});

after(() => { if (devDir) rmSync(devDir, { recursive: true, force: true }); });

test('neither the release bundle nor the development build contains eval or new Function', () => {
  const dev = readFileSync(path.join(devDir, 'amazon-connect-task.js'), 'utf8');
  assert.match(dev, /webpackBootstrap/, 'the development build is not minified');
  assert.equal(dev.match(EVAL)?.[0], undefined, 'development build');
  assert.equal(readFileSync(path.join(ROOT, BUNDLE), 'utf8').match(EVAL)?.[0], undefined, 'release bundle');
});

for (const [name, bundle] of [['release bundle', () => BUNDLE], ['development build', () => devBundle]]) {
  test(`${name}: a task session and createTask run under ${STRICT}`, async () => {
    const { page, problems } = await h.open([STREAMS, bundle(), FIXTURE, SCENARIO, RUN],
      { 'content-security-policy': STRICT });
    try {
      const result = await page.evaluate(() => window.cspRun);
      const expected = await page.evaluate((v) => window.taskScenarioExpected(v), PKG.version);
      assert.deepEqual(result, expected);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test(`without 'wasm-unsafe-eval' the wasm is refused (the policy is in force): the API is there, nothing is thrown at load, and the first call says what the policy needs`, async () => {
  const { page, problems } = await h.open([STREAMS, BUNDLE], { 'content-security-policy': NO_WASM });
  try {
    assert.equal(await page.evaluate(() => typeof connect.TaskSession.create), 'function', 'installed at once, without the module');
    assert.equal(await page.evaluate(() => typeof connect.Agent), 'function', 'Streams itself loads');
    // Left alone until idle time has passed: the background compile is refused without a sound.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 200))));
    assert.deepEqual(problems.filter((p) => p.startsWith('pageerror')), [], 'nothing uncaught before a call');
    const thrown = await page.evaluate(() => {
      try { connect.TaskSession.create({ contactId: 'c', initialContactId: 'i', websocketManager: {} }); return null; } catch (e) { return `${e.name}: ${e.message}`; }
    });
    assert.match(thrown, /^CompileError: taskjs-rs cannot compile its WebAssembly module: under a Content-Security-Policy, script-src needs 'wasm-unsafe-eval' \(/);
    assert.ok(problems.every((p) => /^console: .*(WebAssembly|Content Security Policy|unsafe-eval)/.test(p)), problems.join('\n'));
  } finally {
    await page.close();
  }
});
