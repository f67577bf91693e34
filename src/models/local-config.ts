// Deployment config for models: locally configured models and locally calibrated intercepts,
// checked against the schema, then applied (apply-config.ts). Local models are labelled "locally
// configured" wherever they appear; a calibration fitted by `nodal-risk validate` is labelled
// "locally calibrated on N patients (site, dates)". None ships by default.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { applyModelConfig, ModelConfigError, type LocalModelConfig } from './apply-config.ts';
import { LOCAL_MODEL_CONFIG_SCHEMA, MODEL_DEFINITION_SCHEMA } from './definition-schema.ts';
import type { ModelDefinition } from './definition.ts';
import { BUILTIN_MODELS } from './registry.ts';

export {
  applyModelConfig,
  calibrationLabel,
  ModelConfigError,
  type CalibrationCohort,
  type LocalCalibration,
  type LocalModelConfig,
} from './apply-config.ts';

// Compiled on first use: compiling the schemas costs a sixth of a second of CPU, which every
// command of the CLI would otherwise pay at start, with or without a model config.
let validators: { config: ValidateFunction; definition: ValidateFunction } | undefined;
function schemaValidators(): { config: ValidateFunction; definition: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    ajv.addSchema(MODEL_DEFINITION_SCHEMA);
    const config = ajv.compile(LOCAL_MODEL_CONFIG_SCHEMA);
    validators = { config, definition: ajv.getSchema(MODEL_DEFINITION_SCHEMA.$id)! };
  }
  return validators;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'invalid';
  return `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}`;
}

/** Schema errors of one definition, or null when valid. */
export function modelDefinitionErrors(definition: unknown): string | null {
  const { definition: validate } = schemaValidators();
  return validate(definition) ? null : describeErrors(validate.errors);
}

/** The config, checked against the schema; throws ModelConfigError with one readable line. */
export function validModelConfig(raw: unknown): LocalModelConfig {
  const { config: validate } = schemaValidators();
  if (!validate(raw)) throw new ModelConfigError(`model config ${describeErrors(validate.errors)}`);
  return raw as LocalModelConfig;
}

/**
 * Returns the model list with the deployment's additions applied. Throws ModelConfigError with one
 * readable line when the config is invalid, so a bad config fails loudly at start.
 */
export function applyLocalModelConfig(
  raw: unknown,
  builtins: readonly ModelDefinition[] = BUILTIN_MODELS,
): ModelDefinition[] {
  return applyModelConfig(validModelConfig(raw), builtins);
}
