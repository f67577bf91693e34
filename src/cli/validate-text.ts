// Plain-text summary of `nodal-risk validate` (without --json).
import type { CohortCounts, ValidationResult } from '../validation/cohort.ts';
import type { ModelSummary } from '../validation/summary.ts';

const pair = (p: [number, number] | null | undefined): string =>
  p ? ` (95% CI ${p[0].toFixed(3)}–${p[1].toFixed(3)})` : '';
const num = (x: number | null, digits = 3): string => (x === null ? '—' : x.toFixed(digits));

function modelLines(m: ModelSummary): string[] {
  const head = `${m.id} (${m.endpoint === 'pn2' ? 'four or more nodes' : 'non-sentinel node metastasis'}): ${m.n} patients, ${m.events} events; ${m.notApplicable} outside the model's population`;
  if (m.factors) {
    const lines = [head, '  risk factors (no cut-offs published; observed rates by factor):'];
    for (const f of m.factors) {
      if (f.byValue)
        lines.push(
          `    ${f.label}: ${f.byValue.map((v) => `${v.value} ${v.events}/${v.n} (${(v.rate * 100).toFixed(1)}%)`).join('; ')}`,
        );
      else {
        const d = (x: typeof f.withEvent) =>
          x ? `median ${x.median} (IQR ${x.quartiles[0]}–${x.quartiles[1]}, n ${x.n})` : '—';
        lines.push(`    ${f.label}: with event ${d(f.withEvent)}; without ${d(f.withoutEvent)}`);
      }
    }
    return lines;
  }
  const lines = [head, `  AUC ${num(m.auc)}${pair(m.aucCi95)}`];
  if (m.fittedIntercept !== undefined)
    lines.push(
      `  fitted intercept ${num(m.fittedIntercept)}${pair(m.fittedInterceptCi95)} (published odds ratios as offset)`,
    );
  else
    lines.push(
      `  observed/expected ${num(m.observedExpected)}; intercept shift ${num(m.interceptShift)}${pair(m.interceptShiftCi95)}`,
    );
  lines.push(`  calibration slope ${num(m.calibrationSlope)}${pair(m.calibrationSlopeCi95)}; Brier ${num(m.brier)}`);
  return lines;
}

export function formatValidationText(result: ValidationResult, counts: CohortCounts): string {
  const lines = [
    `${result.patients} patients${counts.earliestDate ? ` (dissections ${counts.earliestDate} to ${counts.latestDate})` : ''}`,
  ];
  if (counts.detectionMethodUnknown > 0)
    lines.push(`${counts.detectionMethodUnknown} patients without a stated detection method`);
  for (const m of result.models) lines.push('', ...modelLines(m));
  const reasons = new Map<string, number>();
  for (const s of result.skipped) {
    const key = `${s.model ? `${s.model}: ` : ''}${s.reason.replace(/line \d+/, 'line …')}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  if (result.skipped.length > 0) {
    lines.push('', `skipped: ${result.skipped.length} (use --json for the list)`);
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${n} × ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
