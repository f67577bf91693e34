// Applies an already validated model config: locally configured models and locally calibrated
// intercepts. Kept apart from the schema check (local-config.ts) so the app, which receives a
// config validated at build time, ships no JSON-schema compiler (ajv compiles with new Function,
// which the app's Content-Security-Policy forbids).
import type { ModelDefinition } from './definition.ts';
import { BUILTIN_MODELS } from './registry.ts';

export class ModelConfigError extends Error {
  override readonly name = 'ModelConfigError';
}

/** What a calibration was fitted on (written by `nodal-risk validate --calibration-out`). */
export interface CalibrationCohort {
  patients: number;
  events?: number;
  from: string;
  to: string;
  site?: string;
}

export interface LocalCalibration {
  model: string;
  /** Relative-odds models: the fitted intercept. */
  intercept?: number;
  /** Probability models: added to the published intercept (calibration-in-the-large). */
  interceptShift?: number;
  source: string;
  cohort?: CalibrationCohort;
}

export interface LocalModelConfig {
  models?: ModelDefinition[];
  calibrations?: LocalCalibration[];
}

/** "locally calibrated on 812 patients (Springfield, 2019-01-03 to 2024-11-30)". */
export function calibrationLabel(cohort: CalibrationCohort): string {
  return `locally calibrated on ${cohort.patients} patients (${cohort.site ? `${cohort.site}, ` : ''}${cohort.from} to ${cohort.to})`;
}

function applyCalibration(target: ModelDefinition, calibration: LocalCalibration): void {
  const label = calibration.cohort ? { label: calibrationLabel(calibration.cohort) } : {};
  // Faces write a relative-odds calibration as "23% with a …": name the intercept.
  const interceptLabel = calibration.cohort
    ? {
        label: `locally calibrated intercept, ${calibrationLabel(calibration.cohort).replace(/^locally calibrated /, 'fitted ')}`,
      }
    : {};
  if (target.kind === 'relative-odds' && calibration.intercept !== undefined) {
    target.localCalibration = { intercept: calibration.intercept, source: calibration.source, ...interceptLabel };
    // Without cohort metadata the calibration is only known as deployment config.
    if (!calibration.cohort) target.locallyConfigured = true;
    return;
  }
  if (target.kind === 'probability' && calibration.interceptShift !== undefined && target.intercept !== undefined) {
    target.intercept += calibration.interceptShift;
    target.localCalibration = { intercept: target.intercept, source: calibration.source, ...label };
    return;
  }
  const takes =
    target.kind === 'relative-odds'
      ? 'an intercept'
      : target.kind === 'probability'
        ? 'an interceptShift'
        : 'no calibration';
  throw new ModelConfigError(
    `model config: "${calibration.model}" is a ${target.kind} model; it takes ${takes} (only relative-odds models take a local intercept)`,
  );
}

/** The model list with a config (already checked against the schema) applied. */
export function applyModelConfig(
  config: LocalModelConfig,
  builtins: readonly ModelDefinition[] = BUILTIN_MODELS,
): ModelDefinition[] {
  const models = builtins.map((m) => ({ ...m }));
  for (const calibration of config.calibrations ?? []) {
    const target = models.find((m) => m.id === calibration.model);
    if (!target) throw new ModelConfigError(`model config: calibration for unknown model "${calibration.model}"`);
    applyCalibration(target, calibration);
  }
  for (const local of config.models ?? []) {
    if (models.some((m) => m.id === local.id))
      throw new ModelConfigError(`model config: model id "${local.id}" is already in use`);
    models.push({ ...local, locallyConfigured: true });
  }
  return models;
}
