// Bundles js/index.js, the wasm-bindgen glue and the wasm module (inlined as base64) into ONE
// script: dist/amazon-connect-task.js. Run through scripts/build.js, which builds pkg/ first.
const path = require('path');

module.exports = (env, argv) => ({
  entry: './js/index.js',
  mode: argv.mode || 'production',
  // No eval-based source maps: the bundle must run under a CSP without 'unsafe-eval'.
  devtool: false,
  output: {
    filename: 'amazon-connect-task.js',
    path: path.resolve(__dirname, 'dist'),
  },
  module: {
    rules: [{ test: /\.wasm$/, type: 'asset/inline' }],
  },
  performance: { hints: false },
});
