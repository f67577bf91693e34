// Clinician edits on top of the facts from the EHR ("what-if"): each edit becomes a fact of origin
// "clinician" that remembers what it replaced, so the card can mark it and offer a reset.
import type { ClinicalFacts, Fact } from './facts.ts';
import { formatInputValue, isDerivedOnly, type InputName, type InputValue } from './vocabulary.ts';

export type Overrides = Partial<Record<InputName, InputValue>>;

function describeReplaced(name: InputName, fact: Fact): string {
  if (fact.status === 'present')
    return `edited by the clinician; the record said ${formatInputValue(name, fact.value)}`;
  if (fact.status === 'conflict') {
    const values = fact.candidates.map((c) => formatInputValue(name, c.value)).join(' / ');
    return `chosen by the clinician among conflicting values (${values})`;
  }
  return 'entered by the clinician; not found in the record';
}

export function applyOverrides(facts: ClinicalFacts, overrides: Overrides): ClinicalFacts {
  const out = { ...facts } as Record<InputName, Fact>;
  for (const [key, value] of Object.entries(overrides) as [InputName, InputValue | undefined][]) {
    if (value === undefined || isDerivedOnly(key)) continue;
    const original = facts[key] as Fact;
    out[key] = {
      status: 'present',
      value,
      origin: 'clinician',
      sources: [{ reference: 'clinician' }],
      note: describeReplaced(key, original),
    };
  }
  return out as ClinicalFacts;
}
