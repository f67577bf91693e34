// `nodal-risk validate` in-process on a seeded synthetic cohort in Bulk NDJSON (src/cohort).
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../src/cli/main.ts';
import { syntheticPatient } from '../../src/cohort/patient-features.ts';
import { seededRandom } from '../../src/cohort/random.ts';
import { writeCohort } from '../../src/cohort/write.ts';
import { calibrationSlope } from '../../src/validation/metrics.ts';

const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cohort = join(dir, 'cohort');
const truth = new Map<string, { nsn: number; total: number; method: string; stated: boolean; outcomeRecord: string }>();

beforeAll(() => {
  mkdirSync(cohort);
  writeCohort(500, 17, (file, text) => appendFileSync(join(cohort, file), text));
  for (const line of readFileSync(join(cohort, 'truth.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [patient, , nsn, total, method, stated, outcomeRecord] = line.split(',');
    truth.set(patient!, {
      nsn: Number(nsn),
      total: Number(total),
      method: method!,
      stated: stated === 'true',
      outcomeRecord: outcomeRecord!,
    });
  }
  // Bad input the command must survive: an unreadable line and a resource without a patient.
  appendFileSync(join(cohort, 'Observation.ndjson'), '{"resourceType": "Observation", "id": "broken"\n');
  appendFileSync(
    join(cohort, 'Observation.ndjson'),
    `${JSON.stringify({ resourceType: 'Observation', id: 'orphan', status: 'final' })}\n`,
  );
}, 60_000);

/** Mann–Whitney AUC, written out. */
function auc(rows: { p: number; y: number }[]): number {
  let wins = 0;
  let pairs = 0;
  for (const a of rows) {
    for (const b of rows) {
      if (a.y !== 1 || b.y !== 0) continue;
      pairs++;
      wins += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

function parseCsv(path: string) {
  const [, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  return lines.map((l) => {
    const [patient, model, probability, nsnPositive, totalPositive] = l.split(',');
    return {
      patient: patient!,
      model: model!,
      probability: Number(probability),
      nsnPositive: Number(nsnPositive),
      totalPositive: totalPositive === '' ? undefined : Number(totalPositive),
    };
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

  it('writes a self-contained HTML report with SVG plots and the skips', async () => {
    const report = join(dir, 'report.html');
    const r = await runCliAsync([
      'validate',
      '--ndjson',
      cohort,
      '--model',
      'mskcc-nsn',
      '--report',
      report,
      '--site',
      '<Site & Co>',
    ]);
    expect(r.exitCode).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).toContain('ROC curve');
    expect(html).toContain('&lt;Site &amp; Co&gt;');
    expect(html).toContain('no outcome: completion axillary dissection recorded without');
  }, 120_000);

  it('prints the issue JSON shape with every model', () => {
    expect(Object.keys(json)).toEqual(['patients', 'models', 'skipped']);
    expect(json.patients).toBe(500);
    const mskcc = json.models.find((m: any) => m.id === 'mskcc-nsn');
    for (const key of [
      'id',
      'endpoint',
      'n',
      'events',
      'auc',
      'aucCi95',
      'observedExpected',
      'interceptShift',
      'calibrationSlope',
      'brier',
    ]) {
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

  it('a pN staged on the dissection does not conflict with the sentinel burden: DBCG scores those patients', () => {
    expect(json.skipped.filter((s: any) => /disagree on nodalBurden/.test(s.reason))).toEqual([]);
    const micro = json.models.find((m: any) => m.id === 'dbcg-micro');
    // Patients with a positive dissection carry a later pN that used to make the burden a conflict.
    expect(micro.events).toBeGreaterThan(0);
  });

  it('SYSU is scored from the ultrasound finding in FHIR; only patients whose record has none miss it', () => {
    const rnd = seededRandom(17);
    const noUltrasound = new Set<string>();
    for (let i = 1; i <= 500; i++) {
      const p = syntheticPatient(i, rnd);
      if (p.axillaryUltrasound.record === 'none') noUltrasound.add(p.id);
    }
    const missing = json.skipped.filter(
      (s: any) => s.model === 'sysu-pn2' && s.reason === 'missing axillaryUltrasoundSuspicious',
    );
    expect(missing.length).toBeGreaterThan(0);
    for (const s of missing) expect(noUltrasound.has(s.patient)).toBe(true);
    const sysu = json.models.find((m: any) => m.id === 'sysu-pn2');
    expect(sysu.n).toBeGreaterThan(300);
    expect(typeof sysu.fittedIntercept).toBe('number');
  });

  it('patients whose dissection has no pathology are skipped with the reason', () => {
    const none = [...truth].filter(([, t]) => t.outcomeRecord === 'none').map(([p]) => p);
    expect(none.length).toBeGreaterThan(0);
    for (const patient of none) {
      expect(json.skipped).toContainEqual({
        patient,
        reason: expect.stringMatching(/^no outcome: completion axillary dissection recorded without/),
      });
    }
  });

  it('counts the unreadable line and the resource without a patient, naming no patient', () => {
    expect(json.skipped).toContainEqual({
      patient: null,
      reason: expect.stringMatching(/Observation\.ndjson line \d+: not valid JSON/),
    });
    expect(json.skipped).toContainEqual({
      patient: null,
      reason: expect.stringMatching(/Observation\/orphan has no patient reference/),
    });
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

  it('recovers the generating miscalibration (slope 0.8, intercept −0.4) within its sampling error', () => {
    // Frozen-section patients: the nomogram form the record selects is the one the outcomes were drawn from.
    const rows = parseCsv(predictions).filter(
      (r) => r.model === 'mskcc-nsn' && truth.get(r.patient)!.method === 'frozen-section',
    );
    expect(rows.length).toBeGreaterThan(80);
    const lp = rows.map((r) => Math.log(r.probability / (1 - r.probability)));
    const fit = calibrationSlope(
      lp,
      rows.map((r) => r.nsnPositive),
    )!;
    expect(Math.abs(fit.slope.value - 0.8)).toBeLessThan(2.58 * fit.slope.se);
    expect(Math.abs(fit.intercept.value - -0.4)).toBeLessThan(2.58 * fit.intercept.se);
  });

  it('an outcomes file wins over the FHIR record', async () => {
    const first = parseCsv(predictions).find((r) => r.model === 'mskcc-nsn')!;
    const csv = join(dir, 'outcomes.csv');
    writeFileSync(
      csv,
      `patient,nsnPositive,totalPositive\n${first.patient},${1 - first.nsnPositive},9\nnot an id!,1,1\n`,
    );
    const out = join(dir, 'predictions-2.csv');
    const r = await runCliAsync([
      'validate',
      '--ndjson',
      cohort,
      '--outcomes',
      csv,
      '--model',
      'mskcc-nsn',
      '--json',
      '--predictions',
      out,
    ]);
    expect(r.exitCode).toBe(0);
    const again = parseCsv(out).find((row) => row.patient === first.patient)!;
    expect(again).toMatchObject({ nsnPositive: 1 - first.nsnPositive, totalPositive: 9 });
    expect(JSON.parse(r.stdout).skipped).toContainEqual({
      patient: null,
      reason: 'outcomes file line 3: patient is not a FHIR id',
    });
  }, 120_000);

  it('bad usage exits 2 with one line', async () => {
    expect(await runCliAsync(['validate'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/needs --ndjson/),
    });
    expect(await runCliAsync(['validate', '--ndjson', join(dir, 'nope')])).toMatchObject({ exitCode: 2 });
    expect(await runCliAsync(['validate', '--ndjson', cohort, '--model', 'nope'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/unknown model "nope"/),
    });
  });

  it('round trip: validate --calibration-out, then score --model-config says "locally calibrated on N patients"', async () => {
    const calibration = join(dir, 'calibration.json');
    const r = await runCliAsync([
      'validate',
      '--ndjson',
      cohort,
      '--site',
      'Test Site',
      '--json',
      '--calibration-out',
      calibration,
    ]);
    expect(r.exitCode).toBe(0);
    const summary = JSON.parse(r.stdout).models.find((m: any) => m.id === 'mskcc-nsn');
    const config = JSON.parse(readFileSync(calibration, 'utf8'));
    const entry = config.calibrations.find((c: any) => c.model === 'mskcc-nsn');
    expect(entry).toMatchObject({
      interceptShift: summary.interceptShift,
      cohort: { patients: summary.n, events: summary.events, site: 'Test Site' },
    });
    expect(entry.cohort.from <= entry.cohort.to).toBe(true);

    // One scored patient's own resources, as a single-patient NDJSON file.
    const patient = parseCsv(predictions).find((row) => row.model === 'mskcc-nsn')!.patient;
    const lines = ['Patient', 'Condition', 'Procedure', 'Specimen', 'Observation', 'DiagnosticReport'].flatMap((type) =>
      readFileSync(join(cohort, `${type}.ndjson`), 'utf8')
        .split('\n')
        .filter((l) => l.includes(`"Patient/${patient}"`) || l.includes(`"id":"${patient}"`)),
    );
    const bundle = join(dir, 'one.ndjson');
    writeFileSync(bundle, `${lines.join('\n')}\n`);
    const before = JSON.parse(runCli(['score', '--bundle', bundle, '--json']).stdout).models.find(
      (m: any) => m.id === 'mskcc-nsn',
    );
    const after = runCli(['score', '--bundle', bundle, '--json', '--model-config', calibration]);
    expect(after.exitCode).toBe(0);
    const calibrated = JSON.parse(after.stdout).models.find((m: any) => m.id === 'mskcc-nsn');
    expect(calibrated.calibration).toBe(
      `locally calibrated on ${summary.n} patients (Test Site, ${entry.cohort.from} to ${entry.cohort.to})`,
    );
    expect(calibrated.locallyConfigured).toBeUndefined();
    expect(calibrated.linearPredictor - before.linearPredictor).toBeCloseTo(summary.interceptShift, 10);
    expect(runCli(['score', '--bundle', bundle, '--model-config', calibration]).stdout).toContain(
      `locally calibrated on ${summary.n} patients`,
    );
  }, 120_000);
});
