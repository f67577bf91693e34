// Node side, at build and sandbox start: the deployment's model config (e.g. the calibration
// `nodal-risk validate --calibration-out` writes), named by $MODEL_CONFIG. The vite build embeds it
// in the app as a virtual module after checking it against the schema and applying it once, so a
// bad config fails the build, not a clinician's session; the app then applies it without a schema
// compiler and without fetching anything at start (docs/validation.md "Using a calibration").
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import {
  applyModelConfig,
  ModelConfigError,
  validModelConfig,
  type LocalModelConfig,
} from '../../models/local-config.ts';

export const MODEL_CONFIG_MODULE = 'virtual:nodal-risk/model-config';
const RESOLVED = `\0${MODEL_CONFIG_MODULE}`;

/** The config at `path`, valid against the schema and applicable to the built-in models; throws ModelConfigError naming the file. */
export function readModelConfigFile(path: string): LocalModelConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ModelConfigError(`model config ${path}: cannot read it as JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const config = validModelConfig(raw);
    applyModelConfig(config);
    return config;
  } catch (e) {
    throw new ModelConfigError(`${path}: ${(e as Error).message}`);
  }
}

/** The app's `virtual:nodal-risk/model-config`: the checked config, or null when none is named. */
export function modelConfigPlugin(path: string | undefined): Plugin {
  const config = path ? readModelConfigFile(path) : null;
  return {
    name: 'nodal-risk-model-config',
    resolveId: (id) => (id === MODEL_CONFIG_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(config)};` : undefined),
  };
}
