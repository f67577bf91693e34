// The JSON text kept beside the parsed body: the prototype-poisoning checks still refuse every
// `__proto__` and `constructor.prototype` key, and the prefetch member's text is found as JSON.parse reads it.
// A prefetch text sent again skips the poisoning scan and the depth walk it passed before; what
// precedes it in the body is checked as ever, and a text that failed a check is never vetted.
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayPoison, textFromMember, VettedPrefetch } from '../../src/cds/json-text.ts';
import { config, hookBody, makeKey, scenarioPrefetch, startCds, type RunningCds } from './helpers.ts';

describe('textFromMember', () => {
  it('is the text from the member value to the end, past keys and strings that look alike', () => {
    const json = '{"a":"x\\"}\\\\","b":[{"prefetch":1},"prefetch"] , "prefetch" : {"k":[1,{"z":"}"}]},"c":null}';
    expect(textFromMember(json, 'prefetch')).toBe('{"k":[1,{"z":"}"}]},"c":null}');
    expect(textFromMember(' \n{"prefetch":null}', 'prefetch')).toBe('null}');
    expect(textFromMember('{"n":-1.5e3,"t":true,"prefetch":{}}', 'prefetch')).toBe('{}}');
  });

  it('is undefined when the member is absent, nested, spelt with escapes or the text is no object', () => {
    expect(textFromMember('{"context":{"prefetch":{}}}', 'prefetch')).toBeUndefined();
    expect(textFromMember('{"pre\\u0066etch":{}}', 'prefetch')).toBeUndefined();
    expect(textFromMember('{"prefetchX":{}}', 'prefetch')).toBeUndefined();
    expect(textFromMember('{}', 'prefetch')).toBeUndefined();
    expect(textFromMember('[{"prefetch":{}}]', 'prefetch')).toBeUndefined();
  });

  it('includes a repeated member, the one JSON.parse keeps', () => {
    const json = '{"prefetch":{"a":1},"hook":"x","prefetch":{"a":2}}';
    expect(JSON.parse(json).prefetch).toEqual({ a: 2 });
    expect(textFromMember(json, 'prefetch')).toContain('{"a":2}');
  });
});

const SIGN = '/cds-services/nodal-risk-order-sign';
let cds: RunningCds;

beforeAll(async () => {
  const key = await makeKey('ES384');
  cds = await startCds({ config: config([key]) }, key);
});

afterAll(async () => {
  await cds.close();
});

describe('prototype poisoning', () => {
  it('names the texts that need the full check', () => {
    expect(mayPoison('{"a":"b"}')).toBe(false);
    expect(mayPoison('{"__proto__":{}}')).toBe(true);
    expect(mayPoison('{"\\u005f_proto__":{}}')).toBe(true);
    expect(mayPoison('{"constructor":{"prototype":{}}}')).toBe(true);
    expect(mayPoison('{"text":"caf\\u00e9"}')).toBe(true);
    expect(mayPoison('{"device":"conductor","code":"c"}')).toBe(false);
    expect(mayPoison('{"a":"conductor","b":{"constructor":{"prototype":{}}}}')).toBe(true);
  });

  for (const [name, member] of [
    ['__proto__', '"__proto__":{"polluted":true}'],
    ['__proto__ with escapes', '"\\u005f\\u005Fproto__":{"polluted":true}'],
    ['constructor.prototype', '"constructor":{"prototype":{"polluted":true}}'],
  ]) {
    it(`a ${name} key anywhere in the body → 400`, async () => {
      const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
      const body = JSON.stringify(hookBody('order-sign', patientId, { prefetch })).replace(
        '"resourceType":"Condition"',
        `${member as string},"resourceType":"Condition"`,
      );
      expect(body).toContain(member);
      const res = await cds.call(SIGN, body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'invalid request', message: 'body is not valid JSON' });
    });
  }

  it('a clean body with an escaped character is parsed as sent', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const body = JSON.stringify(hookBody('order-sign', patientId, { prefetch })).replace(
      '"resourceType":"Condition"',
      '"note":[{"text":"caf\\u00e9"}],"resourceType":"Condition"',
    );
    expect((await cds.call(SIGN, body)).status).toBe(200);
  });
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
