// Scores an assessment against the facts a careful reader found in a published FHIR example
// (test/fixtures/real-world/<id>/expected.json). A present value the reader did not find, or one
// the reader says must not come out, is a wrong value; a conflict is shown to the clinician, so it
// is never wrong, and counts as a hit for nobody.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binariesIn, parseResources } from '../../src/cli/read-resources.ts';
import type { ClinicalFacts, PresentFact } from '../../src/domain/facts.ts';
import { INPUT_NAMES, isInputName, type InputName, type InputValue } from '../../src/domain/vocabulary.ts';

export const REAL_WORLD_DIR = new URL('../fixtures/real-world/', import.meta.url).pathname;

export interface ExpectedFact {
  value: InputValue;
  read: string;
}

export interface Expected {
  patientId: string;
  facts: Partial<Record<InputName, ExpectedFact>>;
  notStated: Partial<Record<InputName, string>>;
  contradictions: string[];
}

export interface RealWorldFixture {
  id: string;
  expected: Expected;
  resources: unknown[];
  binaries: Record<string, string>;
}

export interface WrongValue {
  input: InputName;
  got: InputValue;
  expected: string;
  sources: string;
}

export interface Score {
  listed: number;
  hits: number;
  conflicts: InputName[];
  misses: InputName[];
  wrong: WrongValue[];
  recall: number;
}

export function realWorldFixtureIds(): string[] {
  return readdirSync(REAL_WORLD_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The fixture's data file: the one file beside expected.json that is not documentation. */
function dataFile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f !== 'expected.json' && /\.(json|ndjson)$/.test(f));
  if (files.length !== 1)
    throw new Error(`${dir}: expected exactly one data file, found ${files.join(', ') || 'none'}`);
  return join(dir, files[0]!);
}

/** Loads a fixture the way the CLI reads a file (Bundle/NDJSON -> resources, Binary -> text). */
export function loadRealWorldFixture(id: string): RealWorldFixture {
  const dir = join(REAL_WORLD_DIR, id);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  for (const name of [...Object.keys(expected.facts), ...Object.keys(expected.notStated)]) {
    if (!isInputName(name)) throw new Error(`${id}/expected.json: "${name}" is not an input name`);
  }
  const resources = parseResources(readFileSync(dataFile(dir), 'utf8'));
  return { id, expected, resources, binaries: binariesIn(resources) };
}

function sameValue(a: InputValue, b: InputValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9;
  return a === b;
}

function describeSources(fact: PresentFact): string {
  return (
    fact.sources.map((s) => (s.text ? `${s.reference} "${s.text}"` : s.reference)).join('; ') ||
    `(origin ${fact.origin})`
  );
}

export function scoreFacts(inputs: ClinicalFacts, expected: Expected): Score {
  const listed = Object.keys(expected.facts).length;
  let hits = 0;
  const conflicts: InputName[] = [];
  const misses: InputName[] = [];
  const wrong: WrongValue[] = [];
  for (const name of INPUT_NAMES) {
    const fact = inputs[name] as ClinicalFacts[InputName];
    const want = expected.facts[name];
    if (fact.status === 'conflict') {
      if (want) conflicts.push(name);
      continue;
    }
    if (fact.status === 'missing') {
      if (want) misses.push(name);
      continue;
    }
    if (fact.origin === 'clinician') continue;
    const present = fact as PresentFact;
    if (want && sameValue(present.value, want.value)) {
      hits++;
      continue;
    }
    const why = want
      ? JSON.stringify(want.value)
      : expected.notStated[name]
        ? `nothing (${expected.notStated[name]})`
        : 'nothing (the reader found no such fact)';
    wrong.push({ input: name, got: present.value, expected: why, sources: describeSources(present) });
  }
  return { listed, hits, conflicts, misses, wrong, recall: listed === 0 ? 1 : hits / listed };
}

export function formatWrong(w: WrongValue): string {
  return `${w.input}: got ${JSON.stringify(w.got)}, expected ${w.expected}; from ${w.sources}`;
}
