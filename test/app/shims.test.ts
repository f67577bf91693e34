// The stand-ins the app build puts under fhirclient (vite.config.ts aliases) must behave like the
// packages they replace, for what fhirclient uses of them.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const base64 = require('../../src/app/shims/base64.cjs') as {
  fromUint8Array(bytes: Uint8Array, urlsafe?: boolean): string;
  encode(text: string, urlsafe?: boolean): string;
  encodeURL(text: string): string;
  decode(input: string): string;
};
const jsBase64 = require('js-base64') as typeof base64;
const debug = require('../../src/app/shims/debug.cjs') as (
  ns: string,
) => ((...a: unknown[]) => void) & { extend(ns: string): unknown; enabled: boolean };

describe('base64 stand-in', () => {
  it('matches js-base64 and Node for bytes, text, and both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (bytes, text) => {
        expect(base64.fromUint8Array(bytes, true)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64.fromUint8Array(bytes, true)).toBe(jsBase64.fromUint8Array(bytes, true));
        expect(base64.fromUint8Array(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64.encodeURL(text)).toBe(jsBase64.encodeURL(text));
        expect(base64.decode(base64.encodeURL(text))).toBe(text);
        expect(base64.decode(Buffer.from(text).toString('base64'))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
  it('decodes a JWT payload (base64url, no padding)', () => {
    const payload = {
      sub: 'Practitioner/dr-rivera',
      name: 'Ærø Ødegård',
      fhirUser: 'https://ehr.example/fhir/Practitioner/1',
    };
    expect(JSON.parse(base64.decode(Buffer.from(JSON.stringify(payload)).toString('base64url')))).toEqual(payload);
  });
});

describe('debug stand-in', () => {
  it('is a silent logger factory with extend()', () => {
    const log = debug('FHIR');
    expect(log('anything')).toBeUndefined();
    expect(log.enabled).toBe(false);
    expect(typeof (log.extend('client') as () => void)).toBe('function');
  });
});
