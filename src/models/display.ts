// Display conventions of the riskcalc.org calculator: R's round() to a whole percent — which
// rounds halves to even — then "<1%" below 1 and ">99%" above 99; and words for results.
import { INPUTS, formatInputValue, type InputName, type InputValue } from '../domain/vocabulary.ts';
import type { FactorStatus } from './result.ts';

/** Rounds half to even, as R's round() does. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function formatProbability(p: number): string {
  const percent = roundHalfEven(p * 100);
  if (percent < 1) return '<1%';
  if (percent > 99) return '>99%';
  return `${percent}%`;
}

/** A range as the card shows it: "7–28%", or one value when both ends round alike. */
export function formatRange(low: number, high: number): string {
  const a = formatProbability(low);
  const b = formatProbability(high);
  if (a === b) return a;
  // A whole percent ("7%") drops its sign; "<1%" and ">99%" keep theirs. Those are the only forms
  // formatProbability gives, so the first character tells them apart (a regular expression per
  // range cost more than the rest of this function).
  return isDigit(a.charCodeAt(0)) ? `${a.slice(0, -1)}–${b}` : `${a}–${b}`;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Relative odds as every face shows them: two decimals at most below 10 (×9.15, ×0.5), whole above (×12). */
export function formatOdds(odds: number): string {
  return odds >= 10 ? odds.toFixed(0) : odds.toFixed(2).replace(/\.?0+$/, '');
}

/** An observed rate as published: one decimal at most (47/511 → 9.2%). */
export function percentOf(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

// Words for the values a range runs over, where the vocabulary's codes are not words.
const VALUE_WORDS: Partial<Record<InputName, Record<string, string>>> = {
  detectionMethod: {
    'frozen-section': 'frozen section',
    'routine-he': 'routine H&E',
    'serial-he': 'serial H&E (deeper levels)',
    ihc: 'immunohistochemistry',
  },
  erLowPositiveAs: { positive: 'ER low-positive counted as positive', negative: 'ER low-positive counted as negative' },
  itcNodesAs: {
    'left-out': 'ITC-only nodes left out of both counts',
    negative: 'ITC-only nodes counted as negative',
    positive: 'ITC-only nodes counted as positive',
  },
};

/** One input's value in words, e.g. "routine H&E", "Lymphovascular invasion: yes". */
export function choiceText(name: InputName, value: InputValue): string {
  return VALUE_WORDS[name]?.[String(value)] ?? `${INPUTS[name].label}: ${formatInputValue(name, value)}`;
}

/** A range assignment in words: "routine H&E, Lymphovascular invasion: yes". */
export function assignmentText(assignment: Partial<Record<InputName, InputValue>>): string {
  return (Object.entries(assignment) as [InputName, InputValue][]).map(([n, v]) => choiceText(n, v)).join(', ');
}

/** How a factor's status reads on every face. */
export const FACTOR_STATUS_TEXT = {
  present: 'present',
  absent: 'absent',
  unknown: 'unknown',
  'no-cutoff': 'value shown, cut-off not published',
  'not-coded': 'not published',
} as const satisfies Record<FactorStatus, string>;
