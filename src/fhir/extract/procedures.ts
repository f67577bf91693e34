// Procedures and medications → the events other facts depend on: sentinel node biopsy (date,
// side), axillary dissection, breast surgery (type, date) and systemic therapy (date).
import { BREAST_CONSERVING_SNOMED, NEEDS_BREAST_CANCER_REASON, PROCEDURE_SNOMED } from '../codes.ts';
import type { Side } from '../../domain/vocabulary.ts';
import { parseBreastSurgery } from '../../report/phrases.ts';
import { codeKey, codingsOf, conceptText } from './coding.ts';
import type { Context } from './context.ts';
import { describeValue, type Json } from '../../domain/json.ts';
import { resourceRef } from '../fields.ts';
import { axillaryProcedure, DONE_PROCEDURE, performedDate, type AxillaryProcedure } from './procedure-reading.ts';
import { singleSide, sideOfBodySite } from './laterality.ts';
import { agentInText, hasBreastCancerReason, type Therapy } from './medications.ts';

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
  /** Breast surgeries; `kind` is absent when the code does not say its extent (Synthea's "Excision of breast tissue"). */
  breastSurgeries: (Event & { kind?: 'breast-conserving' | 'mastectomy' })[];
  systemicTherapies: Therapy[];
}

export function emptyEvents(): ClinicalEvents {
  return { sentinelBiopsies: [], axillaryDissections: [], breastSurgeries: [], systemicTherapies: [] };
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
  if (!DONE_PROCEDURE.has(describeValue(p.status)))
    return ctx.collector.ignore(ref, `status ${describeValue(p.status)}`);
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
  // A combined "sentinel node biopsy with axillary dissection" is both events.
  const axillary = axillaryProcedure(p);
  const coded = (c: AxillaryProcedure['sentinel']) => (c === true ? undefined : c);
  if (axillary.sentinel) events.sentinelBiopsies.push(event(coded(axillary.sentinel)));
  if (axillary.dissection) events.axillaryDissections.push(event(coded(axillary.dissection)));
  if (axillary.sentinel || axillary.dissection) return;
  const bcs = codings.find((c) => c.known === 'snomed' && c.code && BREAST_CONSERVING_SNOMED[c.code]);
  const kind = bcs ? 'breast-conserving' : parseBreastSurgery(text);
  if (kind) return void events.breastSurgeries.push({ ...event(bcs), kind });
  const excision = has(PROCEDURE_SNOMED.breastExcision);
  if (excision) return void events.breastSurgeries.push(event(excision));
  const chemo = has(PROCEDURE_SNOMED.chemotherapy);
  const agent = agentInText(text);
  if (chemo || /chemotherapy|systemic therapy/i.test(text) || agent) {
    const e = event(chemo);
    return void events.systemicTherapies.push({
      ...e,
      agent: agent?.name ?? 'chemotherapy',
      needsReason: agent ? NEEDS_BREAST_CANCER_REASON.has(agent.class) : false,
      breastCancerReason: hasBreastCancerReason(p, ctx),
      given: true,
    });
  }
  ctx.collector.ignore(
    ref,
    `procedure not used: ${text || codings.map(codeKey).filter(Boolean).join(', ') || 'no code'}`,
  );
}
