// The app's model config path: $MODEL_CONFIG is checked against the schema at build time and
// embedded as a virtual module; the app applies it without a schema compiler.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_CONFIG_MODULE, modelConfigPlugin } from '../../src/app/build/model-config.ts';
import { appDefinitions } from '../../src/app/definitions.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-model-config-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const calibration = {
  calibrations: [
    {
      model: 'mskcc-nsn',
      interceptShift: -0.5,
      source: 'nodal-risk validate, 2026-12-01',
      cohort: { patients: 812, from: '2019-01-03', to: '2024-11-30', site: 'North' },
    },
  ],
};

/** What the app imports from the virtual module, as the plugin serves it. */
function embedded(path: string | undefined): unknown {
  const plugin = modelConfigPlugin(path);
  const resolve = plugin.resolveId as (id: string) => string | undefined;
  const load = plugin.load as (id: string) => string | undefined;
  const id = resolve(MODEL_CONFIG_MODULE)!;
  expect(resolve('./other.ts')).toBeUndefined();
  const code = load(id)!;
  expect(code.startsWith('export default ')).toBe(true);
  return JSON.parse(code.slice('export default '.length, -1));
}

describe('model config in the app build', () => {
  it('embeds the checked config; the app labels the recalibrated model', async () => {
    const config = embedded(write('ok.json', calibration)) as Parameters<typeof appDefinitions>[0];
    expect(config).toEqual(calibration);
    const models = await appDefinitions(config);
    const result = assess(factsFromPlainInputs({ ...VECTOR_A, detectionMethod: 'frozen-section' }), {
      models,
    }).models.find((m) => m.id === 'mskcc-nsn')!;
    expect(result).toMatchObject({
      result: 'probability',
      calibration: 'locally calibrated on 812 patients (North, 2019-01-03 to 2024-11-30)',
    });
  });

  it('embeds null without MODEL_CONFIG, and the app runs the built-in models', async () => {
    expect(embedded(undefined)).toBeNull();
    expect(await appDefinitions(null)).toBe(BUILTIN_MODELS);
  });

  it('fails the build with one line naming the file for a bad config', () => {
    const badSchema = write('bad-schema.json', { calibrations: [{ model: 'mskcc-nsn', interceptShift: 'x' }] });
    expect(() => modelConfigPlugin(badSchema)).toThrow(/bad-schema\.json: model config \/calibrations\/0/);
    const unknown = write('unknown.json', { calibrations: [{ model: 'nope', interceptShift: 0.1, source: 's' }] });
    expect(() => modelConfigPlugin(unknown)).toThrow(
      /unknown\.json: model config: calibration for unknown model "nope"/,
    );
    const notJson = write('not-json.json', '{');
    expect(() => modelConfigPlugin(notJson)).toThrow(/not-json\.json: cannot read it as JSON/);
  });

  it('the app side imports no schema compiler (ajv compiles with new Function, which the CSP forbids)', () => {
    for (const file of ['src/app/definitions.ts', 'src/models/apply-config.ts']) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => /ajv|local-config|definition-schema/.test(i!)),
        file,
      ).toEqual([]);
    }
  });
});
