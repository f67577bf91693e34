// Repeated calls with the same FHIR data (order-select as the order is edited, then order-sign)
// assess once; different data, patient or day assess again; entries expire.
import { describe, expect, it } from 'vitest';
import { AssessmentCache } from '../../src/cds/assessment-cache.ts';
import { assessResources } from '../../src/pipeline.ts';
import { config, hookBody, makeKey, scenarioPrefetch, startCds } from './helpers.ts';

describe('assessment cache', () => {
  it('assesses the same data once across hooks, and again when the data change', async () => {
    const key = await makeKey('ES384');
    let calls = 0;
    const cds = await startCds(
      {
        config: config([key]),
        assessResources: (resources, options) => {
          calls++;
          return assessResources(resources, options);
        },
      },
      key,
    );
    try {
      const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
      const select = await cds.call(
        '/cds-services/nodal-risk-order-select',
        hookBody('order-select', patientId, { prefetch }),
      );
      const sign = await cds.call(
        '/cds-services/nodal-risk-order-sign',
        hookBody('order-sign', patientId, { prefetch }),
      );
      expect(calls).toBe(1);
      const [a, b] = [select, sign].map((r) => (r.json as { cards: { uuid: string; summary: string }[] }).cards[0]);
      expect(a?.summary).toBe(b?.summary);
      expect(a?.uuid).not.toBe(b?.uuid);
      const other = scenarioPrefetch('itc-only');
      await cds.call(
        '/cds-services/nodal-risk-order-sign',
        hookBody('order-sign', other.patientId, { prefetch: other.prefetch }),
      );
      expect(calls).toBe(2);
    } finally {
      await cds.close();
    }
  });

  it('keys on patient and day, expires entries and stays bounded', () => {
    expect(AssessmentCache.key([1], 'p1', '2026-06-01')).not.toBe(AssessmentCache.key([1], 'p2', '2026-06-01'));
    expect(AssessmentCache.key([1], 'p1', '2026-06-01')).not.toBe(AssessmentCache.key([1], 'p1', '2026-06-02'));
    let t = 0;
    const cache = new AssessmentCache(1000, 2, () => t);
    const value = { assessment: {} as never, cards: {} };
    cache.set('a', value);
    cache.set('b', value);
    cache.set('c', value);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(value);
    t = 1000;
    expect(cache.get('c')).toBeUndefined();
  });

  it('looks up by the data as sent, then in canonical form, and computes once', () => {
    const cache = new AssessmentCache();
    let computed = 0;
    const compute = () => (computed++, { assessment: {} as never, cards: {} });
    const observation = { resourceType: 'Observation', id: 'o1', code: { text: 'x' } };
    const data = [[observation], {}];
    const reordered = [[{ code: { text: 'x' }, id: 'o1', resourceType: 'Observation' }], {}];
    const first = cache.lookup(data, 'p1', '2026-06-01', compute);
    expect(cache.lookup(structuredClone(data), 'p1', '2026-06-01', compute)).toBe(first);
    expect(AssessmentCache.exactKey(reordered, 'p1', '2026-06-01')).not.toBe(
      AssessmentCache.exactKey(data, 'p1', '2026-06-01'),
    );
    expect(cache.lookup(reordered, 'p1', '2026-06-01', compute)).toBe(first);
    expect(computed).toBe(1);
    cache.lookup(data, 'p1', '2026-06-02', compute);
    cache.lookup([[{ ...observation, id: 'o2' }], {}], 'p1', '2026-06-01', compute);
    expect(computed).toBe(3);
  });
});
