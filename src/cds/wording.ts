// Words shared by the CDS card and the app's bottom line: one line per model that applies, one per
// trial that applies or might apply. Pure (no DOM, no Node APIs) so both faces can use it.
import { valueOf } from '../domain/facts.ts';
import { INPUTS, type InputName } from '../domain/vocabulary.ts';
import type { Assessment } from '../models/evaluate.ts';
import type { EvidenceEntry } from '../models/evidence/index.ts';
import { percentOf } from '../models/display.ts';
import type { FactorResult, ModelResult } from '../models/result.ts';

export { percentOf } from '../models/display.ts';

// What each built-in model is about, in the words a surgeon uses.
const ABOUT: Record<string, string> = {
  'mskcc-nsn': 'Any further node',
  'mskcc-nsn-nofs': 'Any further node',
  'dbcg-micro': 'Further nodes',
  'dbcg-itc': 'Further nodes',
  'sysu-pn2': 'Four or more nodes',
};

const COHORT: Record<string, string> = { 'sysu-pn2': 'the SYSU cohort' };

/** A model's short name; long local titles are cut so a summary keeps its number. */
export function shortName(m: ModelResult): string {
  const title = [...(m.shortTitle ?? m.title)];
  const name = title.length > 50 ? `${title.slice(0, 49).join('').trimEnd()}…` : title.join('');
  return m.locallyConfigured ? `${name}, local model` : name;
}

function about(m: ModelResult): string {
  // A local model's outcome can be a sentence: keep room for its name and number.
  const chars = [...(ABOUT[m.id] ?? m.outcome)];
  const text = chars.length > 40 ? `${chars.slice(0, 39).join('').trimEnd()}…` : chars.join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function inputWords(names: readonly InputName[]): string {
  return names.map((n) => INPUTS[n].label.toLowerCase()).join(', ');
}

/** Factors counted as present, absent, and not assessable (missing, disputed or without a published cut-off). */
export function factorCounts(factors: readonly FactorResult[]): {
  present: number;
  absent: number;
  notAssessable: number;
} {
  const present = factors.filter((f) => f.status === 'present').length;
  const absent = factors.filter((f) => f.status === 'absent').length;
  return { present, absent, notAssessable: factors.length - present - absent };
}

export function factorCountText(factors: readonly FactorResult[]): string {
  const c = factorCounts(factors);
  const parts = [`${c.present} risk factor${c.present === 1 ? '' : 's'} present`, `${c.absent} absent`];
  if (c.notAssessable > 0) parts.push(`${c.notAssessable} not assessable`);
  return parts.join(', ');
}

/** One line for an applicable model: its number or range and what it is about, or why there is none. */
export function modelBottomLine(m: ModelResult, opts: { short?: boolean } = {}): string | undefined {
  const name = shortName(m);
  switch (m.result) {
    case 'not-applicable':
      return undefined;
    case 'probability':
      // A recalibrated published model says so wherever its number appears.
      return `${about(m)}: ${m.display} (${name}${m.calibration ? `, ${m.calibration}` : ''})`;
    case 'range':
      return `${about(m)}: ${m.display} (${name}${m.calibration ? `, ${m.calibration}` : ''})${opts.short ? '' : `, depending on ${inputWords(m.range.over)}`}`;
    case 'relative-odds': {
      const rate = m.observedRates[0];
      if (m.calibrated) return `${about(m)}: ${m.calibrated.display} (${name}, ${m.calibrated.calibration})`;
      if (!rate) return `${about(m)} (${name}): no observed rate for this group; relative odds only`;
      return `${about(m)}: ${percentOf(rate.rate)} observed in ${COHORT[m.id] ?? `the ${name} cohort`} with ${rate.label}`;
    }
    case 'risk-factors':
      if (m.estimate) return `${about(m)}: ${m.estimate.display} (${name})`;
      return `${about(m)} (${name}): no percentage published; ${factorCountText(m.factors)}`;
    case 'not-computed': {
      const conflicts = m.conflicts.length > 0 ? `sources disagree on ${inputWords(m.conflicts)}` : '';
      const missing = m.missing.length > 0 ? `needs ${inputWords(m.missing)}` : '';
      return `${about(m)} (${name}): not computed; ${[missing, conflicts].filter(Boolean).join('; ') || 'inputs not available'}`;
    }
  }
}

/**
 * What the bottom line reads of an assessment: the app paints it from the first part of the
 * assessment (models/first-look.ts), before the guidelines and notes are evaluated.
 */
export type BottomLineSource = Pick<Assessment, 'inputs' | 'models'> & {
  evidence: readonly Pick<EvidenceEntry, 'kind' | 'applies' | 'short' | 'questions'>[];
};

/** Why there is no model line at all. */
export function noModelReason(a: BottomLineSource): string {
  // The inputs that decide the evidence's neoadjuvant note (models/evidence/notes.ts).
  if (valueOf(a.inputs, 'neoadjuvantTherapy') === true)
    return 'No nodal risk model applies after systemic therapy before surgery';
  const reasons = a.models.flatMap((m) => (m.result === 'not-applicable' ? [m.reason] : []));
  return reasons.length > 0
    ? `No nodal risk model applies: ${reasons[0]}`
    : 'No nodal risk model applies to this patient';
}

/** The trials that apply or might apply (unknown criteria named as questions). */
export function openTrials<E extends Pick<EvidenceEntry, 'kind' | 'applies'>>(a: { evidence: readonly E[] }): E[] {
  return a.evidence.filter((e) => e.kind === 'trial' && e.applies !== 'no');
}

export function trialBottomLine(e: Pick<EvidenceEntry, 'applies' | 'short' | 'questions'>): string {
  if (e.applies === 'yes') return `${e.short}: applies`;
  return `${e.short}: might apply; ${e.questions.join(' ') || 'criteria unknown'}`;
}

/** Every line of the bottom line: models first, then trials; a reason when no model applies. */
export function bottomLines(a: BottomLineSource): { models: string[]; trials: string[] } {
  const models = a.models.flatMap((m) => modelBottomLine(m) ?? []);
  return { models: models.length > 0 ? models : [noModelReason(a)], trials: openTrials(a).map(trialBottomLine) };
}
