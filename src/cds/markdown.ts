// The card's `detail` (GitHub-flavoured markdown): estimates, inputs used with their source,
// inputs missing, and the evidence. Every EHR-derived string is escaped: it is data, not markup.
import type { ClinicalFacts, Fact, PresentFact } from '../domain/facts.ts';
import { INPUT_NAMES, INPUTS, formatInputValue, type InputName } from '../domain/vocabulary.ts';
import type { Assessment } from '../models/evaluate.ts';
import { VERDICT_TEXT, criterionLabel, resultText, type EvidenceEntry, type EvidenceNote } from '../models/evidence/index.ts';
import { FACTOR_STATUS_TEXT, assignmentText, formatProbability } from '../models/display.ts';
import { neededBy, type FactorResult, type ModelResult, type ObservedRateResult } from '../models/result.ts';
import { formatOdds, percentOf } from './wording.ts';

/** Escapes markdown and HTML metacharacters and folds line breaks. */
export function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

const ORIGIN: Record<PresentFact['origin'], string> = {
  fhir: 'EHR',
  'report-text': 'report text',
  derived: 'derived',
  clinician: 'entered',
};

function valueText(name: InputName, fact: PresentFact): string {
  return md(formatInputValue(name, fact.value as never));
}

function sourceText(fact: PresentFact): string {
  if (fact.origin === 'derived') {
    return md(`derived from ${(fact.derivedFrom ?? []).map((n) => INPUTS[n].label).join(', ')}`);
  }
  const refs = fact.sources.map((s) => [s.reference, s.date?.slice(0, 10)].filter(Boolean).join(', ')).join('; ');
  return md(refs ? `${ORIGIN[fact.origin]}: ${refs}` : ORIGIN[fact.origin]);
}

function observedText(r: ObservedRateResult): string {
  const counts = r.events !== undefined && r.total !== undefined ? `${r.events}/${r.total}, ` : '';
  return `${md(r.label)}: ${counts}${percentOf(r.rate)} had ${md(r.outcome)} (${md(r.source)})`;
}

function factorText(f: FactorResult): string {
  const or = f.oddsRatio !== undefined ? ` OR ${f.oddsRatio}${f.ci95 ? ` (95% CI ${f.ci95[0]}–${f.ci95[1]})` : ''}` : '';
  return `${md(f.label)}${or}: ${FACTOR_STATUS_TEXT[f.status]}${f.patientValue ? ` (${md(f.patientValue)})` : ''}`;
}

function modelLine(m: ModelResult): string {
  const title = `**${md(m.title)}**${m.locallyConfigured ? ' _(locally configured)_' : ''}`;
  switch (m.result) {
    case 'not-applicable':
      return `- ${title}: does not apply — ${md(m.reason)}`;
    case 'not-computed': {
      const blocked = [...m.missing.map((n) => INPUTS[n].label), ...m.conflicts.map((n) => `${INPUTS[n].label} (sources disagree)`)];
      return `- ${title}: not computed — needs ${md(blocked.join(', ') || 'inputs not available')}`;
    }
    case 'probability':
      return `- ${title}: **${md(m.display)}** chance of ${md(m.outcome)}${warnings(m)}`;
    case 'range': {
      const over = m.range.over.map((n) => INPUTS[n].label).join(', ');
      const choices = m.range.values.map((v) => `${assignmentText(v.assignment)} ${formatProbability(v.probability)}`).join('; ');
      return `- ${title}: **${md(m.display)}** chance of ${md(m.outcome)}, depending on ${md(over)} — ${md(choices)}${m.range.capped ? ' …' : ''}${warnings(m)}`;
    }
    case 'relative-odds': {
      const rates = m.observedRates.length > 0 ? `observed ${m.observedRates.map(observedText).join('; ')}` : 'no observed rate for this stratum';
      const local = m.calibrated ? `; **${md(m.calibrated.display)}** with a ${md(m.calibrated.calibration)}` : '';
      const odds = m.relativeOdds === null ? '' : `; relative odds ×${formatOdds(m.relativeOdds)} vs a patient with none of the factors (not a percentage)`;
      return `- ${title}: ${rates}${local}${odds} — ${m.factors.map(factorText).join('; ')}${warnings(m)}`;
    }
    case 'risk-factors': {
      const stats = m.statistics.map(md).join(' ');
      return `- ${title}: risk factors, no percentage published — ${m.factors.map(factorText).join('; ')}.${stats ? ` ${stats}` : ''}${warnings(m)}`;
    }
  }
}

function warnings(m: ModelResult): string {
  return m.warnings.length > 0 ? ` — ⚠ ${m.warnings.map(md).join('; ')}` : '';
}

/** One trial or guideline: verdict, what decides it, results; sources on their own line. */
function evidenceBlock(e: EvidenceEntry): string {
  const unmet = e.criteria.filter((c) => c.status === 'unmet').map(criterionLabel);
  const check = e.criteria.filter((c) => c.status === 'check').map(criterionLabel);
  const lines = [`- **${md(e.title)}**: ${VERDICT_TEXT[e.applies]}${e.superseded ? ' _(superseded)_' : ''} — ${md(e.population.text)}`];
  if (unmet.length > 0) lines.push(`  - Rules it out: ${unmet.map(md).join('; ')}`);
  if (e.questions.length > 0) lines.push(`  - To answer: ${e.questions.map(md).join(' ')}`);
  if (check.length > 0) lines.push(`  - Also check: ${check.map(md).join('; ')}`);
  for (const r of e.results) lines.push(`  - ${md(resultText(r))}`);
  if (e.kind === 'trial' && e.results.length === 0) lines.push('  - Results: not published');
  lines.push(`  - _${md(e.citation)}_`);
  return lines.join('\n');
}

function noteBlock(n: EvidenceNote): string {
  return [`**${md(n.title)}**`, ...n.statements.map((s) => `- ${md(s.text)} _${md(s.citation)}_`)].join('\n');
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

function presentFacts(facts: ClinicalFacts): [InputName, PresentFact][] {
  return INPUT_NAMES.flatMap((n) => {
    const fact = facts[n] as Fact;
    return fact.status === 'present' ? [[n, fact] as [InputName, PresentFact]] : [];
  });
}

export function renderDetail(assessment: Assessment): string {
  const parts: string[] = ['**Estimates**', assessment.models.map(modelLine).join('\n')];

  const used = presentFacts(assessment.inputs);
  if (used.length > 0) {
    parts.push(
      '**Inputs used**',
      ['| Input | Value | Source |', '|---|---|---|', ...used.map(([n, f]) => `| ${md(INPUTS[n].label)} | ${valueText(n, f)} | ${sourceText(f)} |`)].join('\n'),
    );
  }
  const { missing, conflicts } = neededInputs(assessment);
  if (missing.length > 0) parts.push(`**Inputs missing**: ${missing.map((n) => md(INPUTS[n].label)).join(', ')}`);
  if (conflicts.length > 0) {
    parts.push(`**Sources disagree**: ${conflicts.map((n) => md(INPUTS[n].label)).join(', ')} — review them in Nodal Risk`);
  }
  if (assessment.evidence.length > 0) parts.push('**Evidence**', assessment.evidence.map(evidenceBlock).join('\n'));
  for (const note of assessment.evidenceNotes) parts.push(noteBlock(note));
  parts.push('_Estimates and published evidence to inform the decision, not an order. Open Nodal Risk for every source and to correct inputs._');
  return parts.join('\n\n');
}
