// A calibration written by `nodal-risk validate` reaches the CDS service (assessorWithModels, used by
// src/cds/main.ts with $MODEL_CONFIG) and is named in the card detail.
import { describe, expect, it } from 'vitest';
import { assessorWithModels } from '../../src/cds/assessor.ts';
import { renderDetail } from '../../src/cds/markdown.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';
import { applyLocalModelConfig } from '../../src/models/local-config.ts';
import { loadScenario } from '../../src/sandbox/patients/index.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

const config = {
  calibrations: [
    {
      model: 'mskcc-nsn',
      interceptShift: -0.5,
      source: 'nodal-risk validate, 2026-12-01',
      cohort: { patients: 812, from: '2019-01-03', to: '2024-11-30', site: 'North' },
    },
  ],
  models: [
    {
      id: 'site-constant',
      title: 'Site constant model',
      kind: 'probability',
      outcome: 'any further (non-sentinel) axillary node involved at completion dissection',
      population: 'everyone',
      citations: [{ text: 'test only' }],
      requirements: [],
      intercept: 0,
      terms: [],
    },
  ],
};

describe('a local calibration on the CDS card', () => {
  it('says "locally calibrated on N patients (site, dates)" beside the recalibrated MSKCC probability', () => {
    const models = applyLocalModelConfig(config);
    const assessment = assess(factsFromPlainInputs({ ...VECTOR_A, detectionMethod: 'frozen-section' }), { models });
    expect(assessment.models.find((m) => m.id === 'mskcc-nsn')!.result).toBe('probability');
    expect(renderDetail(assessment).replace(/\\/g, '')).toContain(
      'locally calibrated on 812 patients (North, 2019-01-03 to 2024-11-30)',
    );
  });

  it('the CDS assessor runs the pipeline with the configured models', () => {
    const scenario = loadScenario('micrometastasis');
    const assessment = assessorWithModels(applyLocalModelConfig(config))(scenario.resources, {
      patientId: scenario.patientId,
      now: new Date(),
    });
    expect(assessment.models.find((m) => m.id === 'site-constant')).toMatchObject({
      result: 'probability',
      probability: 0.5,
      locallyConfigured: true,
    });
  });
});
