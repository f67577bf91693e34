// `nodal-risk`: score a patient from plain inputs (or a FHIR bundle) and list the models.
// No process I/O here: `bin.ts` writes what `runCli` returns, so tests run the CLI in-process.
import { parseArgs } from 'node:util';
import { factsFromPlainInputs } from '../domain/validate.ts';
import { assessResources } from '../pipeline.ts';
import type { ModelDefinition } from '../models/definition.ts';
import { assess } from '../models/evaluate.ts';
import { applyLocalModelConfig } from '../models/local-config.ts';
import { BUILTIN_MODELS } from '../models/registry.ts';
import { CliUsageError, oneLine } from './errors.ts';
import { readJsonFile, readTextFile } from './files.ts';
import { formatAssessmentText } from './format-text.ts';
import { modelsAsJson, modelsAsText } from './models-list.ts';
import { binariesIn, parseResources, pickPatient, ResourceFileError } from './read-resources.ts';
import { failure, type CliOutcome, type ProgressStream } from './outcome.ts';
import { VALIDATE_USAGE } from './validate.ts';
import { runValidateCli } from './validate-main.ts';

const USAGE = `usage:
  nodal-risk score --inputs FILE [--json] [--model-config FILE]
  nodal-risk score --bundle FILE [--patient ID] [--json] [--model-config FILE]
  nodal-risk models [--json] [--model-config FILE]
  ${VALIDATE_USAGE}`;

const OPTIONS = {
  inputs: { type: 'string' },
  bundle: { type: 'string' },
  patient: { type: 'string' },
  json: { type: 'boolean', default: false },
  'model-config': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function loadModels(configPath: string | undefined): readonly ModelDefinition[] {
  if (!configPath) return BUILTIN_MODELS;
  return applyLocalModelConfig(readJsonFile(configPath, 'model config'));
}

/** A FHIR Bundle or NDJSON file → the chosen patient's assessment (extraction with provenance). */
function assessBundle(path: string, patientId: string | undefined, models: readonly ModelDefinition[]) {
  const text = readTextFile(path, 'bundle file');
  try {
    const resources = parseResources(text);
    const patient = pickPatient(resources, patientId);
    return assessResources(resources, {
      now: new Date(),
      patientId: patient.slice('Patient/'.length),
      binaries: binariesIn(resources),
      models,
    });
  } catch (e) {
    if (e instanceof ResourceFileError) throw new CliUsageError(`bundle file ${path}: ${oneLine(e.message)}`);
    throw e;
  }
}

function score(values: {
  inputs?: string;
  bundle?: string;
  patient?: string;
  json: boolean;
  'model-config'?: string;
}): string {
  if (values.inputs && values.bundle) throw new CliUsageError('score takes --inputs FILE or --bundle FILE, not both');
  if (!values.inputs && !values.bundle) throw new CliUsageError('score needs --inputs FILE or --bundle FILE');
  if (values.patient && !values.bundle) throw new CliUsageError('--patient goes with --bundle');
  const models = loadModels(values['model-config']);
  const assessment = values.bundle
    ? assessBundle(values.bundle, values.patient, models)
    : assess(factsFromPlainInputs(readJsonFile(values.inputs!, 'inputs file')), { models });
  return values.json ? `${JSON.stringify(assessment, null, 2)}\n` : formatAssessmentText(assessment);
}

export function run(argv: string[]): { stdout: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliUsageError(oneLine((e as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return { stdout: `${USAGE}\n` };
  const [command, ...rest] = positionals;
  if (rest.length) throw new CliUsageError(`unexpected argument: ${rest[0]}`);
  if (command === 'score') return { stdout: score(values) };
  if (command === 'models') {
    const models = loadModels(values['model-config']);
    return { stdout: values.json ? `${JSON.stringify(modelsAsJson(models), null, 2)}\n` : modelsAsText(models) };
  }
  if (command === 'validate') throw new CliUsageError('validate runs through runCliAsync');
  throw new CliUsageError(command ? `unknown command: ${command}` : 'a command is needed: score, models or validate');
}

export type { CliOutcome, ProgressStream };

/** The whole command: argv → what to print and the exit code (2 bad input, 1 internal error). */
export function runCli(argv: string[]): CliOutcome {
  try {
    return { exitCode: 0, stdout: run(argv).stdout, stderr: '' };
  } catch (e) {
    return failure(e);
  }
}

/** Every command, `validate` (asynchronous: it streams the cohort) included. */
export async function runCliAsync(
  argv: string[],
  progress: ProgressStream = { write: () => {}, isTTY: false },
): Promise<CliOutcome> {
  if (argv[0] !== 'validate') return runCli(argv);
  return runValidateCli(argv.slice(1), progress);
}
