// Medications → systemic therapy events for the neoadjuvant rule (therapy.ts): which agent, when
// it started, whether it was surely given, and whether it names breast cancer as its reason.
import { NEEDS_BREAST_CANCER_REASON, SYSTEMIC_AGENT_RXNORM, SYSTEMIC_AGENTS, type SystemicAgent } from '../codes.ts';
import { codingsOf, conceptText } from './coding.ts';
import { isBreastCancer } from './conditions.ts';
import type { Context } from './context.ts';
import { describeValue, field, records, str, type Json } from '../../domain/json.ts';
import { isoDate, referenceOf, resourceRef } from '../fields.ts';
import type { ClinicalEvents, Event } from './procedures.ts';

export interface Therapy extends Event {
  /** Generic name of the agent (or "chemotherapy" for an unnamed chemotherapy procedure). */
  agent: string;
  /** Endocrine, CDK4/6, PI3K/mTOR agents and methotrexate have other indications. */
  needsReason: boolean;
  breastCancerReason: boolean;
  /** False for a request that was stopped: it may have been halted before any dose. */
  given: boolean;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const AGENT_WORDS = SYSTEMIC_AGENTS.map((agent) => ({
  agent,
  re: new RegExp(`(?<![\\w-])(?:${[agent.name, ...agent.aliases].map(escape).join('|')})(?![\\w-])`, 'i'),
}));

/** The agent a medication text names, by generic name, brand name or abbreviation (whole words). */
export function agentInText(text: string): SystemicAgent | undefined {
  return AGENT_WORDS.find((w) => w.re.test(text))?.agent;
}

function agentByName(name: string): SystemicAgent | undefined {
  return SYSTEMIC_AGENTS.find((a) => a.name === name);
}

/** Does a resource give breast cancer as its reason (reasonCode, or reasonReference to a breast cancer Condition)? */
export function hasBreastCancerReason(r: Json, ctx: Context): boolean {
  for (const code of records(r.reasonCode)) if (isBreastCancer({ code })) return true;
  for (const ref of records(r.reasonReference)) {
    const target = ctx.byRef.get(referenceOf(ref) ?? '');
    if (target?.resourceType === 'Condition' && isBreastCancer(target)) return true;
  }
  return false;
}

const COUNTED_STATUS: Record<string, Set<string>> = {
  MedicationAdministration: new Set(['completed', 'in-progress']),
  MedicationRequest: new Set(['active', 'completed', 'stopped']),
  // A statement "stopped" says the patient took it and no longer does.
  MedicationStatement: new Set(['active', 'completed', 'stopped']),
};

function startDate(m: Json, type: string): string | undefined {
  if (type === 'MedicationRequest') {
    const bounds = field(field(records(m.dosageInstruction)[0]?.timing, 'repeat'), 'boundsPeriod');
    return isoDate(m.authoredOn) ?? isoDate(field(bounds, 'start'));
  }
  return isoDate(m.effectiveDateTime) ?? isoDate(field(m.effectivePeriod, 'start'));
}

/** Systemic anticancer medication with the date it was given, requested or taken. */
export function extractMedication(m: Json, ctx: Context, events: ClinicalEvents): void {
  const ref = resourceRef(m);
  const type = describeValue(m.resourceType);
  const status = describeValue(m.status);
  if (!COUNTED_STATUS[type]?.has(status)) return ctx.collector.ignore(ref, `status ${status}`);
  let concept: unknown = m.medicationCodeableConcept;
  const medRef = referenceOf(m.medicationReference);
  if (!concept && medRef) concept = ctx.byRef.get(medRef)?.code;
  const codings = codingsOf(concept);
  const words = [conceptText(concept), ...codings.map((c) => c.display), str(field(m.medicationReference, 'display'))]
    .filter((t, i, all): t is string => !!t && all.indexOf(t) === i)
    .join(' ');
  const coded = codings.find((c) => c.known === 'rxnorm' && c.code && SYSTEMIC_AGENT_RXNORM[c.code]);
  const agent = (coded ? agentByName(SYSTEMIC_AGENT_RXNORM[coded.code!]!) : undefined) ?? agentInText(words);
  if (!agent)
    return ctx.collector.ignore(ref, `medication not a systemic breast cancer therapy: ${words || 'unnamed'}`);
  const e: Therapy = {
    reference: ref,
    date: startDate(m, type),
    text: words || agent.name,
    agent: agent.name,
    needsReason: NEEDS_BREAST_CANCER_REASON.has(agent.class),
    breastCancerReason: hasBreastCancerReason(m, ctx),
    given: !(type === 'MedicationRequest' && status === 'stopped'),
  };
  if (coded?.code) e.code = `${coded.system ?? 'http://www.nlm.nih.gov/research/umls/rxnorm'}|${coded.code}`;
  events.systemicTherapies.push(e);
}

/** A stopped request counts as given when an administration points at it. */
export function markAdministeredRequests(resources: Json[], events: ClinicalEvents): void {
  const administered = new Set<string>();
  for (const r of resources) {
    if (
      r.resourceType !== 'MedicationAdministration' ||
      !COUNTED_STATUS.MedicationAdministration!.has(describeValue(r.status))
    )
      continue;
    const req = referenceOf(r.request);
    if (req) administered.add(req);
  }
  for (const t of events.systemicTherapies) if (administered.has(t.reference)) t.given = true;
}
