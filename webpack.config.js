// Bundles js/index.js, the wasm-bindgen glue and the wasm module (inlined as text) into ONE
// script: dist/amazon-connect-task.js. Run through scripts/build.js, which builds pkg/ first
// (and pkg/exports.js, the glue's exports the loader imports).
//
// The file is a plain script (loaded by a script tag after Streams it installs connect.TaskSession
// etc. and defines no other global) and, where a CommonJS `module` exists (require, bundlers),
// it also sets module.exports = {TaskSession, ReferenceType, version}. dist/index.mjs, the ES
// module entry, imports it. Neither needs wasm support from a consumer: the wasm is a string here.
const path = require('path');
const fs = require('fs');
const { BannerPlugin, DefinePlugin, ProvidePlugin } = require('webpack');
const wasmText = require('./scripts/wasm-text');

// The crate's version (Cargo.toml; package.json must say the same: tests/package/release.test.mjs).
const VERSION = fs.readFileSync(path.join(__dirname, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];

const EXPORTS = '__taskjs_exports';

module.exports = (env, argv) => ({
  entry: './js/index.js',
  mode: argv.mode || 'production',
  // No eval-based source maps: the bundle must run under a CSP without 'unsafe-eval'.
  devtool: false,
  output: {
    filename: 'amazon-connect-task.js',
    // scripts/build.js --trap-for-tests builds elsewhere (TASKJS_PKG, TASKJS_DIST).
    path: process.env.TASKJS_DIST || path.resolve(__dirname, 'dist'),
    // `var` keeps webpack's exports in a variable, which the wrapper below makes local.
    library: { type: 'var', name: EXPORTS },
  },
  // webpack's stand-in for a `global` reference would bring a `new Function('return this')`
  // fallback, which a strict CSP forbids. Leave `global` alone.
  node: { global: false },
  resolve: { alias: { 'taskjs-pkg': process.env.TASKJS_PKG || path.resolve(__dirname, 'pkg') } },
  module: {
    // wasm-bindgen's async loader finds the .wasm at `new URL('taskjs_bg.wasm', import.meta.url)`,
    // which webpack would emit as a separate file. We only use initSync with the inlined bytes:
    // leave that expression alone (it is dead code, and minification drops it).
    parser: { javascript: { url: false } },
    // The wasm, as a string (scripts/wasm-text.js explains the encoding), and the 150-byte
    // module that decodes it, as hex; js/index.js decodes the one with the other.
    rules: [
      { test: /taskjs_bg\.wasm$/, type: 'asset/inline', generator: { dataUrl: (bytes) => wasmText.encode(bytes) } },
      { test: /wasm-text-decoder\.wasm$/, type: 'asset/inline', generator: { dataUrl: (bytes) => bytes.toString('hex') } },
    ],
  },
  plugins: [
    new DefinePlugin({ 'process.env.TASKJS_VERSION': JSON.stringify(VERSION) }),
    // The glue and the loader use TextEncoder/TextDecoder, which jsdom lacks: js/text-codec.js
    // gives them the native ones where they exist, a UTF-8 fallback elsewhere.
    new ProvidePlugin({
      TextEncoder: [path.resolve(__dirname, 'js/text-codec.js'), 'TextEncoder'],
      TextDecoder: [path.resolve(__dirname, 'js/text-codec.js'), 'TextDecoder'],
    }),
    // Added before minification, so terser sees (and shrinks) the whole wrapper.
    new BannerPlugin({ raw: true, banner: '(function () {' }),
    new BannerPlugin({
      raw: true,
      footer: true,
      banner: `if (typeof module === 'object' && module && typeof module.exports === 'object') module.exports = ${EXPORTS};\n})();`,
    }),
  ],
  performance: { hints: false },
});
