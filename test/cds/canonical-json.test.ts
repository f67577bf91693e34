// The cache key's canonical JSON: the same data in any key order serialise alike, and the text is
// the data (it parses back to an equal value, with keys in sorted order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/cds/json-guard.ts';
import { reversedKeys } from './helpers.ts';

describe('canonicalJson', () => {
  it('is JSON of the same data, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reversedKeys(value))).toBe(text);
      }),
    );
  });

  it('writes object keys in sorted order and drops undefined members', () => {
    expect(canonicalJson({ b: [1, 'x', null], a: { d: true, c: undefined, é: 1 }, A: -0.5 })).toBe(
      '{"A":-0.5,"a":{"d":true,"é":1},"b":[1,"x",null]}',
    );
  });
});
