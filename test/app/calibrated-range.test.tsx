// @vitest-environment happy-dom
// A range over an unknown input of a recalibrated published model carries the calibration label like
// a single probability does: on the app card, the CDS card, the CLI text and JSON, and the chart note.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelSummary } from '../../src/app/components/ModelSummary.tsx';
import { modelBottomLine } from '../../src/cds/wording.ts';
import { formatAssessmentText } from '../../src/cli/format-text.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';
import { applyLocalModelConfig } from '../../src/models/local-config.ts';
import { noteText } from '../../src/fhir/writeback-note.ts';
import { riskAssessmentsFor } from '../../src/fhir/writeback.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

afterEach(cleanup);

const LABEL = 'locally calibrated on 640 patients (North, 2019-02-01 to 2024-10-31)';
const models = applyLocalModelConfig({
  calibrations: [
    {
      model: 'mskcc-nsn-nofs',
      interceptShift: -0.4,
      source: 'nodal-risk validate, 2026-12-01',
      cohort: { patients: 640, from: '2019-02-01', to: '2024-10-31', site: 'North' },
    },
  ],
});
// No frozen section and no stated method: the form without frozen-section information gives a range over the method.
const assessment = assess(factsFromPlainInputs({ ...VECTOR_A, frozenSectionInfo: 'unavailable' }), { models });
const range = assessment.models.find((m) => m.id === 'mskcc-nsn-nofs')!;

describe('the calibration label of a range', () => {
  it('is on the range result and in its JSON', () => {
    expect(range.result).toBe('range');
    expect(JSON.parse(JSON.stringify(range)).calibration).toBe(LABEL);
  });

  it('is shown on the app card, the CDS card line, the CLI text and the chart note', () => {
    render(<ModelSummary model={range} />);
    expect(screen.getByText(LABEL)).toBeTruthy();
    expect(modelBottomLine(range)).toContain(LABEL);
    expect(formatAssessmentText(assessment)).toContain(LABEL);
    const ctx = { patientReference: 'Patient/x', now: new Date('2026-12-01T10:00:00Z'), appVersion: '0.1.0' };
    expect(noteText(assessment, ctx)).toContain(LABEL);
    expect(JSON.stringify(riskAssessmentsFor(assessment, ctx))).toContain(`Calibration: ${LABEL}`);
  });

  it('is absent without a calibration', () => {
    const plain = assess(factsFromPlainInputs({ ...VECTOR_A, frozenSectionInfo: 'unavailable' })).models.find(
      (m) => m.id === 'mskcc-nsn-nofs',
    )!;
    expect(plain.result).toBe('range');
    expect(plain).not.toHaveProperty('calibration');
  });
});
