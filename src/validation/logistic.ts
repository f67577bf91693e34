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

function logLikelihood(eta: Float64Array, y: ArrayLike<number>): number {
  let ll = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i]!;
    // log(1 + exp(e)) computed stably.
    const log1pExp = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    ll += y[i]! * e - log1pExp;
  }
  return ll;
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
  const k = columns.length;
  const n = y.length;
  let beta = new Array<number>(k).fill(0);
  const eta = new Float64Array(n);
  const linear = (b: number[]): Float64Array => {
    for (let i = 0; i < n; i++) {
      let e = offset ? offset[i]! : 0;
      for (let j = 0; j < k; j++) e += b[j]! * columns[j]![i]!;
      eta[i] = e;
    }
    return eta;
  };
  let ll = logLikelihood(linear(beta), y);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let i = 0; i < n; i++) {
      const p = expit(eta[i]!);
      const w = p * (1 - p);
      const r = y[i]! - p;
      for (let a = 0; a < k; a++) {
        const xa = columns[a]![i]!;
        gradient[a]! += xa * r;
        const row = hessian[a]!;
        for (let b = a; b < k; b++) row[b]! += w * xa * columns[b]![i]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) hessian[a]![b] = hessian[b]![a]!;
    const step = solve(hessian, gradient);
    if (!step)
      return { coefficients: beta, standardErrors: beta.map(() => NaN), converged: false, iterations: iteration };
    // Step halving keeps each iteration from lowering the likelihood.
    let scale = 1;
    let next = beta;
    let nextLl = -Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      next = beta.map((b, j) => b + scale * step[j]!);
      nextLl = logLikelihood(linear(next), y);
      if (nextLl >= ll - 1e-12) break;
      scale /= 2;
    }
    const change = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    ll = nextLl;
    if (change < TOLERANCE) {
      return {
        coefficients: beta,
        standardErrors: standardErrors(columns, beta, offset),
        converged: true,
        iterations: iteration,
      };
    }
  }
  return {
    coefficients: beta,
    standardErrors: standardErrors(columns, beta, offset),
    converged: false,
    iterations: MAX_ITERATIONS,
  };
}

/** √diag of the inverse information at β. */
function standardErrors(columns: ArrayLike<number>[], beta: number[], offset?: ArrayLike<number>): number[] {
  const k = columns.length;
  const n = columns[0]?.length ?? 0;
  const info = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    let e = offset ? offset[i]! : 0;
    for (let j = 0; j < k; j++) e += beta[j]! * columns[j]![i]!;
    const p = expit(e);
    const w = p * (1 - p);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) info[a]![b]! += w * columns[a]![i]! * columns[b]![i]!;
  }
  const diag = inverseDiagonal(info);
  return diag ? diag.map((d) => Math.sqrt(d)) : beta.map(() => NaN);
}
