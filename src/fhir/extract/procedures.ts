// Procedures and medications → the events other facts depend on: sentinel node biopsy (date,
// side), axillary dissection, breast surgery (type, date) and systemic therapy (date).
import { BREAST_CONSERVING_SNOMED, PROCEDURE_SNOMED, SYSTEMIC_THERAPY_NAMES, type Side } from '../codes.ts';
import { parseBreastSurgery } from '../../report/phrases.ts';
import { codeKey, codingsOf, conceptText } from './coding.ts';
import type { Context } from './context.ts';
import { describeValue, field, isoDate, referenceOf, resourceRef, str, type Json } from './json.ts';
import { singleSide, sideOfBodySite } from './laterality.ts';

export interface Event {
  reference: string;
  date: string | undefined;
  code?: string;
  text?: string;
  side?: Side;
}

export interface ClinicalEvents {
  sentinelBiopsies: Event[];
  axillaryDissections: Event[];
  breastSurgeries: (Event & { kind: 'breast-conserving' | 'mastectomy' })[];
  systemicTherapies: Event[];
}

export function emptyEvents(): ClinicalEvents {
  return { sentinelBiopsies: [], axillaryDissections: [], breastSurgeries: [], systemicTherapies: [] };
}

const DONE_PROCEDURE = new Set(['completed', 'in-progress']);

function performedDate(p: Json): string | undefined {
  return isoDate(p.performedDateTime) ?? isoDate(field(p.performedPeriod, 'start'));
}

function sideOf(p: Json): Side | undefined {
  for (const site of Array.isArray(p.bodySite) ? p.bodySite : []) {
    const s = singleSide(sideOfBodySite(site));
    if (s) return s;
  }
  return undefined;
}

export function extractProcedure(p: Json, ctx: Context, events: ClinicalEvents): void {
  const ref = resourceRef(p);
  if (!DONE_PROCEDURE.has(describeValue(p.status))) return ctx.collector.ignore(ref, `status ${describeValue(p.status)}`);
  const codings = codingsOf(p.code);
  const text = conceptText(p.code) ?? '';
  const has = (code: string) => codings.find((c) => c.known === 'snomed' && c.code === code);
  const event = (code: ReturnType<typeof has>): Event => {
    const e: Event = { reference: ref, date: performedDate(p) };
    const key = code ? codeKey(code) : undefined;
    if (key) e.code = key;
    if (text) e.text = text;
    const side = sideOf(p);
    if (side) e.side = side;
    return e;
  };
  const slnb = has(PROCEDURE_SNOMED.sentinelNodeBiopsy);
  if (slnb || /sentinel (lymph )?node/i.test(text)) return void events.sentinelBiopsies.push(event(slnb));
  const alnd = has(PROCEDURE_SNOMED.axillaryDissection);
  if (alnd || /axillary (lymph node )?dissection|excision of axillary lymph node/i.test(text)) {
    return void events.axillaryDissections.push(event(alnd));
  }
  const bcs = codings.find((c) => c.known === 'snomed' && c.code && BREAST_CONSERVING_SNOMED[c.code]);
  const kind = bcs ? 'breast-conserving' : parseBreastSurgery(text);
  if (kind) return void events.breastSurgeries.push({ ...event(bcs), kind });
  const chemo = has(PROCEDURE_SNOMED.chemotherapy);
  if (chemo || /chemotherapy|systemic therapy/i.test(text) || therapyName(text)) {
    return void events.systemicTherapies.push(event(chemo));
  }
  ctx.collector.ignore(ref, `procedure not used: ${text || codings.map(codeKey).filter(Boolean).join(', ') || 'no code'}`);
}

function therapyName(text: string): string | undefined {
  const lower = text.toLowerCase();
  return SYSTEMIC_THERAPY_NAMES.find((name) => lower.includes(name));
}

const MEDICATION_STATUS: Record<string, Set<string>> = {
  MedicationAdministration: new Set(['completed', 'in-progress']),
  MedicationRequest: new Set(['active', 'completed']),
  MedicationStatement: new Set(['active', 'completed']),
};

/** Systemic anticancer medication (by generic name) with the date it was given, requested or taken. */
export function extractMedication(m: Json, ctx: Context, events: ClinicalEvents): void {
  const ref = resourceRef(m);
  const type = describeValue(m.resourceType);
  if (!MEDICATION_STATUS[type]?.has(describeValue(m.status))) return ctx.collector.ignore(ref, `status ${describeValue(m.status)}`);
  let concept: unknown = m.medicationCodeableConcept;
  const medRef = referenceOf(m.medicationReference);
  if (!concept && medRef) concept = ctx.byRef.get(medRef)?.code;
  const words = [conceptText(concept), ...codingsOf(concept).map((c) => c.display), str(field(m.medicationReference, 'display'))]
    .filter((t, i, all): t is string => !!t && all.indexOf(t) === i)
    .join(' ');
  const name = therapyName(words);
  if (!name) return ctx.collector.ignore(ref, `medication not a systemic breast cancer therapy: ${words || 'unnamed'}`);
  const date =
    type === 'MedicationRequest'
      ? isoDate(m.authoredOn)
      : isoDate(m.effectiveDateTime) ?? isoDate(field(m.effectivePeriod, 'start'));
  const e: Event = { reference: ref, date, text: words };
  events.systemicTherapies.push(e);
}
