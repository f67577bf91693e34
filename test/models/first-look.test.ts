// The app paints its bottom line from the first part of the assessment (models and trials) and
// completes it after the card has painted: the lines must be those of the whole assessment.
import { describe, expect, it } from 'vitest';
import { bottomLines } from '../../src/cds/wording.ts';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { assess, completeAssessment } from '../../src/models/evaluate.ts';
import { firstLook } from '../../src/models/first-look.ts';
import { ALL_DOCUMENT_READERS } from '../../src/report/readers.ts';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';

describe('first look of every sandbox patient', () => {
  for (const s of loadAllScenarios()) {
    it(s.name, () => {
      const { facts, patient, ignored } = extractFacts(s.resources, {
        patientId: s.patientId,
        now: new Date('2026-06-01T00:00:00Z'),
        readers: ALL_DOCUMENT_READERS,
      });
      const look = firstLook(facts, { patient, ignored });
      const whole = assess(facts, { patient, ignored });
      expect(completeAssessment(look)).toEqual(whole);
      // The trials lead the evidence; the guidelines and notes come only with the rest.
      expect(whole.evidence.slice(0, look.trials.length)).toMatchObject(look.trials);
      expect(whole.evidence.slice(look.trials.length).every((e) => e.kind === 'guideline')).toBe(true);
      expect(bottomLines({ inputs: look.inputs, models: look.models, evidence: look.trials })).toEqual(
        bottomLines(whole),
      );
    });
  }

  it('includes a patient after neoadjuvant therapy, whose bottom line says why no model applies', () => {
    const scenario = loadAllScenarios().find((s) => s.name.includes('neoadjuvant'));
    expect(scenario).toBeDefined();
    const { facts } = extractFacts(scenario!.resources, {
      patientId: scenario!.patientId,
      now: new Date('2026-06-01T00:00:00Z'),
      readers: ALL_DOCUMENT_READERS,
    });
    const look = firstLook(facts);
    expect(bottomLines({ inputs: look.inputs, models: look.models, evidence: look.trials }).models).toEqual([
      'No nodal risk model applies after systemic therapy before surgery',
    ]);
  });
});
