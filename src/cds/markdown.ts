// The card's `detail`: at most DETAIL_MAX_LINES lines of Markdown — the bottom line, the trials
// that apply or might apply with their open questions, and what is missing that would change the
// number. The inputs table and every source live in the app (the card's SMART link). Every
// EHR-derived string is escaped: it is data, not markup.
import { INPUT_NAMES, type InputName } from '../domain/vocabulary.ts';
import type { Assessment } from '../models/evaluate.ts';
import { neededBy } from '../models/result.ts';
import { bottomLines, inputWords } from './wording.ts';

export const DETAIL_MAX_LINES = 8;

/** Escapes markdown and HTML metacharacters and folds line breaks. */
export function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/** Inputs the computable-or-blocked models still need, in vocabulary order. */
export function neededInputs(assessment: Assessment): { missing: InputName[]; conflicts: InputName[] } {
  const missing = new Set<InputName>();
  const conflicts = new Set<InputName>();
  for (const m of assessment.models) {
    const needed = neededBy(m);
    for (const n of needed.missing) missing.add(n);
    for (const n of needed.conflicts) conflicts.add(n);
  }
  return { missing: INPUT_NAMES.filter((n) => missing.has(n)), conflicts: INPUT_NAMES.filter((n) => conflicts.has(n)) };
}

const FOOTER =
  '- _Estimates and published evidence to inform the decision, not an order. Open Nodal Risk for every source and to correct inputs._';

export function renderDetail(assessment: Assessment): string {
  const { models, trials } = bottomLines(assessment);
  const { missing, conflicts } = neededInputs(assessment);
  const gaps = [
    missing.length > 0 ? `missing ${md(inputWords(missing))}` : '',
    conflicts.length > 0 ? `sources disagree on ${md(inputWords(conflicts))}` : '',
  ].filter(Boolean);
  const tail = [
    trials.length > 0 ? `- **Trials**: ${trials.map(md).join(' · ')}` : '',
    gaps.length > 0 ? `- **Would change the estimate**: ${gaps.join('; ')}` : '',
    FOOTER,
  ].filter(Boolean);
  // Every line a list item, so no line is read as the lazy continuation of the one before.
  // Models one per line while they fit; otherwise on one line.
  const room = DETAIL_MAX_LINES - tail.length;
  const modelLines = models.length <= room ? models.map((l) => `- ${md(l)}`) : [`- ${models.map(md).join(' · ')}`];
  return [...modelLines, ...tail].join('\n');
}
