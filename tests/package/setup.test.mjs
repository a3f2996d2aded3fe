// scripts/setup.sh speaks only for itself: a healthy run prints no `error:` line, a lock file
// that names a yanked crate is retried without a word, and a real failure is one line on stderr
// naming the tool and its log. The failing runs use a copy of the script in a temporary
// directory, with a fake `cargo` (and `rustup`) and an empty CARGO_HOME, so no tool is there.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const temps = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const lines = (text) => text.split('\n').filter((l) => l.trim() !== '');

// stdin is /dev/null: bash reads ~/.bashrc (and its PATH) when stdin is a socket, as Node's pipes are.
const bash = (args, env) => spawnSync('bash', args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });

function run(script, env) {
  const r = bash([script], env);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A copy of the script beside Cargo.toml, with npm's packages seemingly installed, and a bin/
// whose `cargo` runs `cargoBody` (a shell snippet; its arguments are appended to cargo-calls).
function fakeSetup(cargoBody) {
  const dir = mkdtempSync(path.join(tmpdir(), 'taskjs-setup-'));
  temps.push(dir);
  const repo = path.join(dir, 'repo');
  mkdirSync(path.join(repo, 'scripts'), { recursive: true });
  mkdirSync(path.join(repo, 'node_modules'));
  copyFileSync(path.join(ROOT, 'scripts/setup.sh'), path.join(repo, 'scripts/setup.sh'));
  copyFileSync(path.join(ROOT, 'Cargo.toml'), path.join(repo, 'Cargo.toml'));
  writeFileSync(path.join(repo, 'node_modules/.package-lock.json'), '{}');
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(path.join(dir, 'cargo-home'));
  const calls = path.join(dir, 'cargo-calls');
  const tool = (name, body) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  tool('cargo', `echo "$*" >> '${calls}'\n${cargoBody}`);
  tool('rustup', 'echo wasm32-unknown-unknown');
  const env = {
    HOME: process.env.HOME,
    PATH: [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    CARGO_HOME: path.join(dir, 'cargo-home'),
  };
  // Nothing else on this PATH installs or is the tools.
  const which = bash(['-c', 'command -v cargo; command -v wasm-pack wasm-bindgen'], env);
  assert.equal(which.stdout.trim(), path.join(bin, 'cargo'));
  return { script: path.join(repo, 'scripts/setup.sh'), logs: path.join(repo, 'build'), env, calls: () => lines(readFileSync(calls, 'utf8')) };
}

test('a healthy run (all installed) prints no error: line and no retrying', () => {
  const r = run(path.join(ROOT, 'scripts/setup.sh'), process.env);
  assert.equal(r.code, 0, r.stderr);
  const out = lines(r.stdout + r.stderr);
  assert.deepEqual(out.filter((l) => /error:|retrying/i.test(l)), []);
});

test('a lock naming a yanked crate: the unlocked retry is silent, one progress line per tool', () => {
  const s = fakeSetup(`case " $* " in
  *" --locked "*) echo 'error: failed to select a version for the requirement \`webpki-roots = "=0.26.0"\`' >&2; exit 101 ;;
  *) echo '  Installed package (executable)' >&2 ;;
esac`);
  const r = run(s.script, s.env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = lines(r.stdout);
  assert.equal(out.length, 2, r.stdout);
  assert.match(out[0], /^setup: installing wasm-pack with cargo install \(takes a few minutes; log: .*setup-wasm-pack\.log\)$/);
  assert.match(out[1], /^setup: installing wasm-bindgen-cli \d+\.\d+\.\d+ with cargo install \(takes a few minutes; /);
  const bindgen = /wasm-bindgen-cli (\S+)/.exec(out[1])[1];
  assert.deepEqual(s.calls(), ['install --locked wasm-pack', 'install wasm-pack',
    `install --locked wasm-bindgen-cli --version ${bindgen}`, `install wasm-bindgen-cli --version ${bindgen}`]);
  // cargo's words are in the log, not on the terminal.
  const log = readFileSync(path.join(s.logs, 'setup-wasm-pack.log'), 'utf8');
  assert.match(log, /error: failed to select a version/);
  assert.match(log, /retrying without --locked/);
});

test('a real failure: one line on stderr naming the tool and its log, exit 1', () => {
  const s = fakeSetup(`echo 'error: could not compile \`wasm-pack\`' >&2; exit 1`);
  const r = run(s.script, s.env);
  assert.equal(r.code, 1);
  const err = lines(r.stderr);
  assert.equal(err.length, 1, r.stderr);
  const log = path.join(s.logs, 'setup-wasm-pack.log');
  assert.equal(err[0], `setup: could not install wasm-pack; log: ${log} (fix what its last lines report, then run npm run setup again)`);
  assert.ok(existsSync(log));
  assert.match(readFileSync(log, 'utf8'), /error: could not compile `wasm-pack`/);
  assert.deepEqual(lines(r.stdout).length, 1, r.stdout);
  assert.deepEqual(s.calls(), ['install --locked wasm-pack', 'install wasm-pack']);
});
