// The models the app runs: the built-ins, with the deployment's model config applied when the build
// embedded one (src/app/build/model-config.ts checked it against the schema at build time).
import { applyModelConfig, type LocalModelConfig } from '../models/apply-config.ts';
import type { ModelDefinition } from '../models/definition.ts';
import { BUILTIN_MODELS } from '../models/registry.ts';

export function appDefinitions(config: LocalModelConfig | null): readonly ModelDefinition[] {
  return config ? applyModelConfig(config) : BUILTIN_MODELS;
}
