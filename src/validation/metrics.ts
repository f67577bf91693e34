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

/**
 * 1-based ranks, ties given their average rank: a tie group at sorted positions i…j ranks
 * (i + j) / 2 + 1. Each value's group is found by binary search in a sorted copy (no index sort
 * with a comparator closure: one element type, Float64Array in and out).
 */
function midranks(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  return values.map((v) => (firstNotBelow(sorted, v, false) + firstNotBelow(sorted, v, true) - 1) / 2 + 1);
}

/** The first index whose value is not below `v` (`above`: not at or below `v`), in ascending `sorted`. */
function firstNotBelow(sorted: Float64Array, v: number, above: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = sorted[mid]!;
    if (s < v || (above && s === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The loops of the summaries are functions of their own that end with their loop and read
// nothing before it: V8 compiles a function while its first long loop runs, and statements
// around the loop that had not run by then (or ran before V8 watched) re-optimised it later.

function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

function squaredDeviations(values: Float64Array, mean: number): number {
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  return ss;
}

function sampleVariance(xs: Float64Array): number {
  if (xs.length < 2) return 0;
  const mean = sumOf(xs) / xs.length;
  return squaredDeviations(xs, mean) / (xs.length - 1);
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
  const m = countOnes(outcomes, scores.length);
  const n = scores.length - m;
  if (m === 0 || n === 0) return null;
  const all = new Float64Array(scores.length);
  positivesThenNegatives(scores, outcomes, m, all);
  const allRanks = midranks(all);
  const v10 = new Float64Array(m);
  const rankSum = positiveComponents(allRanks, midranks(all.subarray(0, m)), n, v10);
  const v01 = new Float64Array(n);
  negativeComponents(allRanks.subarray(m), midranks(all.subarray(m)), m, v01);
  const auc = (rankSum - (m * (m + 1)) / 2) / (m * n);
  const se = Math.sqrt(sampleVariance(v10) / m + sampleVariance(v01) / n);
  return { auc, se, ci95: [Math.max(0, auc - Z95 * se), Math.min(1, auc + Z95 * se)] };
}

// DeLong's loops (see sumOf).

function countOnes(outcomes: ArrayLike<number>, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (outcomes[i] === 1) m++;
  return m;
}

/** The scores of the m positives into `all`, then those of the negatives, each in input order. */
function positivesThenNegatives(
  scores: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  m: number,
  all: Float64Array,
): void {
  let p = 0;
  let q = m;
  for (let i = 0; i < scores.length; i++) all[outcomes[i] === 1 ? p++ : q++] = scores[i]!;
}

/** V10 of each positive into `v10`; returns the positives' rank sum. */
function positiveComponents(
  allRanks: Float64Array,
  withinPositive: Float64Array,
  n: number,
  v10: Float64Array,
): number {
  let rankSum = 0;
  for (let i = 0; i < v10.length; i++) {
    rankSum += allRanks[i]!;
    v10[i] = (allRanks[i]! - withinPositive[i]!) / n;
  }
  return rankSum;
}

/** V01 of each negative into `v01`, from the negatives' ranks among all. */
function negativeComponents(
  negativeRanks: Float64Array,
  withinNegative: Float64Array,
  m: number,
  v01: Float64Array,
): void {
  for (let j = 0; j < v01.length; j++) v01[j] = 1 - (negativeRanks[j]! - withinNegative[j]!) / m;
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
  return sumOf(Float64Array.from(outcomes)) / sumOf(Float64Array.from(probabilities).subarray(0, outcomes.length));
}

export function brierScore(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  return squaredErrors(probabilities, outcomes) / outcomes.length;
}

function squaredErrors(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < outcomes.length; i++) sum += (probabilities[i]! - outcomes[i]!) ** 2;
  return sum;
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
