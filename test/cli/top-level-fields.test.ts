// The grouping's first pass reads only the top-level fields that say whose a line is; they must be
// exactly what JSON.parse gives, or nothing (the line is then parsed in full).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topLevelFields } from '../../src/cli/top-level-fields.ts';

const WANTED = ['resourceType', 'id', 'subject', 'patient', 'securityContext'];

function wanted(parsed: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(WANTED.filter((k) => k in parsed).map((k) => [k, parsed[k]]));
}

describe('top-level fields of a resource line', () => {
  it('reads a Bulk export line as JSON.parse does, skipping nested look-alikes', () => {
    const line = JSON.stringify({
      resourceType: 'Observation',
      contained: [{ resourceType: 'Patient', id: 'other', subject: { reference: 'Patient/other' } }],
      note: [{ text: 'quote \\" and brace } in "text", "subject": {"reference": "Patient/x"}' }],
      subject: { reference: 'Patient/p1', display: 'A\tB' },
      id: 'o1',
      valueQuantity: { value: -1.5e-3 },
      flag: true,
      nothing: null,
    });
    expect(topLevelFields(line)).toEqual({
      resourceType: 'Observation',
      id: 'o1',
      subject: { reference: 'Patient/p1', display: 'A\tB' },
    });
  });

  it('keeps the last of duplicate keys, decodes escaped keys, and gives up on what is not one object', () => {
    expect(topLevelFields('{"id":"a","id":"b","resourceType":"Patient"}')).toEqual({
      id: 'b',
      resourceType: 'Patient',
    });
    expect(topLevelFields('{"\\u0069d":"x","resourceType":"Patient"}')).toEqual({ id: 'x', resourceType: 'Patient' });
    for (const bad of ['', '[1]', '{"id": "a"', '{"id": "a"} x', '{"id" "a"}', '{"id": "a",}', '"x"'])
      expect(topLevelFields(bad), bad).toBeUndefined();
  });

  it('skips top-level literals up to their delimiter, and gives up on an empty or unended one', () => {
    expect(topLevelFields('{"n":12 ,"id":"x","b":false,"z":null}')).toEqual({ id: 'x' });
    expect(topLevelFields('{"id":"x","n":-1.5e3}')).toEqual({ id: 'x' });
    for (const bad of ['{"n":,"id":"x"}', '{"id":"x","n":}', '{"id":"x","n":12', '{"id":"x","n":12 '])
      expect(topLevelFields(bad), bad).toBeUndefined();
  });

  it('tells wanted keys from others of the same length, escaped or not', () => {
    expect(topLevelFields('{"patiens":"a","subjecT":"b","ID":"c","i":"d","resourceTypes":"e"}')).toEqual({});
    expect(topLevelFields('{"\\u0073ubject":{"reference":"Patient/p"},"patient\\n":"x"}')).toEqual({
      subject: { reference: 'Patient/p' },
    });
    expect(topLevelFields('{"\\"id":"x","id":"y"}')).toEqual({ id: 'y' });
    expect(topLevelFields('{"i\u0001d":"x"}')).toBeUndefined(); // a raw control character in a key
  });

  it('reads a line among others in one buffer by its bytes, never past its end', () => {
    const a = '{"resourceType":"Patient","id":"é1"}';
    const b = '{"resourceType":"Observation","subject":{"reference":"Patient/p2"},"id":"o"}';
    const bytes = Buffer.from(`${a}\n${b}\n{"id":"cut"`);
    const aEnd = Buffer.byteLength(a);
    const bEnd = aEnd + 1 + Buffer.byteLength(b);
    expect(topLevelFields(bytes, 0, aEnd)).toEqual({ resourceType: 'Patient', id: 'é1' });
    expect(topLevelFields(bytes, aEnd + 1, bEnd)).toEqual(JSON.parse(b));
    // A line cut short is not one object, even where the bytes after it would close it.
    expect(topLevelFields(bytes, 0, aEnd - 1)).toBeUndefined();
    expect(topLevelFields(bytes, bEnd + 1, bytes.length)).toBeUndefined();
    expect(topLevelFields(Buffer.from('{"id":"a"} {"id":"b"}'), 0, 11)).toEqual({ id: 'a' });
  });

  it('leaves strings with escapes or raw control characters to JSON.parse', () => {
    expect(topLevelFields('{"id":"a\\"b","resourceType":"Patient"}')).toEqual({ id: 'a"b', resourceType: 'Patient' });
    expect(topLevelFields('{"id":"a\tb"}')).toBeUndefined(); // a raw tab: JSON.parse rejects the line
  });

  it('reads a reference object as JSON.parse does, whatever its string holds', () => {
    expect(topLevelFields('{"subject":{"reference":"Patient/p"}}')).toEqual({ subject: { reference: 'Patient/p' } });
    expect(topLevelFields('{"subject":{"reference":"a","display":"b"}}')).toEqual({
      subject: { reference: 'a', display: 'b' },
    });
    expect(topLevelFields('{"patient":{"reference":"P\\\\"}}')).toEqual({ patient: { reference: 'P\\' } });
    expect(topLevelFields('{"subject":{"reference":"a\tb"}}')).toBeUndefined(); // a raw tab
    const reference = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(reference, fc.option(fc.string(), { nil: undefined }), (ref, display) => {
        const line = JSON.stringify({ resourceType: 'Observation', subject: { reference: ref, display } });
        expect(topLevelFields(line)).toEqual(JSON.parse(line));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on arbitrary objects whenever it answers', () => {
    const key = fc.oneof(fc.constantFrom(...WANTED, 'reference', 'text'), fc.string());
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), fc.boolean(), (obj, spaced) => {
        const line = JSON.stringify(obj, null, spaced ? 1 : undefined).replace(/\n/g, ' ');
        const fields = topLevelFields(line);
        expect(fields).toEqual(wanted(JSON.parse(line) as Record<string, unknown>));
      }),
      { numRuns: 500 },
    );
  });
});
