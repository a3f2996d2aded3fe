// The example agent desktop as a consumer project: this package packed (npm pack) and installed
// from the tarball beside amazon-connect-streams, Jest and Playwright in a temporary folder with
// no Rust on PATH; then its Jest suite (jsdom) and its Playwright suite (Chromium) run there,
// each of their tests reported here as a test of its own; the Jest suite also on CommonJS Jest.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'examples/agent-desktop');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'taskjs-kit-'));
const project = path.join(work, 'agent-desktop');
// The consumer's PATH: no cargo, rustc or rustup.
const PATH = process.env.PATH.split(':').filter((p) => !/cargo|rustup/.test(p)).join(':');
const env = { ...process.env, PATH, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: project, env, maxBuffer: 64 << 20, ...options }, (err, stdout, stderr) => {
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

let installed;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist/amazon-connect-task.js')), 'dist/amazon-connect-task.js is missing: the package needs it (npm run release)');
  const pack = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT });
  assert.equal(pack.code, 0, pack.stderr);
  const tarball = path.join(work, pack.stdout.trim().split('\n').pop());
  fs.cpSync(EXAMPLE, project, { recursive: true, filter: (src) => !/node_modules|test-results|playwright-report/.test(src) });
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  pkg.dependencies['taskjs-rs'] = `file:${tarball}`;
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the consumer project installs from the tarball, with no Rust on PATH', async () => {
  assert.equal(installed.code, 0, installed.stderr);
  const cargo = await run('sh', ['-c', 'command -v cargo rustc || true']);
  assert.equal(cargo.stdout.trim(), '', 'no Rust toolchain on the consumer PATH');
  const files = fs.readdirSync(path.join(project, 'node_modules/taskjs-rs'));
  assert.deepEqual(files.filter((f) => ['src', 'Cargo.toml', 'examples', 'tests'].includes(f)), [], 'only the published files');
});

// Runs the Jest suite with `npm run <script>` and reports each of its tests as a subtest.
async function jestSuite(t, script, label) {
  assert.equal(installed.code, 0);
  const out = path.join(work, `${script}.json`);
  const r = await run('npm', ['run', script, '--', '--json', `--outputFile=${out}`]);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const cases = report.testResults.flatMap((f) => f.assertionResults);
  assert.ok(cases.length >= 10, `${cases.length} Jest tests ran\n${r.stderr}`);
  for (const c of cases) {
    await t.test(`${label}: ${c.title}`, () => assert.equal(c.status, 'passed', c.failureMessages.join('\n')));
  }
  assert.equal(r.code, 0, r.stderr);
}

test('the Jest suite (jsdom, ES modules) passes', (t) => jestSuite(t, 'test', 'jest'));

test('the same Jest suite on a CommonJS setup (babel-jest) passes', (t) => jestSuite(t, 'test:commonjs', 'jest (CommonJS)'));

test('the Playwright suite (Chromium) passes', async (t) => {
  assert.equal(installed.code, 0);
  const r = await run('npx', ['playwright', 'test', '--reporter=json'], { env: { ...env, PORT: String(await freePort()) } });
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
