#!/usr/bin/env node
// Builds dist/amazon-connect-task.js:
//   cargo (wasm32) + wasm-bindgen, through wasm-pack  ->  pkg/taskjs.js + pkg/taskjs_bg.wasm
//   the module's function names, before they are stripped  ->  pkg/function-names.txt
//   wasm-opt -Oz (npm binaryen)                        ->  smaller pkg/taskjs_bg.wasm
//   wasm-as + wasm-opt: js/wasm-text-decoder.wat       ->  pkg/wasm-text-decoder.wasm
//   webpack (both inlined: the module as text, the decoder as hex)  ->  dist/amazon-connect-task.js
//   js/package/ (ES module entry, types), as they are  ->  dist/index.mjs, dist/index.d.ts
// Nothing rewrites what wasm-bindgen writes. Stable Rust, no extra flags.
// Usage: node scripts/build.js [--release | --dev | --watch] [--if-stale]
//   --if-stale: only when dist/ or pkg/ does not record the digest of what it is built from
//   (scripts/inputs.js; npm start and npm test build this way). A release build records it in
//   both. On a fresh clone pkg/ is missing: the build runs, and rewrites the committed dist/
//   with what the committed sources build (tests/package/release.test.mjs compares them).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const mode = process.argv.includes('--dev') || process.argv.includes('--watch') ? 'dev' : 'release';
// --trap-for-tests DIR: a release build with the `trap-for-tests` feature, into DIR instead of
// pkg/ and dist/ (tests/stress/recovery.test.mjs builds it).
const trapDir = process.argv.includes('--trap-for-tests') ? process.argv[process.argv.indexOf('--trap-for-tests') + 1] : null;

function run(cmd, args, env = {}, { capture = false } = {}) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const stdio = capture ? ['ignore', 'pipe', 'inherit'] : 'inherit';
  return execFileSync(cmd, args, { cwd: root, stdio, env: { ...process.env, ...env }, encoding: 'utf8' });
}

// Applies binaryen's map of minified names ({imports: [[module, name, short]], exports: [[name,
// short]]}) to the glue: the keys of its import object, the module name it files them under, and
// its `wasm.<export>` reads. Then checks the two agree: every import the module names is a key
// of the glue's import object, and every export the glue reads is one the module has.
function minifyGlue(file, map, wasm) {
  const escape = (name) => name.replace(/[$]/g, '\\$&');
  let glue = fs.readFileSync(file, 'utf8');
  for (const [, name, short] of map.imports) {
    glue = glue.replace(new RegExp(`^(\\s+)${escape(name)}(?=: function\\b)`, 'm'), (_, indent) => indent + short);
  }
  for (const [name, short] of map.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), () => `wasm.${short}`);
  }
  const module = new WebAssembly.Module(fs.readFileSync(wasm));
  const imports = WebAssembly.Module.imports(module);
  const [moduleName] = new Set(imports.map((i) => i.module));
  glue = glue.replace(/"\.\/taskjs_bg\.js": import0/, () => `${JSON.stringify(moduleName)}: import0`);
  fs.writeFileSync(file, glue);
  const keys = new Set([...glue.matchAll(/^\s+([\w$]+): function\b/gm)].map((m) => m[1]));
  const missing = imports.filter((i) => i.module !== moduleName || !keys.has(i.name)).map((i) => i.name);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const unknown = [...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]).filter((name) => !exports.has(name));
  if (missing.length || unknown.length || !glue.includes(`${JSON.stringify(moduleName)}: import0`)) {
    throw new Error(`the glue and the minified module disagree: imports not defined ${missing}, exports not there ${unknown}`);
  }
}

// Panic locations name source files: without the machine's own paths (the registry under
// CARGO_HOME, this checkout), the module is the same wherever it is built, and smaller.
// `--remap-path-prefix` is a stable rustc option; it is given to the wasm32 build only.
function remapPaths() {
  const cargoHome = process.env.CARGO_HOME || path.join(require('os').homedir(), '.cargo');
  const flags = [`--remap-path-prefix=${path.join(cargoHome, 'registry', 'src')}=/crates`, `--remap-path-prefix=${root}=`];
  // LLVM's inliner at a lower threshold: the export adapters otherwise inline most of the
  // module, each a copy (measured: about 1.2 KB gzipped less).
  flags.push('-C', 'llvm-args=-inline-threshold=50');
  return { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: flags.join(' ') };
}

// Every function name in the module's name section (wasm-bindgen keeps it; wasm-opt strips it
// below). tests/package/release.test.mjs checks that none of them formats floats.
async function functionNames(wasm) {
  const { default: binaryen } = await import('binaryen');
  const module = binaryen.readBinary(fs.readFileSync(wasm));
  const names = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    names.push(binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name);
  }
  module.dispose();
  return names;
}

// The build is stale when dist/ or pkg/ does not record the digest of what it is built from.
const inputs = require('./inputs');
const OUTPUTS = [path.join(root, 'dist'), path.join(root, 'pkg')];
const stale = () => OUTPUTS.some((dir) => inputs.recorded(dir) !== inputs.digest());

async function build() {
  if (process.argv.includes('--if-stale') && !trapDir && !stale()) {
    console.log('dist/ and pkg/ are up to date');
    return;
  }
  const started = Date.now();
  const release = mode === 'release';
  const pkg = trapDir ? path.resolve(trapDir, 'pkg') : path.join(root, 'pkg');
  const dist = trapDir ? path.resolve(trapDir, 'dist') : path.join(root, 'dist');
  run('wasm-pack', ['build', '--target', 'web', '--out-dir', pkg, '--out-name', 'taskjs',
    '--no-typescript', '--no-pack', release ? '--release' : '--dev',
    ...(trapDir ? ['--features', 'trap-for-tests'] : [])], remapPaths());
  const wasm = path.join(pkg, 'taskjs_bg.wasm');
  fs.writeFileSync(path.join(pkg, 'function-names.txt'), (await functionNames(wasm)).join('\n') + '\n');
  // The module with its names, for looking at what takes the bytes (`twiggy top pkg/named.wasm`):
  // optimised as the release is, with the names kept (wasm-opt -g).
  if (release && !trapDir) {
    run(bin('wasm-opt'), ['--one-caller-inline-max-function-size=20', '-Oz', '--low-memory-unused', '-g', wasm, '-o', path.join(pkg, 'named.wasm')], {}, { capture: true });
  }
  // --low-memory-unused: Rust never puts data in the first KiB of linear memory (the stack
  // sits below 1 MiB and grows down, static data and the heap come after it), which lets
  // wasm-opt fold constant offsets into loads and stores.
  // --minify-imports-and-exports-and-modules: binaryen gives every import and export a short name
  // (wasm-bindgen's are `__wbg_<name>_<hash>`, written in the module and again in the glue) and
  // prints the map, which minifyGlue applies to the glue.
  if (release) {
    const map = run(bin('wasm-opt'), ['--one-caller-inline-max-function-size=20', '-Oz', '--low-memory-unused', '--minify-imports-and-exports-and-modules',
      '--strip-debug', '--strip-producers', '--strip-target-features', wasm, '-o', wasm], {}, { capture: true });
    minifyGlue(path.join(pkg, 'taskjs.js'), JSON.parse(map), wasm);
  }
  // The glue's exports the loader uses, listed from the glue itself: all but its async loader
  // (the default export), which webpack then leaves out of the bundle.
  const glue = fs.readFileSync(path.join(pkg, 'taskjs.js'), 'utf8');
  const names = [...glue.matchAll(/^export (?:function|const|class) (\w+)/gm)].map((m) => m[1]);
  fs.writeFileSync(path.join(pkg, 'exports.js'), `export { initSync, ${names.join(', ')} } from './taskjs.js';\n`);
  // The small module that decodes the embedded wasm text (js/index.js).
  const decoder = path.join(pkg, 'wasm-text-decoder.wasm');
  run(bin('wasm-as'), [path.join('js', 'wasm-text-decoder.wat'), '-o', decoder]);
  run(bin('wasm-opt'), ['-Oz', decoder, '-o', decoder]);
  run(bin('webpack'), ['--mode', release ? 'production' : 'development'], { TASKJS_PKG: pkg, TASKJS_DIST: dist });
  for (const f of ['index.mjs', 'index.d.ts']) fs.copyFileSync(path.join(root, 'js', 'package', f), path.join(dist, f));
  // A release build records what it was built from; a development build is never up to date.
  if (!trapDir) {
    for (const dir of OUTPUTS) {
      if (release) fs.writeFileSync(path.join(dir, inputs.RECORD), inputs.record());
      else fs.rmSync(path.join(dir, inputs.RECORD), { force: true });
    }
  }
  const out = path.join(dist, 'amazon-connect-task.js');
  console.log(`built ${path.relative(root, out)} (${fs.statSync(out).size} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function watch() {
  await build();
  let timer = null;
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      build().catch(() => console.error('build failed; waiting for the next change'));
    }, 200);
  };
  for (const dir of ['src', 'js']) fs.watch(path.join(root, dir), { recursive: true }, rebuild);
  console.log('watching src/ and js/ for changes');
}

(process.argv.includes('--watch') ? watch() : build()).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
