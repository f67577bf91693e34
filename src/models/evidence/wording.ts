// One wording of verdicts, criteria and results for every face (app, CDS card, CLI).
import type { Applies, CriterionResult, ResultDef } from './types.ts';

export const VERDICT_TEXT: Record<Applies, string> = { yes: 'applies', no: 'does not apply', unknown: 'unknown' };

const INCLUSION: Record<CriterionResult['status'], string> = {
  met: 'met',
  unmet: 'not met',
  unknown: 'unknown',
  check: 'check',
};
// An exclusion is "met" when the excluding condition is absent.
const EXCLUSION: Record<CriterionResult['status'], string> = {
  met: 'absent',
  unmet: 'present',
  unknown: 'unknown',
  check: 'check',
};

export function criterionStatusText(c: CriterionResult): string {
  return (c.kind === 'exclusion' ? EXCLUSION : INCLUSION)[c.status];
}

export function criterionLabel(c: CriterionResult): string {
  return c.kind === 'exclusion' ? `Exclusion: ${c.label}` : c.label;
}

/** "Endpoint: 86.3% SLND alone vs 83.6% ALND (HR …), median 9.3 years" (arms in the published order). */
export function resultText(r: ResultDef): string {
  const arms = r.arms.map((a) => `${a.value} ${a.label}`).join(' vs ');
  return `${r.endpoint}: ${arms}${r.comparison ? ` (${r.comparison})` : ''}, ${r.followUp}`;
}
