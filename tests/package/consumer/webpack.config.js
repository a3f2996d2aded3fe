// A consumer project's webpack config, as an app would write it: nothing about WebAssembly, no
// loaders, no extra assets. The test copies this folder next to a node_modules/taskjs-rs that
// holds exactly what `npm pack` ships, then builds it.
const path = require('path');

module.exports = {
  mode: 'production',
  entry: {
    named: './src/named.js',
    'side-effect': './src/side-effect.js',
    commonjs: './src/commonjs.js',
  },
  output: { filename: '[name].js', path: path.resolve(__dirname, 'dist') },
};
