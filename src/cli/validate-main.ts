// `nodal-risk validate` as a whole command (argv → output and exit code). Kept apart from main.ts
// so that `validate` loads only its own modules: the scoring commands' modules and the model
// config's schema validator (ajv, loaded here only for --model-config) cost about 0.1 s of CPU to load.
import type { ModelDefinition } from '../models/definition.ts';
import { BUILTIN_MODELS } from '../models/registry.ts';
import { readJsonFile } from './files.ts';
import { failure, type CliOutcome, type ProgressStream } from './outcome.ts';
import { runValidate } from './validate.ts';

async function loadModels(configPath: string | undefined): Promise<readonly ModelDefinition[]> {
  if (!configPath) return BUILTIN_MODELS;
  const { applyLocalModelConfig } = await import('../models/local-config.ts');
  return applyLocalModelConfig(readJsonFile(configPath, 'model config'));
}

export async function runValidateCli(
  argv: string[],
  progress: ProgressStream = { write: () => {}, isTTY: false },
): Promise<CliOutcome> {
  let stdout = '';
  try {
    await runValidate(argv, {
      stdout: (text) => (stdout += text),
      stderr: (text) => progress.write(text),
      stderrIsTty: progress.isTTY,
      loadModels,
    });
    return { exitCode: 0, stdout, stderr: '' };
  } catch (e) {
    return failure(e);
  }
}
