import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Settings shared by the projects `npm run test:unit` runs. Files share their worker's module
 * graph instead of re-importing it each (fastify, ajv, vega, the medplum definitions indexed once
 * per worker): two thirds of the suite's CPU. What a file stubs is undone after it
 * (file-reset.ts); module state in src/ must not carry one file's data into another (keep state
 * per instance, caches keyed by their input). A file that needs a fresh module graph (vi.mock)
 * needs a project of its own with the default isolation.
 */
function unitProject(test: NonNullable<TestProjectInlineConfiguration['test']>): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      testTimeout: 30_000,
      hookTimeout: 60_000,
      isolate: false,
      setupFiles: ['test/helpers/file-reset.ts'],
      // Two workers on two cores: the default (cores - 1) leaves one idle while a file waits on a
      // subprocess or a server. Projects with their own maxWorkers need their own groupOrder (the
      // e2e project keeps 0 and the default worker count), so `npm test` runs e2e, then these.
      maxWorkers: 2,
      sequence: { groupOrder: 1 },
      ...test,
    },
  };
}

// Projects: `unit` and `unit-dom` (everything but the browser tests, no build) and `e2e` (browser
// tests against the production build of the app, built once in the e2e global setup).
// `npm run test:unit` runs the first two; `npm test` runs all.
export default defineConfig({
  test: {
    projects: [
      unitProject({
        name: 'unit',
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**'],
        environment: 'node',
      }),
      // The component tests (*.test.tsx) in a project of their own: a worker is reused only by the
      // next file of the same project and environment, so mixing them in would restart node workers.
      unitProject({ name: 'unit-dom', include: ['test/**/*.test.tsx'], environment: 'happy-dom' }),
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
