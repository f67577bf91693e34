// The assessment cache keyed by the prefetch text as sent: the same prefetch (another hookInstance,
// another hook, keys in another order) finds the same entry; different data never do, including a
// body that repeats the prefetch member (JSON.parse keeps the last one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessResources } from '../../src/pipeline.ts';
import { config, hookBody, makeKey, scenarioPrefetch, startCds, type RunningCds } from './helpers.ts';

const SELECT = '/cds-services/nodal-risk-order-select';
const SIGN = '/cds-services/nodal-risk-order-sign';
let cds: RunningCds;
const assessedCounts: number[] = [];

beforeAll(async () => {
  const key = await makeKey('ES384');
  cds = await startCds(
    {
      config: config([key]),
      assessResources: (resources, options) => {
        assessedCounts.push(resources.length);
        return assessResources(resources, options);
      },
    },
    key,
  );
});

afterAll(async () => {
  await cds.close();
});

/** The same JSON with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

async function summary(path: string, body: unknown): Promise<string | undefined> {
  const res = await cds.call(path, body);
  expect(res.status).toBe(200);
  return (res.json as { cards: { summary: string }[] }).cards[0]?.summary;
}

describe('assessment cache by the prefetch text as sent', () => {
  it('one assessment for the same prefetch; another for different data, never the cached one', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const withoutObservations = { ...prefetch, observationsLoinc: { resourceType: 'Bundle', type: 'searchset' } };

    const first = await summary(SELECT, hookBody('order-select', patientId, { prefetch }));
    expect(assessedCounts).toHaveLength(1);
    // Another hookInstance (hookBody draws one per call), then the other hook: same prefetch text.
    expect(await summary(SELECT, hookBody('order-select', patientId, { prefetch }))).toBe(first);
    expect(await summary(SIGN, hookBody('order-sign', patientId, { prefetch }))).toBe(first);
    // The prefetch member first, so the text after it differs by hookInstance: found in canonical form.
    const { hook, hookInstance, context } = hookBody('order-sign', patientId);
    expect(await summary(SIGN, { prefetch, hook, hookInstance, context })).toBe(first);
    // Every object's keys in another order: a different text, the same data.
    expect(await summary(SELECT, hookBody('order-select', patientId, { prefetch: reversed(prefetch) }))).toBe(first);
    expect(assessedCounts).toHaveLength(1);

    const other = await summary(SELECT, hookBody('order-select', patientId, { prefetch: withoutObservations }));
    expect(assessedCounts).toHaveLength(2);
    expect(other).not.toBe(first);
    expect(assessedCounts[1]).toBeLessThan(assessedCounts[0] as number);

    // The first prefetch member is the cached one, but JSON.parse keeps the second: its data count.
    const twice = JSON.stringify(hookBody('order-select', patientId, { prefetch })).replace(
      /\}$/,
      `,"prefetch":${JSON.stringify(withoutObservations)}}`,
    );
    expect(await summary(SELECT, twice)).toBe(other);
    // Same prefetch text, another patient: assessed again.
    await summary(SELECT, hookBody('order-select', `${patientId}-2`, { prefetch }));
    expect(assessedCounts).toHaveLength(3);
  });
});
