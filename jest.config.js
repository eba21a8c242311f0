/**
 * One Jest run for every test, in three projects:
 * - unit: pure code beside its source (libs, apps/api/src) and the repository checks (tests/repo);
 *   no database, so `npx jest --selectProjects unit` runs without starting PostgreSQL;
 * - integration: apps/api/test, the API on a real PostgreSQL;
 * - browser: tests/browser, the built apps in real Chromium against the API on PostgreSQL.
 * The integration and browser projects share one global setup, which starts an embedded
 * PostgreSQL unless DATABASE_URL is set (Jest runs a global setup only when a test of its project
 * is selected, and the same module once per run).
 * @type {import('jest').Config}
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@mpp/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@mpp/domain$': '<rootDir>/libs/domain/src/index.ts',
  },
};

const withPostgres = {
  globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/libs', '<rootDir>/apps/api/src', '<rootDir>/tests/repo'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...shared,
      ...withPostgres,
      displayName: 'integration',
      roots: ['<rootDir>/apps/api/test'],
      testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      ...withPostgres,
      displayName: 'browser',
      roots: ['<rootDir>/tests/browser'],
      testMatch: ['**/*.browser-spec.ts'],
    },
  ],
  // Twice what the slowest default-timed test takes on a loaded two-core CI machine (two workers,
  // Chromium and PostgreSQL beside them): a test at 29 s of 30 failed there once under load.
  testTimeout: 60000,
  slowTestThreshold: 20,
};
