import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/domain/derive.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { evaluateModel } from '../../src/models/engine.ts';
import { applyLocalModelConfig, ModelConfigError } from '../../src/models/local-config.ts';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';
import { calibrationConfig } from '../../src/validation/calibration-config.ts';
import type { ValidationResult } from '../../src/validation/cohort.ts';
import { expit } from '../../src/validation/metrics.ts';

const summary = (id: string, kind: string, extra: object) => ({
  id,
  endpoint: 'nsn',
  kind,
  n: 400,
  events: 90,
  auc: 0.7,
  aucCi95: [0.65, 0.75],
  observedExpected: null,
  interceptShift: null,
  calibrationSlope: 1,
  brier: 0.2,
  notApplicable: 0,
  ...extra,
});
const result = {
  patients: 500,
  models: [
    summary('mskcc-nsn', 'probability', { interceptShift: -0.3 }),
    summary('sysu-pn2', 'relative-odds', { fittedIntercept: -2.9 }),
    summary('dbcg-micro', 'risk-factors', {}),
  ],
  skipped: [],
} as unknown as ValidationResult;
const counts = { detectionMethodUnknown: 0, earliestDate: '2019-02-01', latestDate: '2024-11-30' };
const facts = deriveFacts(
  factsFromPlainInputs({
    histologicType: 'ductal',
    nuclearGrade: 2,
    lvi: true,
    multifocal: false,
    erStatus: 'positive',
    slnExamined: 3,
    slnPositive: 2,
    slnItcOnly: 0,
    tumorSizeMm: 20,
    detectionMethod: 'frozen-section',
    nodalBurden: 'macro',
    axillaryUltrasoundSuspicious: false,
  }),
);

describe('calibration file', () => {
  const config = calibrationConfig(result, counts, 'North', '2026-12-01');

  it('holds the intercept shift of probability models and the fitted intercept of relative-odds models, with the cohort', () => {
    const cohort = { patients: 400, events: 90, from: '2019-02-01', to: '2024-11-30', site: 'North' };
    expect(config.calibrations).toEqual([
      { model: 'mskcc-nsn', interceptShift: -0.3, source: 'nodal-risk validate, 2026-12-01', cohort },
      { model: 'sysu-pn2', intercept: -2.9, source: 'nodal-risk validate, 2026-12-01', cohort },
    ]);
  });

  it('applied, shifts the published intercept and labels results "locally calibrated on N patients"', () => {
    const models = applyLocalModelConfig(config);
    const published = evaluateModel(
      BUILTIN_MODELS.find((m) => m.id === 'mskcc-nsn')!,
      facts,
    );
    const local = evaluateModel(
      models.find((m) => m.id === 'mskcc-nsn')!,
      facts,
    );
    if (published.result !== 'probability' || local.result !== 'probability') throw new Error('expected probabilities');
    expect(local.linearPredictor - published.linearPredictor).toBeCloseTo(-0.3, 12);
    expect(local.calibration).toBe('locally calibrated on 400 patients (North, 2019-02-01 to 2024-11-30)');
    expect(local.locallyConfigured).toBeUndefined();
    const sysu = evaluateModel(
      models.find((m) => m.id === 'sysu-pn2')!,
      facts,
    );
    if (sysu.result !== 'relative-odds' || !sysu.calibrated)
      throw new Error('expected a calibrated relative-odds result');
    expect(sysu.calibrated.probability).toBeCloseTo(expit(-2.9 + Math.log(2.27 * 9.15 * 6.59)), 12);
    expect(sysu.calibrated.calibration).toBe(
      'locally calibrated intercept, fitted on 400 patients (North, 2019-02-01 to 2024-11-30)',
    );
  });

  it('refuses a shift on a relative-odds model and a calibration of a risk-factor model', () => {
    expect(() =>
      applyLocalModelConfig({ calibrations: [{ model: 'sysu-pn2', interceptShift: 1, source: 'x' }] }),
    ).toThrow(ModelConfigError);
    expect(() => applyLocalModelConfig({ calibrations: [{ model: 'dbcg-micro', intercept: 1, source: 'x' }] })).toThrow(
      /risk-factors model/,
    );
    expect(() =>
      applyLocalModelConfig({ calibrations: [{ model: 'mskcc-nsn', interceptShift: 1, intercept: 1, source: 'x' }] }),
    ).toThrow(ModelConfigError);
  });
});
