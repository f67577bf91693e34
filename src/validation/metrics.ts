// Performance of predictions against observed binary outcomes: discrimination (AUC with DeLong's
// CI), calibration (observed/expected, calibration-in-the-large, calibration slope, grouped and
// smoothed calibration curves) and the Brier score. Pure; outcomes are 0/1.
import { fitLogistic } from './logistic.ts';

const Z95 = 1.959963984540054;

export const logit = (p: number): number => Math.log(p / (1 - p));
export const expit = (x: number): number => 1 / (1 + Math.exp(-x));

export interface Estimate {
  value: number;
  se: number;
  ci95: [number, number];
}

function estimate(value: number, se: number): Estimate {
  return { value, se, ci95: [value - Z95 * se, value + Z95 * se] };
}

/** 1-based ranks, ties given their average rank. */
function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]!] = rank;
    i = j + 1;
  }
  return ranks;
}

function sampleVariance(xs: Float64Array): number {
  if (xs.length < 2) return 0;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return ss / (xs.length - 1);
}

export interface Auc {
  auc: number;
  se: number;
  ci95: [number, number];
}

/**
 * Area under the ROC curve with DeLong's variance (DeLong, DeLong & Clarke-Pearson, Biometrics
 * 1988), computed from midranks (Sun & Xu, IEEE Signal Process Lett 2014). Null without both classes.
 */
export function aucDeLong(scores: ArrayLike<number>, outcomes: ArrayLike<number>): Auc | null {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < scores.length; i++) (outcomes[i] === 1 ? positives : negatives).push(scores[i]!);
  const m = positives.length;
  const n = negatives.length;
  if (m === 0 || n === 0) return null;
  const all = midranks([...positives, ...negatives]);
  const withinPositive = midranks(positives);
  const withinNegative = midranks(negatives);
  let rankSum = 0;
  const v10 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    rankSum += all[i]!;
    v10[i] = (all[i]! - withinPositive[i]!) / n;
  }
  const v01 = new Float64Array(n);
  for (let j = 0; j < n; j++) v01[j] = 1 - (all[m + j]! - withinNegative[j]!) / m;
  const auc = (rankSum - (m * (m + 1)) / 2) / (m * n);
  const se = Math.sqrt(sampleVariance(v10) / m + sampleVariance(v01) / n);
  return { auc, se, ci95: [Math.max(0, auc - Z95 * se), Math.min(1, auc + Z95 * se)] };
}

/** ROC curve points (1 − specificity, sensitivity) over every distinct threshold, from (0,0) to (1,1). */
export function rocCurve(scores: ArrayLike<number>, outcomes: ArrayLike<number>): { fpr: number; tpr: number }[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < outcomes.length; i++) positives += outcomes[i] === 1 ? 1 : 0;
  const negatives = outcomes.length - positives;
  const points = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (outcomes[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i])
      points.push({ fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0 });
  }
  return points;
}

export function observedExpected(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < outcomes.length; i++) {
    observed += outcomes[i]!;
    expected += probabilities[i]!;
  }
  return observed / expected;
}

export function brierScore(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < outcomes.length; i++) sum += (probabilities[i]! - outcomes[i]!) ** 2;
  return sum / outcomes.length;
}

/**
 * Calibration-in-the-large: α in logit P(y=1) = α + LP, the linear predictor as offset. Adding α to
 * the model's intercept recalibrates it to this cohort. Null when the fit does not converge.
 */
export function interceptWithOffset(linearPredictors: ArrayLike<number>, outcomes: ArrayLike<number>): Estimate | null {
  const ones = new Float64Array(outcomes.length).fill(1);
  const fit = fitLogistic([ones], outcomes, linearPredictors);
  if (!fit.converged) return null;
  return estimate(fit.coefficients[0]!, fit.standardErrors[0]!);
}

/** Calibration slope: β in logit P(y=1) = a + β·LP (1 for a model whose spread of risks fits this cohort). */
export function calibrationSlope(
  linearPredictors: ArrayLike<number>,
  outcomes: ArrayLike<number>,
): { intercept: Estimate; slope: Estimate } | null {
  const ones = new Float64Array(outcomes.length).fill(1);
  const fit = fitLogistic([ones, linearPredictors], outcomes);
  if (!fit.converged) return null;
  return {
    intercept: estimate(fit.coefficients[0]!, fit.standardErrors[0]!),
    slope: estimate(fit.coefficients[1]!, fit.standardErrors[1]!),
  };
}

/** Wilson score interval for a proportion. */
export function wilson(events: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = events / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface CalibrationGroup {
  n: number;
  meanPredicted: number;
  observed: number;
  events: number;
  ci95: [number, number];
}

/** Groups of (nearly) equal size by predicted risk (deciles by default), observed rate with its Wilson CI. */
export function groupedCalibration(
  probabilities: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  groups = 10,
): CalibrationGroup[] {
  const n = outcomes.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]!);
  const count = Math.min(groups, n);
  const out: CalibrationGroup[] = [];
  for (let g = 0; g < count; g++) {
    const from = Math.floor((g * n) / count);
    const to = Math.floor(((g + 1) * n) / count);
    let predicted = 0;
    let events = 0;
    for (let k = from; k < to; k++) {
      predicted += probabilities[order[k]!]!;
      events += outcomes[order[k]!]!;
    }
    const size = to - from;
    if (size === 0) continue;
    out.push({ n: size, meanPredicted: predicted / size, observed: events / size, events, ci95: wilson(events, size) });
  }
  return out;
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Restricted cubic spline basis (Harrell, Regression Modeling Strategies §2.4.5): k knots → k − 2 nonlinear terms. */
function splineTerms(x: number, knots: number[]): number[] {
  const k = knots.length;
  const last = knots[k - 1]!;
  const before = knots[k - 2]!;
  const norm = (last - knots[0]!) ** 2;
  const cube = (v: number) => (v > 0 ? v * v * v : 0);
  const out: number[] = [];
  for (let j = 0; j < k - 2; j++) {
    const t = knots[j]!;
    out.push(
      (cube(x - t) -
        (cube(x - before) * (last - t)) / (last - before) +
        (cube(x - last) * (before - t)) / (last - before)) /
        norm,
    );
  }
  return out;
}

export interface CurvePoint {
  predicted: number;
  observed: number;
}

/**
 * Smoothed calibration curve: a logistic regression of the outcome on a restricted cubic spline of
 * logit(predicted) with 4 knots at the 5th, 35th, 65th and 95th percentiles, read at 50 points
 * between the 1st and 99th percentiles of predicted risk. Falls back to a straight line on the
 * logit scale when the predictions take too few distinct values for the knots. Null when unfit.
 */
export function smoothedCalibration(
  probabilities: ArrayLike<number>,
  outcomes: ArrayLike<number>,
): CurvePoint[] | null {
  const n = outcomes.length;
  if (n < 20) return null;
  const x = Float64Array.from({ length: n }, (_, i) => logit(Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!))));
  const sorted = Float64Array.from(x).sort();
  let knots = [0.05, 0.35, 0.65, 0.95].map((q) => quantile(sorted, q));
  if (knots.some((t, i) => i > 0 && t - knots[i - 1]! < 1e-9)) knots = [];
  const basis = (v: number) => (knots.length ? [1, v, ...splineTerms(v, knots)] : [1, v]);
  // The basis of each value is computed once and spread over the columns (not once per column).
  const columns = basis(0).map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = basis(x[i]!);
    for (let j = 0; j < columns.length; j++) columns[j]![i] = row[j]!;
  }
  const fit = fitLogistic(columns, outcomes);
  if (!fit.converged) return null;
  const lo = quantile(sorted, 0.01);
  const hi = quantile(sorted, 0.99);
  const points: CurvePoint[] = [];
  for (let s = 0; s < 50; s++) {
    const v = lo + ((hi - lo) * s) / 49;
    const eta = basis(v).reduce((sum, b, j) => sum + b * fit.coefficients[j]!, 0);
    points.push({ predicted: expit(v), observed: expit(eta) });
    if (hi === lo) break;
  }
  return points;
}
