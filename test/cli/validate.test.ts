// `nodal-risk validate` in-process on a seeded synthetic cohort in Bulk NDJSON (src/cohort).
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../src/cli/main.ts';
import { writeCohort } from '../../src/cohort/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-validate-'));
const cohort = join(dir, 'cohort');
const truth = new Map<string, { nsn: number; total: number; outcomeRecord: string }>();

beforeAll(() => {
  mkdirSync(cohort);
  writeCohort(300, 17, (file, text) => appendFileSync(join(cohort, file), text));
  for (const line of readFileSync(join(cohort, 'truth.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [patient, , nsn, total, , , outcomeRecord] = line.split(',');
    truth.set(patient!, { nsn: Number(nsn), total: Number(total), outcomeRecord: outcomeRecord! });
  }
  // Bad input the command must survive: an unreadable line and a resource without a patient.
  appendFileSync(join(cohort, 'Observation.ndjson'), '{"resourceType": "Observation", "id": "broken"\n');
  appendFileSync(join(cohort, 'Observation.ndjson'), `${JSON.stringify({ resourceType: 'Observation', id: 'orphan', status: 'final' })}\n`);
}, 60_000);

/** Mann–Whitney AUC, written out. */
function auc(rows: { p: number; y: number }[]): number {
  let wins = 0;
  let pairs = 0;
  for (const a of rows) for (const b of rows) if (a.y === 1 && b.y === 0) (pairs++, (wins += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0));
  return wins / pairs;
}

function parseCsv(path: string) {
  const [, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  return lines.map((l) => {
    const [patient, model, probability, nsnPositive, totalPositive] = l.split(',');
    return { patient: patient!, model: model!, probability: Number(probability), nsnPositive: Number(nsnPositive), totalPositive: totalPositive === '' ? undefined : Number(totalPositive) };
  });
}

describe('nodal-risk validate', () => {
  let json: any;
  const predictions = join(dir, 'predictions.csv');

  beforeAll(async () => {
    const r = await runCliAsync(['validate', '--ndjson', cohort, '--json', '--predictions', predictions]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    json = JSON.parse(r.stdout);
  }, 120_000);

  it('prints the issue JSON shape with every model', () => {
    expect(Object.keys(json)).toEqual(['patients', 'models', 'skipped']);
    expect(json.patients).toBe(300);
    const mskcc = json.models.find((m: any) => m.id === 'mskcc-nsn');
    for (const key of ['id', 'endpoint', 'n', 'events', 'auc', 'aucCi95', 'observedExpected', 'interceptShift', 'calibrationSlope', 'brier']) {
      expect(mskcc).toHaveProperty(key);
    }
    expect(mskcc.endpoint).toBe('nsn');
    expect(json.models.find((m: any) => m.id === 'sysu-pn2').endpoint).toBe('pn2');
  });

  it('reads every outcome from FHIR as the generator drew it, in all three record forms', () => {
    const rows = parseCsv(predictions);
    expect(rows.length).toBeGreaterThan(100);
    const forms = new Set<string>();
    for (const row of rows) {
      const t = truth.get(row.patient)!;
      expect(row.nsnPositive).toBe(t.nsn);
      expect(row.totalPositive).toBe(t.total);
      forms.add(t.outcomeRecord);
    }
    expect([...forms].sort()).toEqual(['all-nodes', 'discrete', 'report-text']);
  });

  it('patients whose dissection has no pathology are skipped with the reason', () => {
    const none = [...truth].filter(([, t]) => t.outcomeRecord === 'none').map(([p]) => p);
    expect(none.length).toBeGreaterThan(0);
    for (const patient of none) {
      expect(json.skipped).toContainEqual({ patient, reason: expect.stringMatching(/^no outcome: completion axillary dissection recorded without/) });
    }
  });

  it('counts the unreadable line and the resource without a patient, naming no patient', () => {
    expect(json.skipped).toContainEqual({ patient: null, reason: expect.stringMatching(/Observation\.ndjson line \d+: not valid JSON/) });
    expect(json.skipped).toContainEqual({ patient: null, reason: expect.stringMatching(/Observation\/orphan has no patient reference/) });
  });

  it('AUC and events agree with the predictions file, computed independently', () => {
    const rows = parseCsv(predictions).filter((r) => r.model === 'mskcc-nsn');
    const mskcc = json.models.find((m: any) => m.id === 'mskcc-nsn');
    expect(mskcc.n).toBe(rows.length);
    expect(mskcc.events).toBe(rows.filter((r) => r.nsnPositive === 1).length);
    expect(mskcc.auc).toBeCloseTo(auc(rows.map((r) => ({ p: r.probability, y: r.nsnPositive }))), 4);
    expect(mskcc.aucCi95[0]).toBeLessThan(mskcc.auc);
    expect(mskcc.aucCi95[1]).toBeGreaterThan(mskcc.auc);
  });

  it('an outcomes file wins over the FHIR record', async () => {
    const first = parseCsv(predictions).find((r) => r.model === 'mskcc-nsn')!;
    const csv = join(dir, 'outcomes.csv');
    writeFileSync(csv, `patient,nsnPositive,totalPositive\n${first.patient},${1 - first.nsnPositive},9\nnot an id!,1,1\n`);
    const out = join(dir, 'predictions-2.csv');
    const r = await runCliAsync(['validate', '--ndjson', cohort, '--outcomes', csv, '--model', 'mskcc-nsn', '--json', '--predictions', out]);
    expect(r.exitCode).toBe(0);
    const again = parseCsv(out).find((row) => row.patient === first.patient)!;
    expect(again).toMatchObject({ nsnPositive: 1 - first.nsnPositive, totalPositive: 9 });
    expect(JSON.parse(r.stdout).skipped).toContainEqual({ patient: null, reason: 'outcomes file line 3: patient is not a FHIR id' });
  }, 120_000);

  it('bad usage exits 2 with one line', async () => {
    expect(await runCliAsync(['validate'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/needs --ndjson/) });
    expect(await runCliAsync(['validate', '--ndjson', join(dir, 'nope')])).toMatchObject({ exitCode: 2 });
    expect(await runCliAsync(['validate', '--ndjson', cohort, '--model', 'nope'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/unknown model "nope"/) });
  });
});
