// A consumer project made from the example agent desktop: this package packed (npm pack) and
// installed from the tarball with the example's other dependencies, in a temporary folder, with
// no Rust on PATH. Shared by consumer.test.mjs and jest29.test.mjs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'examples/agent-desktop');
// The consumer's PATH: no cargo, rustc or rustup.
const PATH = process.env.PATH.split(':').filter((p) => !/cargo|rustup/.test(p)).join(':');
export const env = { ...process.env, PATH, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

export function run(cwd, command, args, options = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 << 20, ...options }, (err, stdout, stderr) => {
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

// devDependencies: replaces the example's (e.g. another Jest). Returns {work, dir, installed}.
export async function makeConsumer({ devDependencies } = {}) {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist/amazon-connect-task.js')), 'dist/amazon-connect-task.js is missing: the package needs it (npm run release)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'taskjs-kit-'));
  const dir = path.join(work, 'agent-desktop');
  const pack = await run(ROOT, 'npm', ['pack', '--pack-destination', work, '--silent']);
  assert.equal(pack.code, 0, pack.stderr);
  const tarball = path.join(work, pack.stdout.trim().split('\n').pop());
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/node_modules|test-results|playwright-report/.test(src) });
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  pkg.dependencies['taskjs-rs'] = `file:${tarball}`;
  if (devDependencies) pkg.devDependencies = devDependencies;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  const installed = await run(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
  return { work, dir, installed };
}

// Runs a Jest (or Vitest) script of the project and reports each of its tests as a subtest of `t`.
export async function jestSuite(t, project, script, label) {
  assert.equal(project.installed.code, 0, project.installed.stderr);
  const out = path.join(project.work, `${script}.json`);
  const json = script.includes('vitest') ? ['--reporter=json', `--outputFile=${out}`] : ['--json', `--outputFile=${out}`];
  const r = await run(project.dir, 'npm', ['run', script, '--', ...json]);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const cases = report.testResults.flatMap((f) => f.assertionResults);
  assert.ok(cases.length >= 10, `${cases.length} Jest tests ran\n${r.stderr}`);
  for (const c of cases) {
    await t.test(`${label}: ${c.title}`, () => assert.equal(c.status, 'passed', c.failureMessages.join('\n')));
  }
  assert.equal(r.code, 0, r.stderr);
}
