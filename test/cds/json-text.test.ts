// The JSON text kept beside the parsed body: the prototype-poisoning checks still refuse every
// `__proto__` and `constructor.prototype` key, and the prefetch member's text is found as JSON.parse reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayPoison, textFromMember } from '../../src/cds/json-text.ts';
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
