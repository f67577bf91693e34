// Logistic regression by Newton–Raphson (IRLS) with an optional offset, for the few-parameter
// recalibration fits of validation (intercept only, intercept + slope, a spline curve). Pure.

export interface LogisticFit {
  coefficients: number[];
  standardErrors: number[];
  converged: boolean;
  iterations: number;
}

const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-9;

const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Solves A x = b (A small, symmetric positive definite in practice) by Gauss–Jordan with pivoting; null when singular. */
export function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-300) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]!;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const row = m[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let c = col; c <= k; c++) row[c]! -= f * p[c]!;
    }
  }
  return m.map((row, i) => row[k]! / row[i]!);
}

function inverseDiagonal(a: number[][]): number[] | null {
  const k = a.length;
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const e = Array.from({ length: k }, (_, j) => (j === i ? 1 : 0));
    const x = solve(a, e);
    if (!x) return null;
    out.push(x[i]!);
  }
  return out;
}

// The loops over patients below take Float64Arrays only and are small functions of their own:
// V8 optimises each once, for one element type (a plain array of small integers, of doubles or
// with holes each have their own map, and meeting a new one re-optimises the function). They read
// nothing before their loop (k, the number of columns, is passed in): V8 compiles a function
// while its first long loop runs, before it has seen the statements above the loop at work, and
// the next call then re-optimised it.

function logLikelihood(eta: Float64Array, y: Float64Array): number {
  let ll = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i]!;
    // log(1 + exp(e)) computed stably, as max(e, 0) + log1p(exp(−|e|)): for e > 0 that is
    // e + log1p(exp(−e)), else log1p(exp(e)), the same numbers as the two-branch form, in one
    // expression that every patient exercises (a branch no patient took yet re-optimises the loop).
    ll += y[i]! * e - (Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))));
  }
  return ll;
}

/** η = offset + X β, written into `eta`. */
function linearPredictor(
  eta: Float64Array,
  x: readonly Float64Array[],
  k: number,
  beta: Float64Array,
  offset: Float64Array,
): void {
  for (let i = 0; i < eta.length; i++) {
    let e = offset[i]!;
    for (let j = 0; j < k; j++) e += beta[j]! * x[j]![i]!;
    eta[i] = e;
  }
}

/**
 * Adds each patient's score and information at η into `gradient` and the upper triangle of
 * `information` (k × k, row-major).
 */
function addScoreAndInformation(
  x: readonly Float64Array[],
  k: number,
  y: Float64Array,
  eta: Float64Array,
  gradient: Float64Array,
  information: Float64Array,
): void {
  for (let i = 0; i < eta.length; i++) {
    const p = expit(eta[i]!);
    const w = p * (1 - p);
    const r = y[i]! - p;
    for (let a = 0; a < k; a++) {
      const xa = x[a]![i]!;
      gradient[a]! += xa * r;
      for (let b = a; b < k; b++) information[a * k + b]! += w * xa * x[b]![i]!;
    }
  }
}

/** Score vector and information matrix at η (the upper triangle, mirrored). */
function scoreAndInformation(
  x: readonly Float64Array[],
  y: Float64Array,
  eta: Float64Array,
): { gradient: number[]; hessian: number[][] } {
  const k = x.length;
  const gradient = new Float64Array(k);
  const upper = new Float64Array(k * k);
  addScoreAndInformation(x, k, y, eta, gradient, upper);
  const hessian = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => (b >= a ? upper[a * k + b]! : upper[b * k + a]!)),
  );
  return { gradient: Array.from(gradient), hessian };
}

/**
 * Fits logit P(y=1) = offset + Σ β_j x_j. `columns` are the covariates, one array per column
 * (include a column of ones for an intercept). Non-convergence (e.g. separation) is reported, not thrown.
 */
export function fitLogistic(
  columns: ArrayLike<number>[],
  y: ArrayLike<number>,
  offset?: ArrayLike<number>,
): LogisticFit {
  // Callers pass plain arrays and typed arrays; one element type keeps the loops to one compiled form.
  const x = columns.map((c) => Float64Array.from(c));
  const outcome = Float64Array.from(y);
  const n = outcome.length;
  const shift = offset ? Float64Array.from(offset) : new Float64Array(n);
  let beta = new Float64Array(x.length);
  const eta = new Float64Array(n);
  linearPredictor(eta, x, x.length, beta, shift);
  let ll = logLikelihood(eta, outcome);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const { gradient, hessian } = scoreAndInformation(x, outcome, eta);
    const step = solve(hessian, gradient);
    if (!step)
      return {
        coefficients: Array.from(beta),
        standardErrors: Array.from(beta, () => NaN),
        converged: false,
        iterations: iteration,
      };
    // Step halving keeps each iteration from lowering the likelihood.
    let scale = 1;
    let next = beta;
    let nextLl = -Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      next = beta.map((b, j) => b + scale * step[j]!);
      linearPredictor(eta, x, x.length, next, shift);
      nextLl = logLikelihood(eta, outcome);
      if (nextLl >= ll - 1e-12) break;
      scale /= 2;
    }
    const change = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    ll = nextLl;
    if (change < TOLERANCE) {
      return {
        coefficients: Array.from(beta),
        standardErrors: standardErrors(x, beta, shift),
        converged: true,
        iterations: iteration,
      };
    }
  }
  return {
    coefficients: Array.from(beta),
    standardErrors: standardErrors(x, beta, shift),
    converged: false,
    iterations: MAX_ITERATIONS,
  };
}

/** √diag of the inverse information at β. */
function standardErrors(x: readonly Float64Array[], beta: Float64Array, offset: Float64Array): number[] {
  const k = x.length;
  const info = new Float64Array(k * k);
  addInformation(x, k, beta, offset, info);
  const diag = inverseDiagonal(Array.from({ length: k }, (_, a) => Array.from(info.subarray(a * k, a * k + k))));
  return diag ? diag.map((d) => Math.sqrt(d)) : Array.from(beta, () => NaN);
}

/** Adds each patient's information at β into `info` (k × k, row-major, every cell computed). */
function addInformation(
  x: readonly Float64Array[],
  k: number,
  beta: Float64Array,
  offset: Float64Array,
  info: Float64Array,
): void {
  for (let i = 0; i < offset.length; i++) {
    let e = offset[i]!;
    for (let j = 0; j < k; j++) e += beta[j]! * x[j]![i]!;
    const p = expit(e);
    const w = p * (1 - p);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) info[a * k + b]! += w * x[a]![i]! * x[b]![i]!;
  }
}
