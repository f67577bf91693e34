// Crafted prefetch and feedback: deep nesting and non-string resource fields get a 400 with a
// message (never a 500); the assessment cache keys on the data in canonical form; feedback logs
// carry codes only, never free text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentCache } from '../../src/cds/assessment-cache.ts';
import { assessResources } from '../../src/pipeline.ts';
import { config, hookBody, makeKey, scenarioPrefetch, startCds, type RunningCds } from './helpers.ts';

const SELECT = '/cds-services/nodal-risk-order-select';
const SIGN = '/cds-services/nodal-risk-order-sign';
let cds: RunningCds;
let assessed = 0;

beforeAll(async () => {
  const key = await makeKey('ES384');
  cds = await startCds(
    {
      config: config([key], { bodyLimitBytes: 4 * 1024 * 1024 }),
      assessResources: (resources, options) => {
        assessed++;
        return assessResources(resources, options);
      },
    },
    key,
  );
});

afterAll(async () => {
  await cds.close();
});

/** `{"extension":[{"extension":[…]}]}` nested `depth` levels, as raw JSON text. */
function nested(depth: number): string {
  return '{"extension":['.repeat(depth) + '{}' + ']}'.repeat(depth);
}

describe('crafted prefetch → 400 with a message', () => {
  for (const depth of [5_000, 100_000]) {
    it(`nesting ${depth} levels inside a prefetched resource`, async () => {
      const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
      const body = JSON.stringify(
        hookBody('order-sign', patientId, {
          prefetch: { ...prefetch, patient: { resourceType: 'Patient', id: patientId, placeholder: 0 } },
        }),
      );
      const res = await cds.call(SIGN, body.replace('"placeholder":0', `"deep":${nested(depth)}`));
      expect(res.status).toBe(400);
      expect((res.json as { message?: string }).message).toBe('body nests deeper than 64 levels');
    });
  }

  it('resourceType {"toString": …} on a Bundle entry', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const conditions = prefetch.conditions as { entry: unknown[] };
    const crafted = {
      ...prefetch,
      conditions: { ...conditions, entry: [{ resource: { resourceType: { toString: 'x' }, id: 'c1' } }] },
    };
    const res = await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch: crafted }));
    expect(res.status).toBe(400);
    expect((res.json as { message?: string }).message).toBe(
      '/prefetch/conditions/entry/0/resource/resourceType must be a string',
    );
  });

  it('an id that is not a string', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const conditions = prefetch.conditions as { entry: unknown[] };
    const crafted = {
      ...prefetch,
      conditions: { ...conditions, entry: [{ resource: { resourceType: 'Condition', id: { toString: 'x' } } }] },
    };
    const res = await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch: crafted }));
    expect(res.status).toBe(400);
    expect((res.json as { message?: string }).message).toBe(
      '/prefetch/conditions/entry/0/resource/id must be a string',
    );
  });
});

describe('assessment cache key', () => {
  it('is of the data in canonical form: reordered keys and a new hookInstance assess once', async () => {
    const { patientId, prefetch } = scenarioPrefetch('three-positive-sentinel-nodes');
    const reordered = JSON.parse(JSON.stringify(prefetch), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as Record<string, unknown>;
    const before = assessed;
    expect((await cds.call(SELECT, hookBody('order-select', patientId, { prefetch }))).status).toBe(200);
    expect((await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch: reordered }))).status).toBe(200);
    expect(assessed - before).toBe(1);
  });

  it('is undefined (no caching) for data nesting past the limit, instead of throwing', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(AssessmentCache.key([deep], 'p1', '2026-06-01')).toBeUndefined();
    expect(AssessmentCache.key([{ b: 1, a: 2 }], 'p1', '2026-06-01')).toBe(
      AssessmentCache.key([{ a: 2, b: 1 }], 'p1', '2026-06-01'),
    );
  });
});

describe('feedback logs codes only', () => {
  it('a reason code with a name in it, or 1 MB of text, is withheld; a code is logged', async () => {
    const feedback = (code: string, card = '0b6d1cc5-0000-4000-8000-000000000002') => ({
      feedback: [
        {
          card,
          outcome: 'overridden',
          overrideReason: { reason: { system: 'urn:x', code } },
          outcomeTimestamp: '2026-06-01T12:00:00Z',
        },
      ],
    });
    cds.logs.length = 0;
    expect((await cds.call(`${SELECT}/feedback`, feedback('Mrs Jane Example declined'))).status).toBe(200);
    expect((await cds.call(`${SELECT}/feedback`, feedback('x'.repeat(1024 * 1024)))).status).toBe(200);
    expect((await cds.call(`${SELECT}/feedback`, feedback('patient-preference', 'Jane Example card'))).status).toBe(
      200,
    );
    const logs = cds.logs.join('');
    expect(logs).not.toContain('Jane');
    expect(logs).not.toContain('x'.repeat(100));
    expect(logs).toContain('"reason":"patient-preference"');
    expect(logs.length).toBeLessThan(10_000);
  });
});
