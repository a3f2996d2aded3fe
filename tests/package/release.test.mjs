// Release hygiene: one version everywhere, a package that ships only what users need, a
// script-tag bundle within its size budget, no float formatting in the wasm, and a small
// hand-written JavaScript part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PKG, ROOT, packedFiles, requireBuilt } from './helpers.mjs';

const read = (f) => readFileSync(path.join(ROOT, f), 'utf8');
const require = createRequire(import.meta.url);
// What `npm run size` measures (scripts/size.js), once for the file.
let measured;
const sizes = () => (measured ??= require('../../scripts/size.js').measure());

// What `npm pack` must list: the script-tag bundle (also `main`), the ES module entry, the types,
// the documents, and the test kit (taskjs-rs/testing: testing/ and the simulator's modules in
// www/sim/, without the simulator page's own entry and panel).
const SHIPPED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/amazon-connect-task.js',
  'dist/index.d.ts',
  'dist/index.mjs',
  'package.json',
];
const KIT = [/^testing\/[\w/-]+\.(js|d\.ts|json|md)$/, /^www\/sim\/(?!main\.js$|panel\.)[\w-]+\.(js|json)$/];
const kitFile = (f) => KIT.some((re) => re.test(f));

test('Cargo.toml and package.json have the same version, and CHANGELOG.md has a section for it', () => {
  const cargoPackage = /^\[package\]\n([\s\S]*?)(?:^\[|(?![\s\S]))/m.exec(read('Cargo.toml'))[1];
  const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(cargoPackage)?.[1];
  assert.equal(cargoVersion, PKG.version);
  assert.match(read('CHANGELOG.md'), new RegExp(`^## ${PKG.version.replace(/\./g, '\\.')}\\b`, 'm'));
});

test('npm pack lists only what users need', () => {
  requireBuilt();
  const packed = packedFiles();
  assert.deepEqual(packed.filter((f) => !kitFile(f)), SHIPPED);
  const kit = packed.filter(kitFile);
  for (const needed of ['testing/index.js', 'testing/index.d.ts', 'testing/README.md', 'www/sim/simulator.js']) assert.ok(kit.includes(needed), needed);
});

test('every entry point in package.json is a shipped file', () => {
  const targets = [PKG.main, PKG.module, PKG.types, ...PKG.sideEffects];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(PKG.exports);
  if (PKG.bin) Object.values(PKG.bin).forEach(walk);
  const packed = packedFiles();
  for (const t of targets) assert.ok(packed.includes(path.posix.normalize(t)), `${t} is not shipped`);
  assert.equal(PKG.exports['.'].types, './dist/index.d.ts');
  assert.equal(PKG.exports['.'].import, './dist/index.mjs');
  assert.equal(PKG.exports['.'].default, `./${PKG.main}`);
});

test('LICENSE is the Apache License 2.0 that package.json and Cargo.toml name', () => {
  assert.equal(PKG.license, 'Apache-2.0');
  assert.match(read('Cargo.toml'), /^license\s*=\s*"Apache-2\.0"/m);
  const license = read('LICENSE');
  assert.match(license, /^\s+Apache License\n\s+Version 2\.0, January 2004\n\s+http:\/\/www\.apache\.org\/licenses\/\n/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
});

// The budget (scripts/size.js): what the bundle measured when it last changed on purpose, plus 1 KiB.
test('the script-tag bundle, JavaScript and wasm together, is within its gzip budget', (t) => {
  requireBuilt();
  const { budget } = sizes();
  t.diagnostic(`${budget.gzip} bytes gzipped, budget ${budget.limit}`);
  assert.ok(
    budget.gzip <= budget.limit,
    `${budget.file} is ${budget.gzip} bytes gzipped, over ${budget.limit} (is dist/ a release build? npm run release)`,
  );
});

// Formatting an f64 in Rust links core's float formatting (about 10 KB): JavaScript formats
// numbers here. scripts/build.js lists the module's functions before wasm-opt strips the names.
test('the wasm contains no float-formatting code', () => {
  requireBuilt();
  const names = read('pkg/function-names.txt').split('\n').filter(Boolean);
  assert.ok(names.length > 100 && names.some((n) => n.includes('taskjs::')), 'pkg/function-names.txt lists the functions');
  const float = names.filter((n) => /flt2dec|float_to_decimal|float_to_exponential|fmt::float|<f(32|64) as core(\[\w+\])?::fmt::/.test(n));
  assert.deepEqual(float, []);
});

// 220: the loader, the watch, the forwarders and the start-up stand-ins (the owner's limit).
test('the hand-written JavaScript (js/*.js) is at most 220 lines, comments aside', () => {
  const lines = readdirSync(path.join(ROOT, 'js')).filter((f) => f.endsWith('.js'))
    .flatMap((f) => read(`js/${f}`).split('\n'))
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
  assert.ok(lines.length <= 220, `${lines.length} lines`);
});

// The sizes the documents quote are what `npm run size` measures now: docs/size.md's table of
// current numbers, row for row, and the README's comparison, which quotes the bundle's row.
test('the sizes quoted by docs/size.md and the README are the built files\' own', () => {
  requireBuilt();
  const { rows } = sizes();
  const n = (x) => x.toLocaleString('en-US');
  const doc = read('docs/size.md');
  const table = doc.slice(doc.indexOf('Current numbers')).split('\n\n')[1].split('\n').slice(2);
  assert.equal(table.length, rows.length, 'docs/size.md: a row per artifact that `npm run size` lists');
  table.forEach((line, i) => {
    const quoted = line.split('|').slice(2, 5).map((cell) => cell.replace(/\*/g, '').trim());
    assert.deepEqual(quoted, [rows[i].raw, rows[i].gzip, rows[i].brotli].map(n), `docs/size.md, ${rows[i].name.trim()}`);
  });
  const [bundle] = rows;
  assert.match(read('README.md'), new RegExp(`\\| \\*\\*${n(bundle.gzip)}\\*\\* \\(${n(bundle.raw)} raw\\)`), 'README: the bytes row of the comparison');
});

// The README's cost rows quote the last `npm run bench` (bench/results.md) as it prints them, and
// its bytes ratio is the bundle's against the reference's 2,120.
test('the README\'s start-up and dispatch figures are those of bench/results.md', () => {
  const results = new Map(read('bench/results.md').split('\n').filter((l) => /^\| (dispatch|churn|start-up)/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.replace('✗', '').trim())).map(([figure, ...v]) => [figure, v]));
  const row = (figure) => { assert.ok(results.has(figure), `bench/results.md has no row "${figure}"`); return results.get(figure); };
  const readme = read('README.md');
  const quoted = (label) => readme.split('\n').find((l) => l.startsWith(`| ${label} |`))?.split('|').slice(2, -1).map((c) => c.trim());
  const startup = [
    ['**blocking at load**', 'start-up: blocking at load (the script, nothing created)'],
    ['**load, then a first session a second later**', 'start-up: blocking at load + first create a second later'],
    ['**a session created right after the script tag**', 'start-up: create right away (script start to a session subscribed to)'],
  ];
  for (const [label, figure] of startup) {
    const [ours, reference, , ratio] = row(figure);
    assert.deepEqual(quoted(label), [`${reference} ms`, `${ours} ms (${ratio}×)`], label);
  }
  const dispatch = [1, 10, 50].map((n) => row(`dispatch, ${n} session${n > 1 ? 's' : ''} (20,000 messages)`));
  const range = (i) => { const v = dispatch.map((d) => d[i]).sort((a, b) => a - b); return `${v[0]}–${v[v.length - 1]}`; };
  assert.deepEqual(quoted('messages delivered (20,000, 1–50 sessions)'), [`${range(1)} ms`, `${range(0)} ms (${range(3)}×)`]);
  const { rows: [bundle] } = sizes();
  assert.match(quoted('**bytes** (the script, gzipped)')[1], new RegExp(`: ${Math.round(bundle.gzip / 2120)}× larger$`));
});

// dist/ is committed (users install without Rust): it must be what the committed sources build.
test('dist/ records the digest of what it is built from, and is committed with the sources it was built from', (t) => {
  const inputs = require('../../scripts/inputs.js');
  assert.equal(inputs.recorded(), inputs.digest(), 'dist/ is stale: run `npm run release` (npm test rebuilds it)');
  let status;
  try {
    status = (paths) => execFileSync('git', ['status', '--porcelain', '--', ...paths], { cwd: ROOT, encoding: 'utf8' }).trim();
    status(['.']);
  } catch {
    return t.skip('not a git checkout');
  }
  const sources = status(inputs.INPUTS);
  if (sources) return t.diagnostic(`sources changed and not committed; commit dist/ with them:\n${sources}`);
  // On a fresh clone npm test has rebuilt dist/: this compares the rebuild with what is committed.
  const built = inputs.parse(execFileSync('git', ['show', `HEAD:${path.posix.join('dist', inputs.RECORD)}`], { cwd: ROOT, encoding: 'utf8' })).rustc;
  if (status(['dist']) && built !== inputs.rustc()) {
    return t.skip(`dist/ differs from the committed one, which ${built} built; this machine has ${inputs.rustc()}`);
  }
  assert.equal(status(['dist']), '', 'the sources are committed, but dist/ differs from what is committed: commit the rebuilt dist/ with them');
});
