// Procedures and medications → the events other facts depend on: sentinel node biopsy (date,
// side), axillary dissection, breast surgery (type, date) and systemic therapy (date).
import { BREAST_CONSERVING_SNOMED, NEEDS_BREAST_CANCER_REASON, PROCEDURE_SNOMED } from '../codes.ts';
import type { Side } from '../../domain/vocabulary.ts';
import { parseBreastSurgery } from '../../report/phrases.ts';
import { codeKey, codingsOf, conceptText, type Coding } from './coding.ts';
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
  // A combined "sentinel node biopsy with axillary dissection" is both events.
  const axillary = axillaryProcedure(p);
  if (axillary.sentinel) events.sentinelBiopsies.push(eventOf(p, ref, text, codedOnly(axillary.sentinel)));
  if (axillary.dissection) events.axillaryDissections.push(eventOf(p, ref, text, codedOnly(axillary.dissection)));
  if (axillary.sentinel || axillary.dissection) return;
  const bcs = breastConserving(codings);
  const kind = bcs ? 'breast-conserving' : parseBreastSurgery(text);
  if (kind) {
    const surgery: ClinicalEvents['breastSurgeries'][number] = eventOf(p, ref, text, bcs);
    surgery.kind = kind;
    return void events.breastSurgeries.push(surgery);
  }
  const excision = snomedCoding(codings, PROCEDURE_SNOMED.breastExcision);
  if (excision) return void events.breastSurgeries.push(eventOf(p, ref, text, excision));
  const chemo = snomedCoding(codings, PROCEDURE_SNOMED.chemotherapy);
  const agent = agentInText(text);
  if (chemo || /chemotherapy|systemic therapy/i.test(text) || agent) {
    const e = eventOf(p, ref, text, chemo);
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

// The steps below are functions of their own, not closures made for each Procedure.

/** The coding of an axillary procedure, when a code (not only words) named it. */
function codedOnly(c: AxillaryProcedure['sentinel']): Coding | undefined {
  return c === true ? undefined : c;
}

function snomedCoding(codings: readonly Coding[], code: string): Coding | undefined {
  for (const c of codings) if (c.known === 'snomed' && c.code === code) return c;
  return undefined;
}

function breastConserving(codings: readonly Coding[]): Coding | undefined {
  for (const c of codings) if (c.known === 'snomed' && c.code && BREAST_CONSERVING_SNOMED[c.code]) return c;
  return undefined;
}

/** The Procedure as an event: its date, the coding that named it, its words and side. */
function eventOf(p: Json, reference: string, text: string, code: Coding | undefined): Event {
  const e: Event = { reference, date: performedDate(p) };
  const key = code ? codeKey(code) : undefined;
  if (key) e.code = key;
  if (text) e.text = text;
  const side = sideOf(p);
  if (side) e.side = side;
  return e;
}
