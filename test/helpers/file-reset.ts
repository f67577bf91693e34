// Setup file of the unit project, whose test files run one after another in a shared worker
// (isolate: false): what one file stubs or fakes must not leak into the next.
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
