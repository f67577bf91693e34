// A model's short name lives on its definition: the CDS card summary and the app's bottom line read it
// from the result, and a local model without one is named by its title.
import { describe, expect, it } from 'vitest';
import { shortName } from '../../src/cds/wording.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { evaluateModel } from '../../src/models/engine.ts';
import { modelDefinitionErrors } from '../../src/models/local-config.ts';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';

const facts = factsFromPlainInputs({ slnPositive: 1 });

describe('model short titles', () => {
  it('every built-in model has one, shorter than its title, carried into its result', () => {
    for (const def of BUILTIN_MODELS) {
      expect(def.shortTitle, def.id).toBeTruthy();
      expect(def.shortTitle!.length, def.id).toBeLessThan(def.title.length);
      const result = evaluateModel(def, facts);
      expect(result.shortTitle).toBe(def.shortTitle);
      expect(shortName(result)).toBe(def.shortTitle);
    }
  });

  it('a local definition may name one; without it the title is used', () => {
    const local = { ...BUILTIN_MODELS[0]!, id: 'site-model', locallyConfigured: true as const };
    const { locallyConfigured: _, ...asConfigured } = { ...local, shortTitle: 'Site' };
    expect(modelDefinitionErrors(JSON.parse(JSON.stringify(asConfigured)))).toBeNull();
    expect(modelDefinitionErrors({ ...asConfigured, shortTitle: 3 })).not.toBeNull();
    expect(shortName(evaluateModel({ ...local, shortTitle: 'Site' }, facts))).toBe('Site, local model');
    expect(shortName(evaluateModel({ ...local, shortTitle: undefined }, facts))).toBe(`${local.title}, local model`);
  });
});
