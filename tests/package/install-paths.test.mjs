// Each way into a project, from a `git clone` of this repository's HEAD, with no cargo or rustc on
// PATH: the script-tag file beside Streams' release, `npm install --install-links <clone>` (what a
// git URL install does: a packed copy), `npm install git+file://<clone>`, `npm install <tarball>`
// and `npm install amazon-connect-taskjs@file:<tarball>` (the alias under TaskJS's name; npm 11
// writes it to package.json as "amazon-connect-taskjs": "file:<tarball>", which `npm install`
// also reads; the `npm:` alias form refuses it: "aliases only work for registry deps"). Each
// consumer project depends on amazon-connect-streams 2.28.2 from the registry (installed once,
// then shared by hard links) and on this package that way. npm must run no script of ours; the
// installed bundle must then work beside Streams in Chromium, and under require and import in
// Node on a mocked connect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync,
  symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, useBrowser } from './helpers.mjs';

const STREAMS_VERSION = '2.28.2';
const STREAMS_FILE = 'node_modules/amazon-connect-streams/release/connect-streams.js';
const BUNDLE_FILE = 'dist/amazon-connect-task.js';
const FILES = path.join(ROOT, 'tests/package/install');
// Scripts npm runs on install, pack or prepare of a package (a git dependency with any of them is
// built by npm in a clone).
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'prepack', 'postpack'];
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts'];

const WAYS = [
  { id: 'npm install --install-links <clone>', name: 'taskjs-rs', args: (w) => ['--install-links', w.clone] },
  { id: 'npm install git+file://<clone>', name: 'taskjs-rs', args: (w) => [`git+file://${w.clone}`] },
  { id: 'npm install <tarball>', name: 'taskjs-rs', args: (w) => [w.tarball] },
  { id: 'npm install amazon-connect-taskjs@file:<tarball>', name: 'amazon-connect-taskjs', args: (w) => [`amazon-connect-taskjs@file:${w.tarball}`] },
];

const isGit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--is-inside-work-tree'], { stdio: 'ignore' }).status === 0;
const h = useBrowser();
const w = {};

// This environment without cargo and rustc: PATH without the directories that hold them, and no
// Rust settings.
function noRust() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CARGO|RUST)/.test(k)));
  env.PATH = process.env.PATH.split(path.delimiter)
    .filter((dir) => dir && !['cargo', 'rustc', 'rustup'].some((tool) => existsSync(path.join(dir, tool))))
    .join(path.delimiter);
  return env;
}

// Runs a command with stdin on /dev/null (bash reads ~/.bashrc when stdin is a socket, as Node's
// pipes are); resolves to {code, out: stdout and stderr together, stdout}.
function run(cmd, args, cwd, env = w.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [out, stdout] = ['', ''];
    child.stdout.on('data', (d) => { out += d; stdout += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', (e) => { out += e.message; });
    child.on('close', (code) => resolve({ code, out, stdout }));
  });
}

// A copy of `src` whose package files are hard links to the originals (quick; npm replaces a
// package's directory rather than writing into its files). The project's own files and those
// directly in node_modules/ (npm's hidden lock file) are copied, as npm rewrites them in place.
function linkProject(src, dst) {
  const own = new Set([src, path.join(src, 'node_modules')]);
  const walk = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from, { withFileTypes: true })) {
      const [a, b] = [path.join(from, e.name), path.join(to, e.name)];
      if (e.isSymbolicLink()) symlinkSync(readlinkSync(a), b);
      else if (e.isDirectory()) walk(a, b);
      else if (own.has(from)) copyFileSync(a, b);
      else linkSync(a, b);
    }
  };
  walk(src, dst);
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

// Every file under dir, relative to it, sorted.
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name))).sort();

before(async () => {
  if (!isGit) return;
  w.env = noRust();
  const which = spawnSync('sh', ['-c', 'command -v cargo || command -v rustc'], { env: w.env, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
  assert.equal(which.stdout, '', `cargo or rustc still on PATH: ${which.stdout}`);

  w.dir = mkdtempSync(path.join(tmpdir(), 'taskjs-install-'));
  w.clone = path.join(w.dir, 'clone');
  const head = spawnSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  for (const args of [['clone', '--quiet', '--no-checkout', ROOT, w.clone], ['-C', w.clone, 'checkout', '--quiet', '--detach', head]]) {
    const git = await run('git', args, w.dir);
    assert.equal(git.code, 0, git.out);
  }
  w.version = readJson(path.join(w.clone, 'package.json')).version;

  // The tarball, packed from the clone as a release would be.
  const packed = await run('npm', ['pack', '--json', '--pack-destination', w.dir, ...NPM_FLAGS], w.clone);
  assert.equal(packed.code, 0, packed.out);
  const [pack] = JSON.parse(packed.stdout);
  w.tarball = path.join(w.dir, pack.filename);
  w.packed = pack.files.map((f) => f.path).sort();

  // Streams from the registry, once.
  const base = path.join(w.dir, 'base');
  mkdirSync(base);
  writeFileSync(path.join(base, 'package.json'), JSON.stringify({
    name: 'agent-desktop', version: '1.0.0', private: true, dependencies: { 'amazon-connect-streams': STREAMS_VERSION },
  }, null, 2));
  const streams = await run('npm', ['install', ...NPM_FLAGS], base);
  assert.equal(streams.code, 0, streams.out);

  // (a) The script tag: the clone's file beside Streams' release, in a static directory.
  w.site = path.join(w.dir, 'site');
  mkdirSync(w.site);
  copyFileSync(path.join(base, STREAMS_FILE), path.join(w.site, 'connect-streams.js'));
  copyFileSync(path.join(w.clone, BUNDLE_FILE), path.join(w.site, 'amazon-connect-task.js'));

  // The npm ways, side by side, each in a project of its own.
  await Promise.all(WAYS.map(async (way, i) => {
    way.project = path.join(w.dir, `project-${i}`);
    linkProject(base, way.project);
    way.install = await run('npm', ['install', ...NPM_FLAGS, ...way.args(w)], way.project);
  }));
});

after(() => { if (w.dir) rmSync(w.dir, { recursive: true, force: true }); });

const skip = isGit ? false : 'not a git checkout: nothing to clone';

// In Chromium: Streams' release, then the bundle, then the check.
async function inPage(streams, bundle) {
  const { page, problems } = await h.open([streams, bundle, 'tests/stress/kit.js', 'tests/package/install/page-check.js']);
  try {
    const r = await page.evaluate(() => window.installCheck());
    assert.deepEqual(problems, []);
    assert.equal(r.version, w.version);
    assert.equal(r.connectSuccess, true);
    assert.deepEqual(r.events, [['TRANSFER_INITIATED', 'task-1'], ['INCOMING_MESSAGE', 'task-1']]);
    assert.ok(r.subscribes.some((s) => JSON.stringify(s).includes('aws/task')), JSON.stringify(r.subscribes));
    assert.deepEqual(r.created, { contactId: 'new-task' });
    assert.equal(r.calls.length, 1);
    assert.equal(r.calls[0].method, r.createTaskMethod);
    assert.equal(r.calls[0].params.name, 'Call back');
    assert.match(r.calls[0].params.endpoint.endpointARN, /transfer-destination\/qc-1$/);
    assert.deepEqual(r.uncaught, []);
  } finally {
    await page.close();
  }
}

// In Node, from inside `dir`: `specifier` under require and under import, each loaded first.
async function inNode(dir, specifier) {
  copyFileSync(path.join(FILES, 'mock-connect.mjs'), path.join(dir, 'mock-connect.mjs'));
  copyFileSync(path.join(FILES, 'node-check.mjs'), path.join(dir, 'node-check.mjs'));
  for (const first of ['require', 'import']) {
    const r = await run(process.execPath, ['node-check.mjs', specifier, first], dir);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(JSON.parse(r.stdout), {
      version: w.version,
      installed: true,
      sameBothWays: true,
      connectSuccess: true,
      events: [['INCOMING_MESSAGE', 'task-1']],
      created: { contactId: 'new-task' },
      calls: [{ method: 'mocked.createTaskContact', name: 'Call back', endpointARN: 'arn:aws:connect:us-west-2:1:instance/i/transfer-destination/qc-1' }],
    }, `${specifier}, ${first} first`);
  }
}

test('script tag: the file from a clone, beside Streams\' release, runs in Chromium', { skip }, async () => {
  assert.deepEqual(readdirSync(w.site).sort(), ['amazon-connect-task.js', 'connect-streams.js']);
  const site = h.mount(w.site);
  await inPage(`${site}/connect-streams.js`, `${site}/amazon-connect-task.js`);
});

test('script tag: the same file under require and import in Node', { skip }, async () => {
  await inNode(w.site, './amazon-connect-task.js');
});

test('the clone has no build output, and packing it ran no script', { skip }, () => {
  const scripts = readJson(path.join(w.clone, 'package.json')).scripts ?? {};
  assert.deepEqual(LIFECYCLE.filter((s) => s in scripts), []);
  assert.ok(!existsSync(path.join(w.clone, 'target')) && !existsSync(path.join(w.clone, 'pkg')));
  assert.ok(w.packed.includes(BUNDLE_FILE), w.packed.join(', '));
});

for (const way of WAYS) {
  test(`${way.id}: installs with no cargo on PATH, runs no script of ours, ships the packed files`, { skip }, () => {
    assert.equal(way.install.code, 0, way.install.out);
    // npm names each script it runs ("> taskjs-rs@0.1.0 prepare") and warns of install scripts.
    assert.doesNotMatch(way.install.out, /^(> |npm warn install-scripts\s+)(taskjs-rs|amazon-connect-taskjs)@/m);
    const installed = path.join(way.project, 'node_modules', way.name);
    const manifest = readJson(path.join(installed, 'package.json'));
    assert.equal(manifest.name, 'taskjs-rs');
    assert.deepEqual(LIFECYCLE.filter((s) => s in (manifest.scripts ?? {})), []);
    assert.deepEqual(filesUnder(installed), w.packed);
    assert.ok(!existsSync(path.join(w.clone, 'target')) && !existsSync(path.join(w.clone, 'pkg')));
    const deps = readJson(path.join(way.project, 'package.json')).dependencies;
    assert.deepEqual(Object.keys(deps).sort(), ['amazon-connect-streams', way.name].sort());
    assert.equal(deps['amazon-connect-streams'], STREAMS_VERSION);
    assert.equal(readJson(path.join(way.project, 'node_modules/amazon-connect-streams/package.json')).version, STREAMS_VERSION);
  });

  test(`${way.id}: node_modules/${way.name}/${BUNDLE_FILE} runs beside Streams in Chromium`, { skip }, async () => {
    const project = h.mount(way.project);
    await inPage(`${project}/${STREAMS_FILE}`, `${project}/node_modules/${way.name}/${BUNDLE_FILE}`);
  });

  test(`${way.id}: require('${way.name}') and import('${way.name}') on a mocked connect`, { skip }, async () => {
    await inNode(way.project, way.name);
  });
}

test('the alias is recorded in package.json as "amazon-connect-taskjs": "file:<tarball>"', { skip }, () => {
  const way = WAYS.find((x) => x.name === 'amazon-connect-taskjs');
  const spec = readJson(path.join(way.project, 'package.json')).dependencies['amazon-connect-taskjs'];
  assert.equal(path.resolve(way.project, spec.replace(/^file:/, '')), w.tarball);
  const locked = readJson(path.join(way.project, 'package-lock.json')).packages['node_modules/amazon-connect-taskjs'];
  assert.equal(locked.name, 'taskjs-rs');
});

test('import { TaskSession, ReferenceType } from \'amazon-connect-taskjs\' gives this package\'s', { skip }, async () => {
  const way = WAYS.find((x) => x.name === 'amazon-connect-taskjs');
  copyFileSync(path.join(FILES, 'alias-import.mjs'), path.join(way.project, 'alias-import.mjs'));
  const r = await run(process.execPath, ['alias-import.mjs'], way.project);
  assert.equal(r.code, 0, r.out);
  assert.deepEqual(JSON.parse(r.stdout), {
    name: 'taskjs-rs',
    installed: true,
    version: w.version,
    referenceTypes: { URL: 'URL', EMAIL: 'EMAIL', NUMBER: 'NUMBER', STRING: 'STRING', DATE: 'DATE' },
    methods: ['create', 'setGlobalConfig'],
  });
});
