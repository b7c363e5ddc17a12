// The conformance suite's Jest config; `run.js` drives it.
export default {
  rootDir: '.',
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/**/*.test.js'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/fixtures/'],
  globalSetup: '<rootDir>/harness/global-setup.js',
  testTimeout: 60_000,
  // Builds and sleeps overlap; two workers on two cores.
  maxWorkers: 2,
}
