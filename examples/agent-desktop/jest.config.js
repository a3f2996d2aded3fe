// Jest with the jsdom environment, the tests as ES modules (npm test runs Node with
// --experimental-vm-modules), no transform.
export default {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  transform: {},
};
