import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/cohort/random.ts';
import {
  aucDeLong,
  brierScore,
  calibrationSlope,
  expit,
  groupedCalibration,
  interceptWithOffset,
  observedExpected,
  rocCurve,
  smoothedCalibration,
} from '../../src/validation/metrics.ts';

/** Mann–Whitney: the share of (event, non-event) pairs ranked correctly, ties counting one half. */
function mannWhitneyAuc(scores: number[], y: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

/** DeLong's variance straight from its definition: structural components over all pairs. */
function pairwiseDeLongSe(scores: number[], y: number[]): number {
  const pos = scores.filter((_, i) => y[i] === 1);
  const neg = scores.filter((_, i) => y[i] === 0);
  const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = pos.map((x) => neg.reduce((s, z) => s + psi(x, z), 0) / neg.length);
  const v01 = neg.map((z) => pos.reduce((s, x) => s + psi(x, z), 0) / pos.length);
  const variance = (v: number[]) => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
  };
  return Math.sqrt(variance(v10) / pos.length + variance(v01) / neg.length);
}

/** Newton's method for the intercept alone, the linear predictor as offset (one parameter, written out). */
function newtonIntercept(lp: number[], y: number[]): number {
  let a = 0;
  for (let it = 0; it < 100; it++) {
    let g = 0;
    let h = 0;
    lp.forEach((x, i) => {
      const p = expit(a + x);
      g += y[i]! - p;
      h += p * (1 - p);
    });
    a += g / h;
    if (Math.abs(g / h) < 1e-12) break;
  }
  return a;
}

/** Newton's method for (a, b) in logit p = a + b·lp, with the 2×2 inverse written out. */
function newtonSlope(lp: number[], y: number[]): [number, number] {
  let a = 0;
  let b = 1;
  for (let it = 0; it < 100; it++) {
    let ga = 0,
      gb = 0,
      haa = 0,
      hab = 0,
      hbb = 0;
    lp.forEach((x, i) => {
      const p = expit(a + b * x);
      const w = p * (1 - p);
      ga += y[i]! - p;
      gb += (y[i]! - p) * x;
      haa += w;
      hab += w * x;
      hbb += w * x * x;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-12) break;
  }
  return [a, b];
}

/** A cohort whose true risk is expit(alpha + beta·LP): the model (LP) is miscalibrated by (alpha, beta). */
function miscalibrated(n: number, alpha: number, beta: number, seed: number) {
  const rnd = seededRandom(seed);
  const lp: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rnd.normal(-1, 1.1);
    lp.push(x);
    y.push(rnd.bernoulli(expit(alpha + beta * x)));
  }
  return { lp, y, p: lp.map(expit) };
}

describe('AUC with DeLong CI', () => {
  it('equals the Mann–Whitney statistic, ties included, and the pairwise DeLong SE', () => {
    const rnd = seededRandom(7);
    const scores = Array.from({ length: 300 }, () => Math.round(rnd.next() * 20) / 20); // many ties
    const y = scores.map((s) => rnd.bernoulli(0.2 + 0.5 * s));
    const result = aucDeLong(scores, y)!;
    expect(result.auc).toBeCloseTo(mannWhitneyAuc(scores, y), 12);
    expect(result.se).toBeCloseTo(pairwiseDeLongSe(scores, y), 12);
    expect(result.ci95[0]).toBeCloseTo(result.auc - 1.959964 * result.se, 5);
  });

  it('is 1 for perfect separation, 0.5 for constant scores, null with one class', () => {
    expect(aucDeLong([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])!.auc).toBe(1);
    expect(aucDeLong([0.3, 0.3, 0.3], [0, 1, 0])!.auc).toBe(0.5);
    expect(aucDeLong([0.3, 0.4], [1, 1])).toBeNull();
  });

  it('ROC curve runs from (0,0) to (1,1), its trapezoid area equals the AUC', () => {
    const { p, y } = miscalibrated(500, 0, 1, 3);
    const roc = rocCurve(p, y);
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    let area = 0;
    for (let i = 1; i < roc.length; i++)
      area += ((roc[i]!.fpr - roc[i - 1]!.fpr) * (roc[i]!.tpr + roc[i - 1]!.tpr)) / 2;
    expect(area).toBeCloseTo(aucDeLong(p, y)!.auc, 10);
  });
});

describe('calibration', () => {
  it('intercept shift and slope match separate Newton fits', () => {
    const { lp, y } = miscalibrated(2000, 0.4, 0.7, 11);
    expect(interceptWithOffset(lp, y)!.value).toBeCloseTo(newtonIntercept(lp, y), 8);
    const [a, b] = newtonSlope(lp, y);
    const fit = calibrationSlope(lp, y)!;
    expect(fit.intercept.value).toBeCloseTo(a, 8);
    expect(fit.slope.value).toBeCloseTo(b, 8);
  });

  it('recovers a known miscalibration within its sampling error', () => {
    const alpha = -0.5;
    const beta = 0.75;
    const { lp, y } = miscalibrated(20_000, alpha, beta, 2024);
    const fit = calibrationSlope(lp, y)!;
    expect(Math.abs(fit.slope.value - beta)).toBeLessThan(2.58 * fit.slope.se);
    expect(Math.abs(fit.intercept.value - alpha)).toBeLessThan(2.58 * fit.intercept.se);
    expect(fit.slope.ci95[0]).toBeLessThan(beta);
    expect(fit.slope.ci95[1]).toBeGreaterThan(beta);
    // A well-calibrated model: slope near 1, shift near 0.
    const ok = miscalibrated(20_000, 0, 1, 99);
    const shift = interceptWithOffset(ok.lp, ok.y)!;
    expect(Math.abs(shift.value)).toBeLessThan(2.58 * shift.se);
  });

  it('observed/expected and Brier by their definitions', () => {
    const p = [0.1, 0.4, 0.5, 0.8];
    const y = [0, 1, 0, 1];
    expect(observedExpected(p, y)).toBeCloseTo(2 / 1.8, 12);
    expect(brierScore(p, y)).toBeCloseTo((0.01 + 0.36 + 0.25 + 0.04) / 4, 12);
  });

  it('grouped calibration: deciles cover everyone, observed rate inside its CI', () => {
    const { p, y } = miscalibrated(1003, 0, 1, 5);
    const groups = groupedCalibration(p, y);
    expect(groups).toHaveLength(10);
    expect(groups.reduce((s, g) => s + g.n, 0)).toBe(1003);
    expect(groups.reduce((s, g) => s + g.events, 0)).toBe(y.reduce((a, b) => a + b, 0));
    for (const g of groups) {
      expect(g.ci95[0]).toBeLessThanOrEqual(g.observed);
      expect(g.ci95[1]).toBeGreaterThanOrEqual(g.observed);
    }
    for (let i = 1; i < groups.length; i++)
      expect(groups[i]!.meanPredicted).toBeGreaterThanOrEqual(groups[i - 1]!.meanPredicted);
  });

  it('smoothed curve follows the true calibration expit(alpha + beta·logit p)', () => {
    const alpha = 0.5;
    const beta = 0.6;
    const { p, y } = miscalibrated(30_000, alpha, beta, 8);
    const curve = smoothedCalibration(p, y)!;
    expect(curve).toHaveLength(50);
    for (const point of curve.slice(5, 45)) {
      const truth = expit(alpha + beta * Math.log(point.predicted / (1 - point.predicted)));
      expect(Math.abs(point.observed - truth)).toBeLessThan(0.04);
    }
  });
});
