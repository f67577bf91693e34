// A pN, a node count, the largest deposit or extranodal extension written in the text of a report
// about the completion axillary dissection are not the sentinel-node facts. Report texts are
// hand-written in the style of surgical pathology reports (test/fixtures/dissection-reports/); the
// expected facts below were written by reading those texts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { parseReportText } from '../../src/report/parse.ts';
import { alnd, alndSpecimen, patient, procedure, slnb, slnSpecimen, subject } from '../helpers/axilla.ts';

const text = (name: string) =>
  readFileSync(new URL(`../fixtures/dissection-reports/${name}.txt`, import.meta.url), 'utf8');
const b64 = (s: string) => Buffer.from(s).toString('base64');

const report = (id: string, body: string, date: string, specimens: string[]) => ({
  resourceType: 'DiagnosticReport',
  id,
  status: 'final',
  subject,
  category: [{ coding: [{ system: 'http://loinc.org', code: 'LP7839-6' }] }],
  code: { text: 'Surgical pathology report' },
  effectiveDateTime: date,
  specimen: specimens.map((s) => ({ reference: `Specimen/${s}` })),
  presentedForm: [{ contentType: 'text/plain', data: b64(body) }],
});
const sentinelReport = report('path-sln', text('sentinel-biopsy'), '2024-03-01', ['spec-sln']);

/** The sentinel report's facts, read from sentinel-biopsy.txt part B and its synoptic lines. */
function expectSentinelFacts(facts: ReturnType<typeof extractFacts>['facts']) {
  expect(facts.slnExamined).toMatchObject({ status: 'present', value: 2 });
  expect(facts.slnPositive).toMatchObject({ status: 'present', value: 1 });
  expect(facts.nodalBurden).toMatchObject({
    status: 'present',
    value: 'macro',
    sources: [{ reference: 'DiagnosticReport/path-sln' }],
  });
  expect(facts.largestDepositMm).toMatchObject({ status: 'present', value: 3.5 });
  expect(facts.extranodalExtension).toMatchObject({ status: 'present', value: false });
  expect(facts.detectionMethod).toMatchObject({ status: 'present', value: 'routine-he' });
}

const reasonsOf = (out: ReturnType<typeof extractFacts>, ref: string) =>
  out.ignored.filter((i) => i.reference === ref).map((i) => i.reason);

describe('report text of the completion dissection', () => {
  it('keeps the dissection report (specimen, words) out of the sentinel facts, with the reason', () => {
    const dissection = report('path-alnd', text('completion-dissection'), '2024-03-20', ['spec-alnd']);
    const out = extractFacts([patient, slnb, alnd, slnSpecimen, alndSpecimen, sentinelReport, dissection], {
      patientId: 'p',
    });
    expectSentinelFacts(out.facts);
    const why = 'the report is about the axillary dissection (on the dissection specimen Specimen/spec-alnd)';
    expect(reasonsOf(out, 'DiagnosticReport/path-alnd')).toEqual(
      expect.arrayContaining([
        `report text "- Size of largest metastatic deposit: 11 mm.": largestDepositMm 11 not used as a sentinel fact: ${why}`,
        `report text "- Extranodal extension: Present.": extranodalExtension true not used as a sentinel fact: ${why}`,
        `report text "Pathologic stage: pN2a": nodalBurden macro not used as a sentinel fact: ${why}`,
      ]),
    );
  });

  it('knows the dissection report by its specimen when its text does not say so', () => {
    const dissection = report('path-alnd', text('axillary-lymph-nodes'), '2024-03-20', ['spec-alnd']);
    const out = extractFacts([patient, slnb, alnd, slnSpecimen, alndSpecimen, sentinelReport, dissection], {
      patientId: 'p',
    });
    expectSentinelFacts(out.facts);
    expect(reasonsOf(out, 'DiagnosticReport/path-alnd')).toHaveLength(3);
  });

  it('knows a document of the dissection by its date when nothing else links it', () => {
    const doc = {
      resourceType: 'DocumentReference',
      id: 'doc-alnd',
      status: 'current',
      subject,
      type: { text: 'Surgical pathology report' },
      date: '2024-03-22T16:05:00Z',
      context: { period: { start: '2024-03-20T10:00:00Z' } },
      content: [{ attachment: { contentType: 'text/plain', data: b64(text('axillary-lymph-nodes')) } }],
    };
    const out = extractFacts([patient, slnb, alnd, slnSpecimen, sentinelReport, doc], { patientId: 'p' });
    expectSentinelFacts(out.facts);
    expect(reasonsOf(out, 'DocumentReference/doc-alnd')).toContainEqual(
      'report text "Pathologic stage: pN2a": nodalBurden macro not used as a sentinel fact: the report is about the axillary dissection (dated 2024-03-20, after the sentinel biopsy of 2024-03-01 and on or after the axillary dissection of 2024-03-20)',
    );
  });

  it('reads only the sentinel part of a report with a sentinel part and a dissection part', () => {
    const mixed = report('path-mixed', text('sentinel-and-dissection'), '2024-03-01', ['spec-sln', 'spec-alnd']);
    const sameDay = procedure('alnd', '234262008', 'Axillary lymph node dissection', '2024-03-01T11:00:00Z');
    const out = extractFacts([patient, slnb, sameDay, slnSpecimen, alndSpecimen, mixed], { patientId: 'p' });
    // Synoptic sentinel counts and part A (the sentinel nodes) are kept.
    expect(out.facts.slnExamined).toMatchObject({ status: 'present', value: 3 });
    expect(out.facts.slnPositive).toMatchObject({ status: 'present', value: 1 });
    expect(out.facts.largestDepositMm).toMatchObject({
      status: 'present',
      value: 4,
      sources: [{ text: '- Size of largest metastatic deposit: 4 mm.' }],
    });
    expect(out.facts.extranodalExtension).toMatchObject({ status: 'present', value: false });
    // pN1a covers all 15 nodes; no line states the worst sentinel category by itself.
    expect(out.facts.nodalBurden.status).toBe('missing');
    const reasons = reasonsOf(out, 'DiagnosticReport/path-mixed');
    expect(reasons).toContainEqual(
      'report text "- Extranodal extension: Present.": extranodalExtension true not used as a sentinel fact: part B is the axillary dissection ("RIGHT AXILLARY CONTENTS, LEVELS I AND II, DISSECTION:")',
    );
    expect(reasons).toContainEqual(
      'report text "Size of Largest Nodal Metastatic Deposit: 9 mm": largestDepositMm 9 not used as a sentinel fact: the report covers the axillary dissection ("B. RIGHT AXILLARY CONTENTS, LEVELS I AND II, DISSECTION:") and the line does not name the sentinel nodes',
    );
  });

  it('keeps a dissection report out by its words alone when no dissection is recorded', () => {
    const only = report('path-alnd', text('completion-dissection'), '2024-03-20', []);
    const out = extractFacts([patient, slnb, only], { patientId: 'p' });
    for (const input of ['slnPositive', 'nodalBurden', 'largestDepositMm', 'extranodalExtension'] as const) {
      expect(out.facts[input].status, input).toBe('missing');
    }
    expect(reasonsOf(out, 'DiagnosticReport/path-alnd')).toContainEqual(
      'report text "Pathologic stage: pN2a": nodalBurden macro not used as a sentinel fact: the report covers the axillary dissection ("LEFT AXILLARY CONTENTS, COMPLETION DISSECTION:") and the line does not name the sentinel nodes',
    );
  });
});

describe('non-sentinel nodes in report text', () => {
  it('does not read "non-sentinel lymph nodes" as sentinel nodes', () => {
    const parse = parseReportText(
      [
        'A. LEFT AXILLARY SENTINEL LYMPH NODE, EXCISION:',
        '   - Metastatic carcinoma in one of one lymph node (1/1).',
        'B. LEFT AXILLARY NON-SENTINEL LYMPH NODES, EXCISION:',
        '   - Non-sentinel lymph nodes: metastatic carcinoma in 2 of 9 lymph nodes (2/9).',
      ].join('\n'),
    );
    const counts = parse.findings.filter((f) => f.input === 'slnPositive' || f.input === 'slnExamined');
    expect(counts.map((f) => [f.input, f.value])).toEqual([
      ['slnExamined', 1],
      ['slnPositive', 1],
    ]);
  });
});
