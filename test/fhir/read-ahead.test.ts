// The app extracts a record's resources as they arrive, keeping the parsed report texts for the
// final extraction: these tests show the final facts are the same with or without that work.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binariesIn } from '../../src/cli/read-resources.ts';
import { extractFacts, type ExtractOptions } from '../../src/fhir/extract/index.ts';
import { ReportTextCache } from '../../src/fhir/extract/read-ahead.ts';
import { parseReportText, type ParseOptions } from '../../src/report/parse.ts';
import { ALL_DOCUMENT_READERS } from '../../src/report/readers.ts';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';
import { fixturePath, loadFixture } from '../fixtures/load.ts';

/** Every record fixture in test/fixtures (a Bundle each). */
const FIXTURES = readdirSync(fixturePath('.')).filter((f) => f.endsWith('.json'));

interface Record {
  name: string;
  resources: unknown[];
  binaries: { [url: string]: string };
  patientId: string | undefined;
}

const records: Record[] = [
  ...FIXTURES.map((name) => ({ name, ...loadFixture(name), patientId: undefined })),
  ...loadAllScenarios().map((s) => ({
    name: s.name,
    resources: s.resources as unknown[],
    binaries: binariesIn(s.resources),
    patientId: s.patientId,
  })),
];

const typeOf = (r: unknown) => (r as { resourceType?: unknown }).resourceType;

/**
 * Runs the way the app makes them (src/app/load/read-ahead.ts): the reports first, before their
 * documents; then the other resources a few at a time, in reverse order, each time with the
 * reports; then the reports again with their documents.
 */
function arrivals(record: Record): { resources: unknown[]; binaries: { [url: string]: string } }[] {
  const reports = record.resources.filter((r) => /Report|Composition/.test(String(typeOf(r))));
  const others = record.resources.filter((r) => !reports.includes(r)).reverse();
  const steps = [{ resources: reports, binaries: {} }];
  for (let i = 0; i < others.length; i += 7)
    steps.push({ resources: [...others.slice(i, i + 7), ...reports], binaries: {} });
  steps.push({ resources: reports, binaries: record.binaries });
  return steps;
}

const optionsFor = (record: Record): ExtractOptions => ({
  patientId: record.patientId,
  binaries: record.binaries,
  readers: ALL_DOCUMENT_READERS,
});

describe('report texts read ahead', () => {
  it.each(records.map((r) => [r.name, r] as const))(
    '%s: the same facts with or without the reading ahead',
    (_, record) => {
      const plain = extractFacts(record.resources, optionsFor(record));
      const reportTexts = new ReportTextCache();
      for (const step of arrivals(record))
        extractFacts(step.resources, { ...optionsFor(record), binaries: step.binaries, reportTexts });
      const ahead = extractFacts(record.resources, { ...optionsFor(record), reportTexts });
      expect(ahead).toEqual(plain);
      // A parse taken from the cache twice is left as it was.
      expect(extractFacts(record.resources, { ...optionsFor(record), reportTexts })).toEqual(plain);
    },
  );

  it('the final extraction takes the parses read ahead instead of parsing again', () => {
    const record = records.find((r) => r.name === 'epic-text-only.json')!;
    const parsed: string[] = [];
    class Counting extends ReportTextCache {
      override parse(text: string, options?: ParseOptions) {
        parsed.push(text);
        return super.parse(text, options);
      }
    }
    const reportTexts = new Counting();
    for (const step of arrivals(record))
      extractFacts(step.resources, { ...optionsFor(record), binaries: step.binaries, reportTexts });
    const kept = reportTexts.size;
    expect(kept).toBeGreaterThan(0);
    parsed.length = 0;
    extractFacts(record.resources, { ...optionsFor(record), reportTexts });
    expect(parsed.length).toBeGreaterThan(0);
    // Every text of the final pass was already read: none was added.
    expect(reportTexts.size).toBe(kept);
  });

  it('gives the parse of the text itself, the same object each time', () => {
    const text = 'Sentinel lymph nodes examined: 3\nSentinel lymph nodes with macrometastases: 1';
    const cache = new ReportTextCache();
    const first = cache.parse(text);
    expect(first).toEqual(parseReportText(text));
    expect(first.findings.length).toBeGreaterThan(0);
    expect(cache.parse(text)).toBe(first);
    expect(cache.parse(`${text}\n`)).not.toBe(first);
  });

  it('keeps a parse per dissection reason: a report found to be the dissection later is read again', () => {
    // Read ahead before the ALND Procedure arrives, the report is not yet known as the dissection's.
    const text = readFileSync(
      new URL('../fixtures/dissection-reports/completion-dissection.txt', import.meta.url),
      'utf8',
    );
    const onDissection = { dissection: 'on the dissection specimen Specimen/alnd' };
    const cache = new ReportTextCache();
    const early = cache.parse(text);
    const late = cache.parse(text, onDissection);
    expect(late).toEqual(parseReportText(text, onDissection));
    expect(late).not.toEqual(early);
    expect(cache.parse(text)).toBe(early);
    expect(cache.parse(text, onDissection)).toBe(late);
  });
});
