// `nodal-risk validate`: how each model performs on the hospital's own cohort (Bulk FHIR export
// of patients with a sentinel node biopsy and a completion ALND), optionally writing a locally
// calibrated model config, an HTML report and per-patient predictions.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ModelDefinition } from '../models/definition.ts';
import { deriveFacts } from '../domain/derive.ts';
import { extractFacts } from '../fhir/extract/index.ts';
import { ALL_DOCUMENT_READERS } from '../report/readers.ts';
import { evaluateModel } from '../models/engine.ts';
import { calibrationConfig } from '../validation/calibration-config.ts';
import {
  CohortValidation,
  type ModelAssessment,
  type PredictionRow,
  type ValidationResult,
} from '../validation/cohort.ts';
import { outcomeFromResources, type OutcomeReading } from '../validation/outcomes.ts';
import { OutcomesFileError, parseOutcomesCsv } from '../validation/outcomes-csv.ts';
import { CliUsageError, oneLine } from './errors.ts';
import { readTextFile } from './files.ts';
import { binariesIn } from './read-resources.ts';
import { groupByPatient, type PatientResources } from './validate-input.ts';
import { formatValidationText } from './validate-text.ts';

export const VALIDATE_USAGE =
  'nodal-risk validate --ndjson PATH [--ndjson PATH…] [--outcomes FILE.csv] [--model ID…] [--site LABEL] [--json]\n' +
  '                    [--report FILE.html] [--predictions FILE.csv] [--calibration-out FILE.json] [--model-config FILE]';

const OPTIONS = {
  ndjson: { type: 'string', multiple: true },
  outcomes: { type: 'string' },
  model: { type: 'string', multiple: true },
  site: { type: 'string' },
  json: { type: 'boolean', default: false },
  report: { type: 'string' },
  predictions: { type: 'string' },
  'calibration-out': { type: 'string' },
  'model-config': { type: 'string' },
} as const;

export interface ValidateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (a progress line is shown only then). */
  stderrIsTty: boolean;
  /** Loads the model list (built-ins, or with a --model-config applied). */
  loadModels: (configPath: string | undefined) => readonly ModelDefinition[] | Promise<readonly ModelDefinition[]>;
  now?: () => Date;
}

export interface ValidationRun {
  result: ValidationResult;
  /** Computed on call: only --predictions needs them. */
  predictions: () => PredictionRow[];
  cohort: CohortValidation;
  /** Computed on call: only --report needs them. */
  plots: ReturnType<CohortValidation['result']>['plots'];
}

function chooseModels(all: readonly ModelDefinition[], ids: readonly string[] | undefined): ModelDefinition[] {
  if (!ids || ids.length === 0) return [...all];
  return ids.map((id) => {
    const found = all.find((m) => m.id === id);
    if (!found) throw new CliUsageError(`unknown model "${id}" (models: ${all.map((m) => m.id).join(', ')})`);
    return found;
  });
}

const SCORES_ONLY = { explain: false } as const;

/** One patient through the app's own pipeline, plus the observed outcome. */
export function assessPatient(
  { patient, resources }: PatientResources,
  models: readonly ModelDefinition[],
  now: Date,
  csvOutcome: OutcomeReading | undefined,
) {
  const binaries = binariesIn(resources);
  // The app's own extraction and model engine; the trial evidence the card adds is not validated here.
  const inputs = deriveFacts(
    extractFacts(resources, { now, patientId: patient, binaries, readers: ALL_DOCUMENT_READERS }).facts,
  );
  // Built by push, not map: map's array has one elements kind while this runs unoptimised and
  // another once it is optimised, and the cohort's bookkeeping was re-optimised for the change.
  const results: ModelAssessment['models'] = [];
  // Scores only: validation reads each result's numbers and gaps, never its texts.
  for (const model of models) results.push(evaluateModel(model, inputs, SCORES_ONLY));
  const assessment: ModelAssessment = { inputs, models: results };
  const sln = assessment.inputs.slnPositive;
  const outcome =
    csvOutcome ??
    outcomeFromResources(resources, {
      binaries,
      ...(sln.status === 'present' && typeof sln.value === 'number' ? { sentinelPositive: sln.value } : {}),
    });
  return { assessment, outcome };
}

function progress(io: ValidateIo, total: number) {
  const started = Date.now();
  let last = 0;
  return {
    tick(done: number) {
      const now = Date.now();
      if (now - last < 250 && done < total) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
      io.stderr(`\rvalidate: ${done}/${total} patients, ${Math.round(rate)} patients/s, ETA ${Math.ceil(eta)} s   `);
    },
    end() {
      io.stderr('\n');
    },
  };
}

/** Reads, groups and assesses the cohort; the caller writes the outputs. */
export async function validateCohort(
  paths: readonly string[],
  models: readonly ModelDefinition[],
  options: { outcomesCsv?: string; now: Date; onProgress?: (done: number, total: number) => void },
): Promise<ValidationRun> {
  const cohort = new CohortValidation(models);
  let csv: Map<string, OutcomeReading> | undefined;
  if (options.outcomesCsv !== undefined) {
    const parsed = parseOutcomesCsv(options.outcomesCsv);
    for (const e of parsed.errors) cohort.skip({ patient: null, reason: `outcomes file line ${e.line}: ${e.reason}` });
    csv = new Map([...parsed.outcomes].map(([id, outcome]) => [id, { found: outcome }]));
  }
  const input = await groupByPatient(paths);
  for (const p of input.problems) cohort.skip({ patient: null, reason: p.reason });
  const known = input.problems.length;
  try {
    let done = 0;
    for (const patient of input.patients) {
      const { assessment, outcome } = assessPatient(patient, models, options.now, csv?.get(patient.patient));
      cohort.addPatient(patient.patient, assessment, outcome);
      options.onProgress?.(++done, input.patientCount);
    }
  } finally {
    input.dispose();
  }
  for (const p of input.problems.slice(known)) cohort.skip({ patient: null, reason: p.reason });
  const { result, plots, predictions } = cohort.result();
  return { result, plots, predictions, cohort };
}

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function predictionsCsv(rows: readonly PredictionRow[]): string {
  const lines = ['patient,model,probability,nsnPositive,totalPositive'];
  for (const r of rows)
    lines.push([r.patient, r.model, r.probability.toFixed(6), r.nsnPositive, r.totalPositive].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

function writeOutput(path: string, text: string, what: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new CliUsageError(`cannot write ${what} ${path}: ${oneLine((e as Error).message)}`);
  }
}

export async function runValidate(argv: string[], io: ValidateIo): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (e) {
    throw new CliUsageError(oneLine((e as Error).message));
  }
  if (!values.ndjson || values.ndjson.length === 0)
    throw new CliUsageError('validate needs --ndjson PATH (a file or a directory of a Bulk export)');
  const models = chooseModels(await io.loadModels(values['model-config']), values.model);
  let outcomesCsv: string | undefined;
  if (values.outcomes) outcomesCsv = readTextFile(values.outcomes, 'outcomes file');
  const showProgress = io.stderrIsTty && !values.json;
  let bar: ReturnType<typeof progress> | undefined;
  let run: ValidationRun;
  try {
    run = await validateCohort(values.ndjson, models, {
      now: io.now?.() ?? new Date(),
      ...(outcomesCsv !== undefined ? { outcomesCsv } : {}),
      ...(showProgress
        ? { onProgress: (done: number, total: number) => (bar ??= progress(io, total)).tick(done) }
        : {}),
    });
  } catch (e) {
    if (e instanceof OutcomesFileError) throw new CliUsageError(`outcomes file ${values.outcomes}: ${e.message}`);
    throw e;
  } finally {
    bar?.end();
  }
  if (values.predictions) writeOutput(values.predictions, predictionsCsv(run.predictions()), 'predictions file');
  if (values.report) {
    // Loaded only for --report: the plotting libraries take about half a second of CPU to load,
    // which every other command of the CLI (this module is imported by all) would pay.
    const { validationReportHtml } = await import('./validate-report.ts');
    writeOutput(
      values.report,
      await validationReportHtml(run.result, run.plots(), run.cohort.counts, values.site),
      'report',
    );
  }
  if (values['calibration-out']) {
    const today = (io.now?.() ?? new Date()).toISOString().slice(0, 10);
    const config = calibrationConfig(run.result, run.cohort.counts, values.site, today);
    writeOutput(values['calibration-out'], `${JSON.stringify(config, null, 2)}\n`, 'calibration file');
  }
  io.stdout(
    values.json ? `${JSON.stringify(run.result, null, 2)}\n` : formatValidationText(run.result, run.cohort.counts),
  );
}
