// Jest runs TypeScript through SWC as CommonJS. better-auth and a few of its dependencies ship only
// as ES modules, so they are transformed too (Node itself loads them through require(esm)).
const esmPackages = ['better-auth', '@better-auth', 'better-call', '@better-fetch', 'nanostores', 'jose', 'rou3', 'defu', 'uncrypto', 'kysely', '@noble'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // The Temporal native runtime keeps a handle open after teardown (sdk-typescript#928).
  forceExit: true,
};
