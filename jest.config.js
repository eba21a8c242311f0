/**
 * One Jest run for every test: unit (beside the code), integration and HTTP end-to-end
 * (apps/api/test, on a real PostgreSQL) and browser (tests/browser, real Chromium).
 * The global setup starts an embedded PostgreSQL unless DATABASE_URL is set.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps/api', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@mpp/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@mpp/domain$': '<rootDir>/libs/domain/src/index.ts',
  },
  globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
  testTimeout: 30000,
  slowTestThreshold: 20,
};
