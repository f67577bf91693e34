// The guards every CDS request body passes before anything recurses into it.
import { describe, expect, it } from 'vitest';
import { badResourceField, nestsDeeperThan } from '../../src/cds/json-guard.ts';
import { checkHookRequest } from '../../src/cds/request-schema.ts';

/** `levels` arrays nested in one another, as parsed JSON. */
function arrays(levels: number): unknown {
  return JSON.parse('['.repeat(levels) + ']'.repeat(levels));
}

describe('nestsDeeperThan', () => {
  it('counts the outermost value as level 1 and stops at the limit', () => {
    expect(nestsDeeperThan(arrays(64), 64)).toBe(false);
    expect(nestsDeeperThan(arrays(65), 64)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: arrays(61) }] }, 64)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: arrays(62) }] }, 64)).toBe(true);
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(nestsDeeperThan(arrays(1_000_000), 64)).toBe(true);
  });

  it('is false for scalars', () => {
    for (const value of [null, 0, 'text', true, undefined]) expect(nestsDeeperThan(value, 64)).toBe(false);
  });
});

describe('badResourceField', () => {
  it('names the prefetched resource or entry whose resourceType or id is not a string', () => {
    expect(badResourceField({ patient: { resourceType: 7 } })).toBe('/prefetch/patient/resourceType must be a string');
    expect(badResourceField({ patient: { resourceType: 'Patient', id: ['p'] } })).toBe(
      '/prefetch/patient/id must be a string',
    );
    expect(badResourceField({ b: { resourceType: 'Bundle', entry: {} } })).toBe('/prefetch/b/entry must be an array');
    expect(badResourceField({ b: { resourceType: 'Bundle', entry: [{}, 'x'] } })).toBe(
      '/prefetch/b/entry/1 must be an object',
    );
    expect(badResourceField({ b: { resourceType: 'Bundle', entry: [{ resource: [] }] } })).toBe(
      '/prefetch/b/entry/0/resource must be an object',
    );
  });

  it('passes null keys, entries without a resource, and well-typed resources', () => {
    const bundle = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }, {}] };
    expect(badResourceField({ none: null, bundle, patient: { resourceType: 'Patient' } })).toBeUndefined();
    expect(badResourceField(undefined)).toBeUndefined();
  });
});

describe('prefetch values in the hook request schema', () => {
  const body = (prefetch: unknown) => ({
    hook: 'patient-view',
    hookInstance: 'h-1',
    context: { userId: 'Practitioner/p1', patientId: 'pat-1' },
    prefetch,
  });

  it('are null or an object with a non-empty resourceType', () => {
    expect(checkHookRequest('patient-view', body({ a: null, b: { resourceType: 'Patient' } })).ok).toBe(true);
    for (const value of ['Jane', 3, [], {}, { resourceType: '' }, { resourceType: 1 }]) {
      const checked = checkHookRequest('patient-view', body({ a: value }));
      expect(checked.ok, JSON.stringify(value)).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/^\/prefetch\/a/);
    }
  });
});

/** `{"extension":[{"extension":[…]}]}` nested `depth` levels, as raw JSON text. */
function nested(depth: number): string {
  return '{"extension":['.repeat(depth) + '{}' + ']}'.repeat(depth);
}

describe('nestsDeeperThan with a member left out', () => {
  it('walks every other member to the same limit', () => {
    const deep = JSON.parse(nested(70)) as unknown;
    expect(nestsDeeperThan({ prefetch: deep, context: {} }, 64, 'prefetch')).toBe(false);
    expect(nestsDeeperThan({ prefetch: deep, context: {} }, 64)).toBe(true);
    expect(nestsDeeperThan({ prefetch: {}, context: deep }, 64, 'prefetch')).toBe(true);
    expect(nestsDeeperThan({ a: JSON.parse(nested(31)) as unknown }, 64, 'prefetch')).toBe(false);
    expect(nestsDeeperThan({ a: JSON.parse(nested(32)) as unknown }, 64, 'prefetch')).toBe(true);
    expect(nestsDeeperThan([deep], 64, 'prefetch')).toBe(true);
  });
});
