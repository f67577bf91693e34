// Writes a synthetic cohort as Bulk Data NDJSON through a sink, one patient at a time, so any
// size is written in flat memory. truth.csv holds what the generating model drew.
import { patientResources } from './fhir-resources.ts';
import { syntheticPatient, TRUE_MISCALIBRATION } from './patient-features.ts';
import { seededRandom } from './random.ts';

export const TRUTH_HEADER = 'patient,trueRisk,nsnPositive,totalPositive,detectionMethod,methodStated,outcomeRecord';

/** Calls write(fileName, text) with buffered chunks; returns a one-line summary. */
export function writeCohort(patients: number, seed: number, write: (file: string, text: string) => void): string {
  const rnd = seededRandom(seed);
  const buffers = new Map<string, string[]>();
  const flush = () => {
    for (const [file, lines] of buffers) if (lines.length) write(file, lines.join(''));
    buffers.clear();
  };
  const add = (file: string, line: string) => {
    const list = buffers.get(file);
    if (list) list.push(line);
    else buffers.set(file, [line]);
  };
  add('truth.csv', `${TRUTH_HEADER}\n`);
  let events = 0;
  for (let i = 1; i <= patients; i++) {
    const p = syntheticPatient(i, rnd);
    for (const r of patientResources(p)) add(`${r.resourceType as string}.ndjson`, `${JSON.stringify(r)}\n`);
    const nsn = p.alndPositive > 0 ? 1 : 0;
    events += nsn;
    add(
      'truth.csv',
      `${p.id},${p.trueRisk.toFixed(6)},${nsn},${p.slnPositive + p.alndPositive},${p.detectionMethod},${p.methodStated},${p.outcomeRecord}\n`,
    );
    if (i % 500 === 0) flush();
  }
  flush();
  return `${patients} patients, ${events} with non-sentinel node metastasis; generating model logit p = ${TRUE_MISCALIBRATION.alpha} + ${TRUE_MISCALIBRATION.beta} × nomogram LP (seed ${seed})`;
}
