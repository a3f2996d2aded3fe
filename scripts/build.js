#!/usr/bin/env node
// Builds dist/amazon-connect-task.js:
//   cargo (wasm32) + wasm-bindgen, through wasm-pack  ->  pkg/taskjs.js + pkg/taskjs_bg.wasm
//   wasm-opt -Oz (npm binaryen)                        ->  smaller pkg/taskjs_bg.wasm
//   short-names.js: short import/export names          ->  pkg/taskjs_bg.wasm + pkg/taskjs.js
//   wasm-as + wasm-opt: js/wasm-text-decoder.wat       ->  pkg/wasm-text-decoder.wasm
//   webpack (both inlined: the module as text, the decoder as hex)  ->  dist/amazon-connect-task.js
//   js/package/ (ES module entry, types), as they are  ->  dist/index.mjs, dist/index.d.ts
// Usage: node scripts/build.js [--release | --dev | --watch]
const { execFileSync } = require('child_process');
const { shortNames } = require('./short-names');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const mode = process.argv.includes('--dev') || process.argv.includes('--watch') ? 'dev' : 'release';

function run(cmd, args, env) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

// The release build recompiles `core` and `alloc` with panics that abort at once: without it,
// every possible panic (an index out of bounds, an unwrap) keeps its message, source location
// and the formatting code to print them, though our panic handler prints nothing. Both switches
// are unstable on stable Rust; RUSTC_BOOTSTRAP allows them for this build only.
const SIZE_BUILD = {
  env: { RUSTC_BOOTSTRAP: '1', RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort' },
  cargoArgs: ['-Zbuild-std=core,alloc'],
};

function build() {
  const started = Date.now();
  const release = mode === 'release';
  run('wasm-pack', ['build', '--target', 'web', '--out-dir', 'pkg', '--out-name', 'taskjs',
    '--no-typescript', '--no-pack', release ? '--release' : '--dev',
    ...(release ? ['.', '--', ...SIZE_BUILD.cargoArgs] : [])], release ? SIZE_BUILD.env : {});
  const wasm = path.join(root, 'pkg', 'taskjs_bg.wasm');
  // --low-memory-unused: Rust never puts data in the first KiB of linear memory (the stack
  // sits below 1 MiB and grows down, static data and the heap come after it), which lets
  // wasm-opt fold constant offsets into loads and stores.
  if (mode === 'release') {
    run(bin('wasm-opt'), ['-Oz', '--low-memory-unused', '--strip-debug', '--strip-producers',
      '--strip-target-features', wasm, '-o', wasm]);
  }
  // The glue's async loader would make webpack emit the .wasm as a separate file
  // (`new URL(..., import.meta.url)`); we only use initSync with the inlined bytes.
  const glue = path.join(root, 'pkg', 'taskjs.js');
  const src = fs.readFileSync(glue, 'utf8');
  const patched = src.replace(/new URL\('taskjs_bg\.wasm', import\.meta\.url\)/g, 'undefined');
  fs.writeFileSync(glue, patched);
  if (mode === 'release') shortNames(wasm, glue);
  // The small module that decodes the embedded wasm text (js/index.js).
  const decoder = path.join(root, 'pkg', 'wasm-text-decoder.wasm');
  run(bin('wasm-as'), [path.join('js', 'wasm-text-decoder.wat'), '-o', decoder]);
  run(bin('wasm-opt'), ['-Oz', decoder, '-o', decoder]);
  run(bin('webpack'), ['--mode', mode === 'dev' ? 'development' : 'production']);
  for (const f of ['index.mjs', 'index.d.ts']) fs.copyFileSync(path.join(root, 'js', 'package', f), path.join(root, 'dist', f));
  const out = path.join(root, 'dist', 'amazon-connect-task.js');
  console.log(`built ${path.relative(root, out)} (${fs.statSync(out).size} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function watch() {
  build();
  let timer = null;
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try { build(); } catch (e) { console.error('build failed; waiting for the next change'); }
    }, 200);
  };
  for (const dir of ['src', 'js']) fs.watch(path.join(root, dir), { recursive: true }, rebuild);
  console.log('watching src/ and js/ for changes');
}

if (process.argv.includes('--watch')) watch();
else build();
