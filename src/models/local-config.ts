// Deployment config for models: locally configured models and locally calibrated intercepts.
// Everything from here is labelled "locally configured" wherever it appears. None ships by default.
import { Ajv, type ErrorObject } from 'ajv';
import { LOCAL_MODEL_CONFIG_SCHEMA, MODEL_DEFINITION_SCHEMA } from './definition-schema.ts';
import type { ModelDefinition } from './definition.ts';
import { BUILTIN_MODELS } from './registry.ts';

export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigError';
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
ajv.addSchema(MODEL_DEFINITION_SCHEMA);
const validateConfig = ajv.compile(LOCAL_MODEL_CONFIG_SCHEMA);
const validateDefinition = ajv.getSchema(MODEL_DEFINITION_SCHEMA.$id)!;

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'invalid';
  return `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}`;
}

/** Schema errors of one definition, or null when valid. */
export function modelDefinitionErrors(definition: unknown): string | null {
  return validateDefinition(definition) ? null : describeErrors(validateDefinition.errors);
}

interface LocalModelConfig {
  models?: ModelDefinition[];
  calibrations?: { model: string; intercept: number; source: string }[];
}

/**
 * Returns the model list with the deployment's additions applied. Throws ModelConfigError with one
 * readable line when the config is invalid, so a bad config fails loudly at start.
 */
export function applyLocalModelConfig(raw: unknown, builtins: readonly ModelDefinition[] = BUILTIN_MODELS): ModelDefinition[] {
  if (!validateConfig(raw)) throw new ModelConfigError(`model config ${describeErrors(validateConfig.errors)}`);
  const config = raw as LocalModelConfig;
  const models = builtins.map((m) => ({ ...m }));
  for (const calibration of config.calibrations ?? []) {
    const target = models.find((m) => m.id === calibration.model);
    if (!target) throw new ModelConfigError(`model config: calibration for unknown model "${calibration.model}"`);
    if (target.kind !== 'relative-odds') {
      throw new ModelConfigError(`model config: "${calibration.model}" is a ${target.kind} model; only relative-odds models take a local intercept`);
    }
    target.localCalibration = { intercept: calibration.intercept, source: calibration.source };
    target.locallyConfigured = true;
  }
  for (const local of config.models ?? []) {
    if (models.some((m) => m.id === local.id)) throw new ModelConfigError(`model config: model id "${local.id}" is already in use`);
    models.push({ ...local, locallyConfigured: true });
  }
  return models;
}
