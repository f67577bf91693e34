// The human-readable report of `nodal-risk score` (text mode).
import type { Fact, PresentFact } from '../domain/facts.ts';
import {
  INPUT_NAMES,
  INPUTS,
  formatInputValue,
  formatNumber,
  type InputName,
  type InputValue,
} from '../domain/vocabulary.ts';
import type { Assessment } from '../models/evaluate.ts';
import {
  VERDICT_TEXT,
  criterionLabel,
  criterionStatusText,
  resultText,
  type EvidenceEntry,
  type EvidenceNote,
} from '../models/evidence/index.ts';
import { assignmentText, formatOdds, formatProbability, percentOf } from '../models/display.ts';
import type { ModelResult, ObservedRateResult, RangeResult } from '../models/result.ts';

const ORIGIN_LABEL = { fhir: 'EHR', 'report-text': 'report text', derived: 'derived', clinician: 'entered' } as const;

function describeSource(fact: PresentFact): string {
  const source = fact.sources[0];
  const where =
    source && source.reference !== 'clinician' ? ` ${source.reference}${source.date ? ` ${source.date}` : ''}` : '';
  return `[${ORIGIN_LABEL[fact.origin]}${where}]`;
}

function inputLine(name: InputName, fact: Fact): string | null {
  const label = INPUTS[name].label.padEnd(44);
  if (fact.status === 'present')
    return `  ${label} ${formatInputValue(name, fact.value as InputValue)} ${describeSource(fact as PresentFact)}`;
  if (fact.status === 'conflict') {
    const options = fact.candidates.map(
      (c) => `${formatInputValue(name, c.value as InputValue)} ${describeSource(c as PresentFact)}`,
    );
    return `  ${label} CONFLICT: ${options.join(' vs ')}`;
  }
  return null;
}

function rangeChoices(m: RangeResult): string {
  const shown = m.range.values.map((v) => `${assignmentText(v.assignment)} ${formatProbability(v.probability)}`);
  return `${shown.join('; ')}${m.range.capped ? '; …' : ''}`;
}

function observedText(r: ObservedRateResult): string {
  const counts = r.events !== undefined && r.total !== undefined ? `${r.events}/${r.total}, ` : '';
  return `${counts}${percentOf(r.rate)} ${r.outcome} with ${r.label} (${r.source})`;
}

function headline(m: ModelResult): string {
  switch (m.result) {
    case 'not-applicable':
      return `not applicable: ${m.reason}`;
    case 'not-computed': {
      const parts = [];
      if (m.missing.length) parts.push(`missing ${m.missing.join(', ')}`);
      if (m.conflicts.length) parts.push(`conflicting ${m.conflicts.join(', ')}`);
      return `not computed: ${parts.join('; ')}`;
    }
    case 'probability':
      return `${m.display} (${formatNumber(m.probability * 100)}%)${m.calibration ? `, ${m.calibration}` : ''}`;
    case 'range':
      return `${m.display} depending on ${m.range.over.join(', ')}${m.calibration ? `, ${m.calibration}` : ''}`;
    case 'relative-odds': {
      const head = m.observedRates[0]
        ? `observed ${observedText(m.observedRates[0])}`
        : 'no observed rate for this stratum';
      return m.calibrated ? `${head}; ${m.calibrated.display} with a ${m.calibrated.calibration}` : head;
    }
    case 'risk-factors':
      return 'risk factors (no percentage published)';
  }
}

function modelLines(m: ModelResult): string[] {
  const lines = [`  ${m.title}${m.locallyConfigured ? ' (locally configured)' : ''}: ${headline(m)}`];
  if (m.result === 'not-applicable') return lines;
  lines.push(`    Outcome: ${m.outcome}`);
  if (m.result === 'range') lines.push(`    Each choice: ${rangeChoices(m)}`);
  if ('contributions' in m && m.contributions.length) {
    const drivers = m.contributions
      .filter((c) => c.value !== 0)
      .map((c) => `${c.label} ${c.value > 0 ? '+' : ''}${c.value.toFixed(2)}`);
    if (drivers.length) lines.push(`    Drivers (log-odds): ${drivers.join('; ')}`);
  }
  if (m.result === 'relative-odds') {
    for (const r of m.observedRates.slice(1)) lines.push(`    Also observed: ${observedText(r)}`);
    const odds =
      m.relativeOdds === null ? 'not computed (a coded factor is unknown)' : `×${formatOdds(m.relativeOdds)}`;
    lines.push(`    Relative odds vs a patient with none of the factors (not a percentage): ${odds}`);
  }
  if (m.result === 'relative-odds' || m.result === 'risk-factors') {
    for (const f of m.factors) {
      const odds = f.oddsRatio ? ` OR ${f.oddsRatio}${f.ci95 ? ` (95% CI ${f.ci95[0]}–${f.ci95[1]})` : ''}` : '';
      lines.push(
        `    - ${f.label}${odds}: ${f.status}${f.patientValue ? ` (${f.patientValue})` : ''}${f.note ? `; ${f.note}` : ''}`,
      );
    }
  }
  if (m.result === 'risk-factors') for (const s of m.statistics) lines.push(`    Published: ${s}`);
  for (const n of m.notes) lines.push(`    Note: ${n}`);
  for (const w of m.warnings) lines.push(`    Warning: ${w}`);
  lines.push(`    Source: ${m.citation}`);
  return lines;
}

function evidenceLines(e: EvidenceEntry): string[] {
  const lines = [`  ${e.title}: ${VERDICT_TEXT[e.applies]}${e.superseded ? ' (superseded)' : ''}`];
  lines.push(`    ${e.population.text}`);
  for (const c of e.criteria) lines.push(`    [${criterionStatusText(c)}] ${criterionLabel(c)}`);
  if (e.questions.length) lines.push(`    To answer: ${e.questions.join(' ')}`);
  for (const r of e.results) lines.push(`    ${resultText(r)} [${r.citation}]`);
  if (e.notPublished.length) lines.push(`    Not published: ${e.notPublished.join('; ')}`);
  if (e.superseded) lines.push(`    ${e.superseded}`);
  lines.push(`    Source: ${e.citation}`);
  return lines;
}

function noteLines(n: EvidenceNote): string[] {
  return [`  ${n.title}`, ...n.statements.map((s) => `    ${s.text} [${s.citation}]`)];
}

export function formatAssessmentText(assessment: Assessment): string {
  const lines = [
    'Nodal Risk assessment',
    `Patient: ${assessment.patient?.reference ?? '(inputs entered by the clinician)'}`,
    '',
    'Inputs',
  ];
  const absent: InputName[] = [];
  for (const name of INPUT_NAMES) {
    const line = inputLine(name, assessment.inputs[name]);
    if (line) lines.push(line);
    else absent.push(name);
  }
  lines.push(`  Not available: ${absent.join(', ') || 'none'}`, '', 'Models');
  for (const m of assessment.models) lines.push(...modelLines(m));
  lines.push('', 'Evidence');
  if (assessment.evidence.length === 0)
    lines.push('  No trial situation can be determined from these inputs (nodal burden unknown).');
  for (const e of assessment.evidence) lines.push(...evidenceLines(e));
  for (const n of assessment.evidenceNotes) lines.push(...noteLines(n));
  if (assessment.ignored.length) {
    lines.push('', 'Ignored');
    for (const i of assessment.ignored) lines.push(`  ${i.reference}: ${i.reason}`);
  }
  lines.push(
    '',
    'These estimates are the probability of further nodal disease, not of recurrence or survival.',
    'They support and do not replace clinical judgement.',
  );
  return `${lines.join('\n')}\n`;
}
