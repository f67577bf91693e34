// The model-config file `nodal-risk validate --calibration-out` writes: for each probability model
// its intercept shift (calibration-in-the-large), for each relative-odds model its fitted
// intercept, with the cohort it was fitted on. `--model-config` applies it (src/models/local-config.ts).
import type { CalibrationCohort, LocalCalibration, LocalModelConfig } from '../models/local-config.ts';
import type { CohortCounts, ValidationResult } from './cohort.ts';

export function calibrationConfig(
  result: ValidationResult,
  counts: CohortCounts,
  site: string | undefined,
  today: string,
): LocalModelConfig {
  const calibrations: LocalCalibration[] = [];
  for (const m of result.models) {
    if (m.n === 0 || !counts.earliestDate || !counts.latestDate) continue;
    const cohort: CalibrationCohort = {
      patients: m.n,
      events: m.events,
      from: counts.earliestDate,
      to: counts.latestDate,
      ...(site ? { site } : {}),
    };
    const source = `nodal-risk validate, ${today}`;
    if (m.kind === 'probability' && m.interceptShift !== null)
      calibrations.push({ model: m.id, interceptShift: m.interceptShift, source, cohort });
    else if (m.kind === 'relative-odds' && m.fittedIntercept !== undefined)
      calibrations.push({ model: m.id, intercept: m.fittedIntercept, source, cohort });
  }
  return { calibrations };
}
