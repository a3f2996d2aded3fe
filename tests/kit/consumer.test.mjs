// The example agent desktop as a consumer project (consumer-project.mjs): its Jest suite (jsdom,
// ES modules), the same suite on CommonJS Jest (babel-jest) and under Vitest, and its Playwright
// suite (Chromium) run there, each of their tests reported here as a test of its own.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { env, jestSuite, makeConsumer, run } from './consumer-project.mjs';

let project;

before(async () => {
  project = await makeConsumer();
});

after(() => project && fs.rmSync(project.work, { recursive: true, force: true }));

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

test('the consumer project installs from the tarball, with no Rust on PATH', async () => {
  assert.equal(project.installed.code, 0, project.installed.stderr);
  const cargo = await run(project.dir, 'sh', ['-c', 'command -v cargo rustc || true']);
  assert.equal(cargo.stdout.trim(), '', 'no Rust toolchain on the consumer PATH');
  const files = fs.readdirSync(path.join(project.dir, 'node_modules/taskjs-rs'));
  assert.deepEqual(files.filter((f) => ['src', 'Cargo.toml', 'examples', 'tests'].includes(f)), [], 'only the published files');
});

test('the Jest suite (jsdom, ES modules) passes', (t) => jestSuite(t, project, 'test', 'jest'));

test('the same Jest suite on a CommonJS setup (babel-jest) passes', (t) => jestSuite(t, project, 'test:commonjs', 'jest (CommonJS)'));

test('the same suite under Vitest (jsdom) passes', (t) => jestSuite(t, project, 'test:vitest', 'vitest'));

test('the Playwright suite (Chromium) passes', async (t) => {
  assert.equal(project.installed.code, 0);
  const r = await run(project.dir, 'npx', ['playwright', 'test', '--reporter=json'], { env: { ...env, PORT: String(await freePort()) } });
  const report = JSON.parse(r.stdout);
  const specs = (suite) => [...(suite.specs || []), ...(suite.suites || []).flatMap(specs)];
  const cases = report.suites.flatMap(specs);
  assert.ok(cases.length >= 3, `${cases.length} Playwright tests ran\n${r.stderr}`);
  for (const spec of cases) {
    const results = spec.tests.flatMap((x) => x.results);
    await t.test(`playwright: ${spec.title}`, () => assert.ok(spec.ok, results.flatMap((x) => x.errors.map((e) => e.message)).join('\n')));
  }
  assert.equal(r.code, 0, r.stderr);
});
