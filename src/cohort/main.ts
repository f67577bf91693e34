// `npm run cohort -- --patients N --out DIR [--seed S]`: a seeded synthetic validation cohort in
// Bulk Data NDJSON (one file per resource type), plus truth.csv with each patient's generating
// risk and outcome. The generating model is documented in docs/validation.md.
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCohort } from './write.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '20261201' },
  },
  strict: true,
});
const patients = Number(values.patients);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(patients) || patients < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run cohort -- --patients N --out DIR [--seed S]\n');
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const files = new Map<string, number>();
const write = (name: string, text: string) => {
  let fd = files.get(name);
  if (fd === undefined) {
    fd = openSync(join(values.out!, name), 'w');
    files.set(name, fd);
  }
  writeSync(fd, text);
};
const summary = writeCohort(patients, seed, write);
for (const fd of files.values()) closeSync(fd);
process.stdout.write(`${summary}\n`);
