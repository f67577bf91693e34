import { describe, expect, it } from 'vitest';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { evaluateModel } from '../../src/models/engine.ts';
import { assess } from '../../src/models/evaluate.ts';
import { ModelConfigError, applyLocalModelConfig, modelDefinitionErrors } from '../../src/models/local-config.ts';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';
import { deriveFacts } from '../../src/domain/derive.ts';
import { expectVariant } from '../helpers/facts.ts';

// A deliberately artificial model that only exercises the config mechanism; its numbers are not clinical.
const testOnlyModel = {
  id: 'site-test-model',
  title: 'Test-only local model',
  kind: 'probability',
  outcome: 'test outcome',
  population: 'test population',
  citations: [{ text: 'Test fixture, not a clinical model' }],
  requirements: [
    { condition: { input: 'slnPositive', atLeast: 1 }, reason: 'needs a positive node', whenUnknown: 'missing' },
  ],
  intercept: -2,
  terms: [
    { id: 'lvi', label: 'LVI', type: 'indicator', when: { input: 'lvi', equals: true }, coefficient: 1 },
    {
      id: 'neg',
      label: '√ negative nodes',
      type: 'numeric',
      input: 'slnNegative',
      transform: 'sqrt',
      coefficient: 0.5,
    },
  ],
};

describe('model-definition schema', () => {
  it('accepts every built-in model', () => {
    for (const model of BUILTIN_MODELS) expect(modelDefinitionErrors(model), model.id).toBeNull();
  });
  it('rejects unknown inputs, missing coefficients and uncoded factors without a reason', () => {
    expect(
      modelDefinitionErrors({
        ...testOnlyModel,
        terms: [{ id: 'x', label: 'x', type: 'numeric', input: 'tumourSize', coefficient: 1 }],
      }),
    ).not.toBeNull();
    const { intercept: _i, ...noIntercept } = testOnlyModel;
    expect(modelDefinitionErrors(noIntercept)).toMatch(/intercept/);
    const sysu = BUILTIN_MODELS.find((m) => m.id === 'sysu-pn2')!;
    const broken = { ...sysu, oddsFactors: [{ id: 'f', label: 'f', oddsRatio: 2, shows: [] }] };
    expect(modelDefinitionErrors(broken)).not.toBeNull();
  });
});

describe('applyLocalModelConfig', () => {
  it('adds a locally configured model, labelled as such in its results', () => {
    const models = applyLocalModelConfig({ models: [testOnlyModel] });
    expect(models.map((m) => m.id)).toEqual([...BUILTIN_MODELS.map((m) => m.id), 'site-test-model']);
    const assessment = assess(factsFromPlainInputs({ slnExamined: 5, slnPositive: 1, slnItcOnly: 0, lvi: true }), {
      models,
    });
    const result = expectVariant(
      assessment.models.find((m) => m.id === 'site-test-model')!,
      'probability',
    );
    expect(result.locallyConfigured).toBe(true);
    expect(result.probability).toBeCloseTo(0.5, 12);
    expect(assessment.models.find((m) => m.id === 'mskcc-nsn')?.locallyConfigured).toBeUndefined();
  });

  it('applies a local intercept to sysu-pn2 and labels it', () => {
    const models = applyLocalModelConfig({
      calibrations: [{ model: 'sysu-pn2', intercept: -3, source: 'test cohort' }],
    });
    const sysu = models.find((m) => m.id === 'sysu-pn2')!;
    const facts = deriveFacts(
      factsFromPlainInputs({
        slnExamined: 3,
        slnPositive: 2,
        slnItcOnly: 0,
        nodalBurden: 'macro',
        lvi: false,
        axillaryUltrasoundSuspicious: false,
      }),
    );
    const r = expectVariant(evaluateModel(sysu, facts), 'relative-odds');
    expect(r.locallyConfigured).toBe(true);
    expect(r.calibrated?.probability).toBeCloseTo(0.7501302784, 8);
    expect(r.calibrated?.calibration).toBe('locally calibrated intercept (test cohort)');
    expect(BUILTIN_MODELS.find((m) => m.id === 'sysu-pn2')?.localCalibration).toBeUndefined();
  });

  it('fails loudly on a bad config', () => {
    expect(() => applyLocalModelConfig({ models: [{ ...testOnlyModel, id: 'mskcc-nsn' }] })).toThrow(
      'model id "mskcc-nsn" is already in use',
    );
    expect(() => applyLocalModelConfig({ calibrations: [{ model: 'mskcc-nsn', intercept: 1, source: 'x' }] })).toThrow(
      /only relative-odds/,
    );
    expect(() => applyLocalModelConfig({ calibrations: [{ model: 'nope', intercept: 1, source: 'x' }] })).toThrow(
      /unknown model/,
    );
    expect(() => applyLocalModelConfig({ extra: 1 })).toThrow(ModelConfigError);
  });
});
