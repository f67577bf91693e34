import { validateResource } from '@medplum/core';
import type { RiskAssessment } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyFacts, present, type ClinicalFacts } from '../../src/domain/facts.ts';
import { applyOverrides } from '../../src/domain/overrides.ts';
import { MODEL_SYSTEM, RELATIVE_ODDS_EXTENSION, riskAssessmentsFor } from '../../src/fhir/writeback.ts';
import { assess } from '../../src/models/evaluate.ts';
import { applyLocalModelConfig } from '../../src/models/local-config.ts';
import { indexFhirDefinitions } from '../../src/sandbox/fhir/definitions.ts';

beforeAll(() => indexFhirDefinitions());

const obs = (id: string) => [{ reference: `Observation/${id}`, date: '2026-03-02' }];
const report = (text: string) => [{ reference: 'DiagnosticReport/path1', date: '2026-03-02', text }];

/** docs/models.md MSKCC check vector A: MSKCC 32%, Sun Yat-sen ×9.15 (as in the card tests). */
function macroFacts(): ClinicalFacts {
  const f = emptyFacts();
  f.tumorSizeMm = present(20, 'fhir', obs('size'));
  f.histologicType = present('ductal', 'report-text', report('Histologic Type: Invasive ductal carcinoma'));
  f.nuclearGrade = present(2, 'report-text', report('Nuclear Pleomorphism: Score 2'));
  f.erStatus = present('positive', 'fhir', obs('er'));
  f.slnExamined = present(2, 'fhir', obs('slnex'));
  f.slnPositive = present(1, 'fhir', obs('slnpos'));
  f.slnItcOnly = present(0, 'report-text', report('Number of Sentinel Nodes with Isolated Tumor Cells: 0'));
  f.lvi = present(false, 'report-text', report('Lymphovascular Invasion: Not identified'));
  f.multifocal = present(false, 'report-text', report('Tumor Focality: Single focus'));
  f.detectionMethod = present('frozen-section', 'fhir', obs('fs'));
  f.nodalBurden = present('macro', 'fhir', obs('pn'));
  f.axillaryUltrasoundSuspicious = present(false, 'fhir', obs('us'));
  f.clinicalT = present('cT1', 'fhir', obs('ct'));
  return f;
}

const ctx = {
  patientReference: 'Patient/p1',
  performer: 'Practitioner/dr-rivera',
  now: new Date('2026-11-21T10:00:00Z'),
  appVersion: '0.1.0',
};

type Issue = { severity?: string; expression?: string[]; details?: { text?: string } };

/**
 * R4 errors (medplum reports unknown extension URLs and the like as warnings). One known false
 * positive is dropped: medplum fails invariant ras-2 (`probability is decimal implies (probability
 * as decimal) <= 100`) when a prediction has no probability at all, where FHIRPath yields empty,
 * which FHIR counts as satisfied.
 */
function r4Errors(resource: RiskAssessment): string[] {
  let issues: Issue[];
  try {
    issues = validateResource(resource);
  } catch (e) {
    issues = (e as { outcome?: { issue?: Issue[] } }).outcome?.issue ?? [
      { severity: 'error', details: { text: String(e) } },
    ];
  }
  const noProbability = (resource.prediction ?? []).every(
    (p) => p.probabilityDecimal === undefined && p.probabilityRange === undefined,
  );
  return issues
    .filter((i) => i.severity === 'error' || i.severity === 'fatal')
    .filter((i) => !(noProbability && /ras-2/.test(i.details?.text ?? '')))
    .map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
}

const byModel = (list: RiskAssessment[], id: string) => list.find((r) => r.method?.coding?.[0]?.code === id);

describe('riskAssessmentsFor', () => {
  it('writes one RiskAssessment per applicable computed probability / relative-odds model, all valid R4', () => {
    const list = riskAssessmentsFor(assess(macroFacts()), ctx);
    expect(list.map((r) => r.method?.coding?.[0]?.code).sort()).toEqual(['mskcc-nsn', 'sysu-pn2']);
    for (const r of list) expect(r4Errors(r)).toEqual([]);
  });

  it('a range: probabilityRange in UCUM percent, the inputs it depends on and each choice, valid R4', () => {
    const f = macroFacts();
    f.detectionMethod = emptyFacts().detectionMethod;
    const r = byModel(riskAssessmentsFor(assess(f), ctx), 'mskcc-nsn-nofs') as RiskAssessment;
    expect(r4Errors(r)).toEqual([]);
    const prediction = r.prediction?.[0];
    expect(prediction?.probabilityDecimal).toBeUndefined();
    expect(prediction?.probabilityRange?.low).toMatchObject({
      unit: '%',
      system: 'http://unitsofmeasure.org',
      code: '%',
    });
    expect(prediction?.probabilityRange?.low?.value).toBeCloseTo(6.872444, 5);
    expect(prediction?.probabilityRange?.high?.value).toBeCloseTo(27.633427, 5);
    expect(prediction?.qualitativeRisk?.text).toBe('7–28%, depending on Method that detected the sentinel metastasis');
    expect(prediction?.rationale).toContain(
      'routine H&E: 28%; serial H&E (deeper levels): 9%; immunohistochemistry: 7%',
    );
    expect(byModel(riskAssessmentsFor(assess(f), ctx), 'mskcc-nsn')).toBeUndefined();
  });

  it('probability model: probabilityDecimal, outcome words, subject, performer, method with citation, deduplicated basis', () => {
    const r = byModel(riskAssessmentsFor(assess(macroFacts()), ctx), 'mskcc-nsn') as RiskAssessment;
    expect(r.status).toBe('final');
    expect(r.subject).toEqual({ reference: 'Patient/p1' });
    expect(r.performer).toEqual({ reference: 'Practitioner/dr-rivera' });
    expect(r.occurrenceDateTime).toBe('2026-11-21T10:00:00.000Z');
    expect(r.method?.coding?.[0]).toMatchObject({
      system: MODEL_SYSTEM,
      code: 'mskcc-nsn',
      display: 'MSKCC non-sentinel node nomogram',
    });
    expect(r.method?.text).toMatch(/^MSKCC non-sentinel node nomogram\. Van Zee/);
    const prediction = r.prediction?.[0];
    expect(prediction?.probabilityDecimal).toBeCloseTo(0.32, 2);
    expect(prediction?.outcome?.text).toBe(
      'any further (non-sentinel) axillary node involved at completion dissection',
    );
    expect(prediction?.qualitativeRisk).toBeUndefined();
    const basis = (r.basis ?? []).map((b) => b.reference);
    expect(basis).toContain('Observation/size');
    expect(basis).toContain('DiagnosticReport/path1');
    expect(new Set(basis).size).toBe(basis.length);
    expect(basis).not.toContain('clinician');
    const notes = r.note?.map((n) => n.text) ?? [];
    expect(notes.at(-1)).toBe('Computed by Nodal Risk 0.1.0. Supports and does not replace clinical judgement.');
    expect(notes.some((n) => n.includes('clinician'))).toBe(false);
    expect(notes).toContain(
      'Warning: Clinical nodal status is not recorded; the nomogram does not apply to palpable (cN+) nodes.',
    );
  });

  it('relative-odds model: qualitative text and the number in an extension, never relativeRisk or a probability', () => {
    const r = byModel(riskAssessmentsFor(assess(macroFacts()), ctx), 'sysu-pn2') as RiskAssessment;
    const prediction = r.prediction?.[0];
    expect(prediction?.relativeRisk).toBeUndefined();
    expect(prediction?.probabilityDecimal).toBeUndefined();
    expect(prediction?.qualitativeRisk?.text).toBe('relative odds ×9.15 vs the reference patient');
    expect(prediction?.extension).toEqual([{ url: RELATIVE_ODDS_EXTENSION, valueDecimal: expect.closeTo(9.15, 2) }]);
    expect(prediction?.rationale).toContain('not a probability');
    expect(r4Errors(r)).toEqual([]);
  });

  it('risk-factors models and models that are not computed are not written', () => {
    const micro = macroFacts();
    micro.nodalBurden = present('micro', 'fhir', obs('pn'));
    micro.detectionMethod = { status: 'missing' };
    const assessment = assess(micro);
    expect(assessment.models.some((m) => m.kind === 'risk-factors' && m.applicable)).toBe(true);
    const codes = riskAssessmentsFor(assessment, ctx).map((r) => r.method?.coding?.[0]?.code);
    expect(codes.some((c) => c?.startsWith('dbcg'))).toBe(false);
    expect(codes).not.toContain('mskcc-nsn'); // needs the detection method
  });

  it('notes the inputs the clinician entered or edited, with what the record said; no performer when unknown', () => {
    const facts = applyOverrides(macroFacts(), { lvi: true, ageYears: 52 });
    const list = riskAssessmentsFor(assess(facts), { ...ctx, performer: undefined });
    const r = byModel(list, 'mskcc-nsn') as RiskAssessment;
    expect(r.performer).toBeUndefined();
    expect(r.prediction?.[0]?.probabilityDecimal).toBeCloseTo(0.4486, 3);
    const note = r.note?.[0]?.text ?? '';
    expect(note).toContain('Inputs entered or edited by the clinician');
    expect(note).toContain('edited by the clinician; the record said no');
    expect(note).toContain('entered by the clinician; not found in the record');
    expect(r4Errors(r)).toEqual([]);
  });

  it('says when a model is locally configured, and keeps a local calibration probability', () => {
    const models = applyLocalModelConfig({
      calibrations: [{ model: 'sysu-pn2', intercept: -3, source: 'test cohort' }],
    });
    const r = byModel(riskAssessmentsFor(assess(macroFacts(), { models }), ctx), 'sysu-pn2') as RiskAssessment;
    const texts = r.note?.map((n) => n.text).join('\n') ?? '';
    expect(texts).toContain('Locally configured model');
    expect(texts).toContain('locally calibrated intercept (test cohort)');
    expect(r.prediction?.[0]?.probabilityDecimal).toBeGreaterThan(0);
    expect(r4Errors(r)).toEqual([]);
  });
});
