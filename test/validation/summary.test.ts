import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/cohort/random.ts';
import { dbcgMicro } from '../../src/models/builtin/dbcg.ts';
import { sysuPn2 } from '../../src/models/builtin/sysu-pn2.ts';
import { expit } from '../../src/validation/metrics.ts';
import { summarizeModel, type ScoredPatient } from '../../src/validation/summary.ts';

describe('relative-odds model (SYSU)', () => {
  it('fits the intercept with the published odds ratios as offset and recovers a known one', () => {
    const rnd = seededRandom(42);
    const intercept = -2.6;
    const patients: ScoredPatient[] = [];
    for (let i = 0; i < 5000; i++) {
      // Coded factors: LVI 2.27, macrometastasis 9.15, two positive nodes 6.59 (the published odds ratios).
      const logRelativeOdds = [2.27, 9.15, 6.59].reduce(
        (s, or, k) => s + (rnd.bernoulli([0.3, 0.6, 0.25][k]!) ? Math.log(or) : 0),
        0,
      );
      patients.push({ patient: `p${i}`, outcome: rnd.bernoulli(expit(intercept + logRelativeOdds)), logRelativeOdds });
    }
    const s = summarizeModel(sysuPn2, patients, 7);
    expect(s).toMatchObject({
      id: 'sysu-pn2',
      endpoint: 'pn2',
      n: 5000,
      notApplicable: 7,
      interceptShift: null,
      observedExpected: null,
    });
    const [lo, hi] = s.fittedInterceptCi95!;
    expect(s.fittedIntercept!).toBeGreaterThan(lo);
    expect(s.fittedIntercept!).toBeLessThan(hi);
    const se = (hi - lo) / (2 * 1.959964);
    expect(Math.abs(s.fittedIntercept! - intercept)).toBeLessThan(2.58 * se);
    expect(s.calibrationSlopeCi95![0]).toBeLessThan(1);
    expect(s.calibrationSlopeCi95![1]).toBeGreaterThan(1);
  });
});

describe('risk-factor model (DBCG)', () => {
  it('reports observed rates by categorical factor and distributions of continuous ones, no AUC', () => {
    const patients: ScoredPatient[] = [
      { patient: 'a', outcome: 1, factorValues: { lvi: true, tumourSize: 30, positiveProportion: 1 } },
      { patient: 'b', outcome: 0, factorValues: { lvi: true, tumourSize: 10, positiveProportion: 0.5 } },
      { patient: 'c', outcome: 0, factorValues: { lvi: false, tumourSize: 20, positiveProportion: 0.25 } },
      { patient: 'd', outcome: 0, factorValues: { lvi: false, tumourSize: 14 } },
    ];
    const s = summarizeModel(dbcgMicro, patients, 0);
    expect(s.auc).toBeNull();
    const lvi = s.factors!.find((f) => f.factor === 'lvi')!;
    expect(lvi.byValue).toEqual([
      { value: 'false', n: 2, events: 0, rate: 0 },
      { value: 'true', n: 2, events: 1, rate: 0.5 },
    ]);
    const size = s.factors!.find((f) => f.factor === 'tumourSize')!;
    expect(size.withEvent).toEqual({ n: 1, median: 30, quartiles: [30, 30] });
    expect(size.withoutEvent).toEqual({ n: 3, median: 14, quartiles: [12, 17] });
    expect(s.factors!.find((f) => f.factor === 'positiveProportion')!.withoutEvent!.n).toBe(2);
  });
});

describe('order of a factor’s values', () => {
  it('is the same whatever the locale of the process', () => {
    // "aa" sorts after "z" in Danish; the summary must not follow the machine's locale.
    const script = [
      "import { dbcgMicro } from './src/models/builtin/dbcg.ts';",
      "import { summarizeModel } from './src/validation/summary.ts';",
      "const patients = ['z', 'aa', 'b'].map((v, i) => ({ patient: 'p' + i, outcome: 0, factorValues: { lvi: v } }));",
      "const lvi = summarizeModel(dbcgMicro, patients, 0).factors.find((f) => f.factor === 'lvi');",
      'console.log(lvi.byValue.map((v) => v.value).join(","));',
    ].join('\n');
    const orders = ['C.UTF-8', 'da_DK.UTF-8'].map((locale) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '../..'),
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: locale, LANG: locale },
      });
      expect(run.stderr).toBe('');
      return run.stdout.trim();
    });
    expect(orders).toEqual(['aa,b,z', 'aa,b,z']);
  });
});
