// The models the app runs: the built-ins, with the deployment's model config applied when the build
// embedded one (src/app/build/model-config.ts checked it against the schema at build time). The
// code that applies a config is loaded only when there is one.
import type { LocalModelConfig } from '../models/apply-config.ts';
import type { ModelDefinition } from '../models/definition.ts';
import { BUILTIN_MODELS } from '../models/registry.ts';

export async function appDefinitions(config: LocalModelConfig | null): Promise<readonly ModelDefinition[]> {
  if (!config) return BUILTIN_MODELS;
  const { applyModelConfig } = await import('../models/apply-config.ts');
  return applyModelConfig(config);
}
