// Robustness: mutated fixtures (wrong types, null or missing fields, huge strings, random unicode,
// deep nesting) never make extraction throw, and never yield a present fact of the wrong type.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/domain/facts.ts';
import { validateInputValue } from '../../src/domain/validate.ts';
import { INPUT_NAMES } from '../../src/domain/vocabulary.ts';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { parseReportText } from '../../src/report/parse.ts';
import { ALL_DOCUMENT_READERS } from '../../src/report/readers.ts';
import { loadFixture } from '../fixtures/load.ts';

const FIXTURES = [
  'mcode-patient.json',
  'epic-text-only.json',
  'cap-sdc.json',
  'messy.json',
  'itc-only.json',
  'neoadjuvant.json',
  'bilateral.json',
];
const loaded = FIXTURES.map((f) => loadFixture(f));

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  // Mutation points stop at depth 40: FHIR fields live there, and inserted deep values stay deep.
  if (typeof value !== 'object' || value === null || prefix.length >= 40) return out;
  for (const [k, v] of Object.entries(value)) {
    const p = [...prefix, Array.isArray(value) ? Number(k) : k];
    out.push(p);
    paths(v, p, out);
  }
  return out;
}

function deep(depth: number): unknown {
  let v: unknown = { reference: 'Patient/x' };
  for (let i = 0; i < depth; i++) v = i % 2 ? { coding: [v] } : { valueCodeableConcept: v, text: `level ${i}` };
  return v;
}

const DELETE = Symbol('delete');
const DEEP = Symbol('2,000 levels of nesting'); // built per use: structuredClone cannot copy it
const replacement = fc.oneof(
  fc.constant<unknown>(null),
  fc.constant<unknown>(DELETE),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'x'.repeat(200_000),
    "1/3 of 9 o'clock 2.1 cm pN1mi(sn) ".repeat(2_000),
    'Tumor Size: 1,8 cm\nER: Positive',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant<unknown>([]),
  fc.constant<unknown>({}),
  fc.constant<unknown>(DEEP),
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 3 }),
  fc.object({ maxDepth: 3 }),
);

function mutate(resources: unknown[], picks: { at: number; value: unknown }[]): unknown[] {
  const copy = structuredClone(resources);
  const all = paths(copy);
  for (const { at, value } of picks) {
    if (all.length === 0) break;
    const path = all[at % all.length]!;
    let parent: any = copy;
    for (const key of path.slice(0, -1)) {
      if (typeof parent !== 'object' || parent === null) break;
      parent = parent[key];
    }
    if (typeof parent !== 'object' || parent === null) continue;
    const last = path[path.length - 1]!;
    if (value === DELETE) delete parent[last];
    else parent[last] = value === DEEP ? deep(2_000) : structuredClone(value); // JSON input is a tree: never share or cycle
  }
  return copy;
}

function checkFact(name: (typeof INPUT_NAMES)[number], fact: Fact): void {
  const presents = fact.status === 'present' ? [fact] : fact.status === 'conflict' ? fact.candidates : [];
  for (const p of presents) {
    expect(() => validateInputValue(name, p.value)).not.toThrow();
    expect(p.sources.length).toBeGreaterThan(0);
    for (const s of p.sources) expect(typeof s.reference).toBe('string');
  }
}

describe('extraction never throws and never yields a mistyped fact', () => {
  it('on mutated fixtures', () => {
    fc.assert(
      fc.property(
        fc.nat(FIXTURES.length - 1),
        fc.array(fc.record({ at: fc.nat(), value: replacement }), { minLength: 1, maxLength: 8 }),
        (which, picks) => {
          const { resources, binaries } = loaded[which]!;
          const mutated = mutate(resources, picks);
          const out = extractFacts(mutated, {
            now: new Date('2026-05-01T00:00:00Z'),
            binaries,
            patientId: undefined,
            readers: ALL_DOCUMENT_READERS,
          });
          for (const name of INPUT_NAMES) checkFact(name, out.facts[name]);
          for (const i of out.ignored) {
            expect(typeof i.reference).toBe('string');
            expect(typeof i.reason).toBe('string');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary values in place of the resource list', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (thing) => {
        const out = extractFacts(thing as unknown[], { now: new Date() });
        for (const name of INPUT_NAMES) checkFact(name, out.facts[name]);
      }),
      { numRuns: 200 },
    );
  });

  it('report text parser on arbitrary text and on mangled report lines', () => {
    const line = fc.constantFrom(
      'Tumor Size: ',
      'Number of Sentinel Nodes Examined: ',
      'Overall Grade: ',
      'pN Category: ',
      'A. Left axillary sentinel lymph node: ',
      'Tumor Site: ',
      'HER2 (by immunohistochemistry): ',
      'Ki-67: ',
      'metastatic carcinoma in ',
      'ITCs only (',
    );
    const text = fc
      .array(fc.tuple(line, fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 20 })
      .map((ls) => ls.map(([a, b]) => a + b).join('\n'));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), text), (t) => {
        const { findings } = parseReportText(t);
        for (const f of findings) expect(() => validateInputValue(f.input, f.value)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
