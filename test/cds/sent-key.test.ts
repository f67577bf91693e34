// The assessment cache keyed by the prefetch text as sent: the same prefetch (another hookInstance,
// another hook, keys in another order) finds the same entry; different data never do, including a
// body that repeats the prefetch member (JSON.parse keeps the last one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentCache, SentKeys, utcDayMemo } from '../../src/cds/assessment-cache.ts';
import { assessResources } from '../../src/pipeline.ts';
import { config, hookBody, makeKey, reversedKeys, scenarioPrefetch, startCds, type RunningCds } from './helpers.ts';

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
    expect(await summary(SELECT, hookBody('order-select', patientId, { prefetch: reversedKeys(prefetch) }))).toBe(
      first,
    );
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

describe('SentKeys', () => {
  it('gives the SHA-256 sent key of each text, remembered or not', () => {
    let t = 0;
    const keys = new SentKeys(1000, 2, 64, () => t);
    const text = '{"patient":{"resourceType":"Patient","id":"p1"}}';
    const same = JSON.parse(JSON.stringify({ text })).text as string;
    const sameLength = text.replace('p1', 'p2');
    const expected = (s: string, patientId = 'p1') => AssessmentCache.sentKey(s, 'generic', patientId, '2026-06-01');
    expect(keys.key(text, 'generic', 'p1', '2026-06-01')).toBe(expected(text));
    expect(keys.key(same, 'generic', 'p1', '2026-06-01')).toBe(expected(text));
    expect(keys.key(sameLength, 'generic', 'p1', '2026-06-01')).toBe(expected(sameLength));
    expect(expected(sameLength)).not.toBe(expected(text));
    expect(keys.key(text, 'generic', 'p1', '2026-06-01')).toBe(expected(text));
    expect(keys.key(text, 'generic', 'p2', '2026-06-01')).toBe(expected(text, 'p2'));
    expect(expected(text, 'p2')).not.toBe(expected(text));
    expect(AssessmentCache.sentKey(text, 'epic', 'p1', '2026-06-01')).not.toBe(expected(text));
    t = 1000;
    expect(keys.key(text, 'generic', 'p1', '2026-06-01')).toBe(expected(text));
    const long = `${text}${' '.repeat(64)}`;
    expect(keys.key(long, 'generic', 'p1', '2026-06-01')).toBe(expected(long));
  });
});

describe('utcDayMemo', () => {
  it('gives toISOString’s day for each date, across midnight and before 1970', () => {
    const dayOf = utcDayMemo();
    const dates = [
      '2026-12-02T23:59:59.999Z',
      '2026-12-02T00:00:00.000Z',
      '2026-12-03T00:00:00.000Z',
      '2026-12-02T12:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2026-12-03T08:00:00.000+09:00',
    ];
    for (const iso of dates) {
      const date = new Date(iso);
      expect(dayOf(date)).toBe(date.toISOString().slice(0, 10));
    }
  });

  it('throws for an invalid date, as toISOString does', () => {
    const dayOf = utcDayMemo();
    expect(() => dayOf(new Date('not a date'))).toThrow(RangeError);
    expect(() => dayOf(new Date('not a date'))).toThrow(RangeError);
  });
});
