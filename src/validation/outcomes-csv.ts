// The outcomes file a registry can give instead of (or over) the FHIR record:
// header `patient,nsnPositive,totalPositive`, patient = Patient.id, integers, nsnPositive 0/1.
// Either outcome may be left empty. Bad rows are reported with their line number, never guessed.
import type { Outcome } from './outcomes.ts';

export interface OutcomesFile {
  outcomes: Map<string, Outcome>;
  errors: { line: number; reason: string }[];
}

export class OutcomesFileError extends Error {
  override readonly name = 'OutcomesFileError';
}

const cells = (line: string): string[] => line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));

export function parseOutcomesCsv(text: string): OutcomesFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = cells(lines[0] ?? '');
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const [patientCol, nsnCol, totalCol] = [col('patient'), col('nsnPositive'), col('totalPositive')];
  if (patientCol < 0 || (nsnCol < 0 && totalCol < 0)) {
    throw new OutcomesFileError('the header must be patient,nsnPositive,totalPositive');
  }
  const outcomes = new Map<string, Outcome>();
  const errors: OutcomesFile['errors'] = [];
  lines.slice(1).forEach((line, i) => {
    const lineNo = i + 2;
    if (!line.trim()) return;
    const row = cells(line);
    const patient = (row[patientCol] ?? '').replace(/^Patient\//, '');
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(patient))
      return void errors.push({ line: lineNo, reason: 'patient is not a FHIR id' });
    const nsn = nsnCol >= 0 ? (row[nsnCol] ?? '') : '';
    const total = totalCol >= 0 ? (row[totalCol] ?? '') : '';
    if (nsn !== '' && nsn !== '0' && nsn !== '1')
      return void errors.push({ line: lineNo, reason: 'nsnPositive must be 0 or 1' });
    if (total !== '' && !/^\d{1,3}$/.test(total))
      return void errors.push({ line: lineNo, reason: 'totalPositive must be a whole number' });
    if (outcomes.has(patient)) return void errors.push({ line: lineNo, reason: 'patient listed twice' });
    const outcome: Outcome = { sources: [`outcomes file line ${lineNo}`], notes: [] };
    if (nsn !== '') outcome.nsnPositive = nsn === '1' ? 1 : 0;
    if (total !== '') {
      outcome.totalPositive = Number(total);
      outcome.pn2 = outcome.totalPositive >= 4;
    }
    outcomes.set(patient, outcome);
  });
  return { outcomes, errors };
}
