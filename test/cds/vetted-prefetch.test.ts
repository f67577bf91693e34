// A prefetch text sent again skips the poisoning scan and the depth walk it passed before; what
// precedes it in the body is checked as ever, and a text that failed a check is never vetted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { nestsDeeperThan } from '../../src/cds/json-guard.ts';
import { VettedPrefetch } from '../../src/cds/json-text.ts';
import { config, hookBody, makeKey, scenarioPrefetch, startCds, type RunningCds } from './helpers.ts';

const SIGN = '/cds-services/nodal-risk-order-sign';
let cds: RunningCds;

beforeAll(async () => {
  const key = await makeKey('ES384');
  cds = await startCds({ config: config([key]) }, key);
});

afterAll(async () => {
  await cds.close();
});

/** `{"extension":[{"extension":[…]}]}` nested `depth` levels, as raw JSON text. */
function nested(depth: number): string {
  return '{"extension":['.repeat(depth) + '{}' + ']}'.repeat(depth);
}

/** An order-sign body with the prefetch member last, and `head` JSON members put first in its context. */
function body(prefetch: unknown, head = ''): string {
  const { patientId } = scenarioPrefetch('micrometastasis');
  const text = JSON.stringify(hookBody('order-sign', patientId, { prefetch }));
  return head ? text.replace('"context":{', `"context":{${head},`) : text;
}

async function message(text: string): Promise<[number, string | undefined]> {
  const res = await cds.call(SIGN, text);
  return [res.status, (res.json as { message?: string } | undefined)?.message];
}

describe('a prefetch text sent again', () => {
  const { prefetch } = scenarioPrefetch('micrometastasis');

  it('still gets the members before it checked for poisoning keys and depth', async () => {
    expect((await message(body(prefetch)))[0]).toBe(200);
    expect((await message(body(prefetch)))[0]).toBe(200);
    for (const head of [
      '"__proto__":{"polluted":1}',
      '"\\u005f_proto__":{"polluted":1}',
      '"constructor":{"prototype":{}}',
    ])
      expect(await message(body(prefetch, head))).toEqual([400, 'body is not valid JSON']);
    expect(await message(body(prefetch, `"deep":${nested(100)}`))).toEqual([400, 'body nests deeper than 64 levels']);
    expect((await message(body(prefetch, '"note":"a conductor"')))[0]).toBe(200);
  });

  it('is refused every time when it nests too deeply or holds a poisoning key', async () => {
    const patient = { resourceType: 'Patient', id: 'p', placeholder: 0 };
    const deep = body({ ...prefetch, patient }).replace('"placeholder":0', `"deep":${nested(100)}`);
    const poisoned = body({ ...prefetch, patient }).replace('"placeholder":0', '"__proto__":{"polluted":1}');
    for (let i = 0; i < 2; i++) {
      expect(await message(deep)).toEqual([400, 'body nests deeper than 64 levels']);
      expect(await message(poisoned)).toEqual([400, 'body is not valid JSON']);
    }
  });
});

describe('VettedPrefetch', () => {
  const request = (fields: Partial<FastifyRequest>) => fields as FastifyRequest;

  it('remembers a text only from a body free of poisoning keys', () => {
    const vetted = new VettedPrefetch();
    const text = '{"patient":{"resourceType":"Patient","id":"p1"}}}';
    vetted.vetted(request({ prefetchText: text, poisonFree: false, prefetchVetted: false }));
    expect(vetted.find(text)).toBeUndefined();
    vetted.vetted(request({ prefetchText: text, poisonFree: true, prefetchVetted: false }));
    expect(vetted.find(JSON.parse(JSON.stringify({ text })).text as string)).toBe(text);
    expect(vetted.find(text.replace('p1', 'p2'))).toBeUndefined();
  });
});

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
