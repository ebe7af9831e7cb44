import { defineConfig } from 'vitest/config';

// One config, three projects. Unit tests sit beside the code they test and need no broker;
// integration tests (*.int.test.ts) talk to the real broker started once per run by the
// testkit's global setup; end-to-end tests in test/ run services as processes.
// Both also get one schema registry (Apicurio, Confluent API) per run.
const brokerSetup = ['./packages/testkit/src/global-setup.ts', './packages/testkit/src/registry-setup.ts'];
const sources = ['packages/*/src/**', 'packages/*/test/**', 'services/*/src/**', 'services/*/test/**', 'deploy/*/src/**', 'deploy/*/test/**'];

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.cache/test-results.json' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          // Projects run one after another: unit tests first, then the broker-backed ones.
          sequence: { groupOrder: 0 },
          include: sources.map((dir) => `${dir}/*.test.ts`),
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: [...sources.map((dir) => `${dir}/*.int.test.ts`), 'test/*/**/*.int.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          globalSetup: brokerSetup,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: brokerSetup,
          testTimeout: 300_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
