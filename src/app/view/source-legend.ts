// The printed summary cites sources as numbered notes ([1], [2]) with one legend, instead of
// repeating long references on every input: that is what keeps it to one page.
import type { ClinicalFacts, Fact } from '../../domain/facts.ts';
import { INPUT_NAMES } from '../../domain/vocabulary.ts';
import { shortDate } from './format.ts';

export interface LegendEntry {
  n: number;
  reference: string;
  date: string;
}

/** Every resource the facts (and conflicting candidates) cite, numbered in input order. */
export function sourceLegend(facts: ClinicalFacts): Map<string, LegendEntry> {
  const legend = new Map<string, LegendEntry>();
  const add = (reference: string, date: string | undefined) => {
    if (reference === 'clinician') return;
    const entry = legend.get(reference);
    if (!entry) legend.set(reference, { n: legend.size + 1, reference, date: shortDate(date) });
    else if (!entry.date && date) entry.date = shortDate(date);
  };
  for (const name of INPUT_NAMES) {
    const fact = facts[name] as Fact;
    const present = fact.status === 'present' ? [fact] : fact.status === 'conflict' ? fact.candidates : [];
    for (const p of present) for (const s of p.sources) add(s.reference, s.date);
  }
  return legend;
}

/** "[1, 3]" for the given references. */
export function legendMarks(legend: Map<string, LegendEntry>, references: string[]): string {
  const ns = [...new Set(references.map((r) => legend.get(r)?.n).filter((n): n is number => n !== undefined))].sort(
    (a, b) => a - b,
  );
  return ns.length ? `[${ns.join(', ')}]` : '';
}
