// Only for `npm run test:commonjs` (Jest without ES modules): babel-jest makes CommonJS of the
// tests, the app and taskjs-rs/testing. The ES-module run (npm test) transforms nothing.
module.exports = { presets: [['@babel/preset-env', { targets: { node: 'current' } }]] };
