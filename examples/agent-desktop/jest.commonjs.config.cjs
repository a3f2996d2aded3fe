// The same suite on a CommonJS Jest setup (babel-jest): taskjs-rs/testing is ES modules, so it
// must not be left out of the transform as node_modules are by default.
module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  transformIgnorePatterns: ['/node_modules/(?!taskjs-rs/)'],
};
