import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything but the browser tests, no build) and `e2e` (browser tests
// against the production build of the app, built once in the e2e global setup).
// `npm run test:unit` runs the first alone; `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files share their worker's module graph instead of re-importing it each (fastify, ajv,
          // vega, the medplum definitions indexed once per worker): two thirds of the suite's CPU.
          // What a file stubs is undone after it (file-reset.ts); module state in src/ must not
          // carry one file's data into another (per-instance state, caches keyed by input). A
          // file that needs a fresh module graph (vi.mock) needs a project of its own.
          isolate: false,
          setupFiles: ['test/helpers/file-reset.ts'],
          // Two workers on two cores: the default (cores - 1) leaves one idle while a file waits
          // on a subprocess or a server.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          // Browser tests share one chromium per file; give them room on a 2-core machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
