// FHIR resources → ClinicalFacts with provenance (docs/architecture.md "Extraction in three steps"). Pure: no I/O, no DOM.
// Any input is accepted; what cannot be used is listed in `ignored` with the reason.
import { emptyFacts, type ClinicalFacts, type IgnoredItem } from '../../domain/facts.ts';
import { Collector } from './candidate.ts';
import { extractCondition, type BreastCancer } from './conditions.ts';
import type { Context, ReportLink } from './context.ts';
import { describeValue, isRecord, records, str, type Json } from '../../domain/json.ts';
import { referenceOf, resourceRef } from '../fields.ts';
import { nodeCandidates } from './nodes.ts';
import { extractObservation } from './observations.ts';
import { extractPatient, listPatients, PatientLinks, patientReference } from './patient.ts';
import { extractMedication, markAdministeredRequests } from './medications.ts';
import { emptyEvents, extractProcedure, type ClinicalEvents } from './procedures.ts';
import {
  extractComposition,
  extractSpecimen,
  extractDiagnosticReport,
  extractDocumentReference,
  isPathologyReport,
} from './reports.ts';
import { resolveFacts } from './resolve.ts';
import { ResourceIndex } from './resource-index.ts';
import { dissectionContext } from './dissection.ts';
import { keepPreoperativeUltrasound } from './axillary-ultrasound.ts';
import { ageAnchor, hasSentinelNodes, isSentinelResult, pathologyDates } from './age-anchor.ts';
import { indexSide, neoadjuvantCandidates, surgeryCandidates } from './therapy.ts';
import type { DocumentReaders } from '../../report/readers.ts';
import type { ReportTextCache } from './read-ahead.ts';

export { listPatients } from './patient.ts';

export interface ExtractOptions {
  /** The patient to extract for; needed when the resources name several patients. */
  patientId?: string;
  /** Accepted for older callers and unused: an age is computed at a clinical date, never today. */
  now?: Date;
  /** Binary URL (as written in the attachment) → its decoded text, fetched by the caller. */
  binaries?: Record<string, string>;
  /**
   * Readers of rare document formats (report/readers.ts: ALL_DOCUMENT_READERS has them all). A
   * document whose reader is not given is listed as ignored, with the reason.
   */
  readers?: DocumentReaders;
  /** Report texts parsed ahead while the record loaded: the same facts, sooner (read-ahead.ts). */
  reportTexts?: ReportTextCache;
}

export interface Extraction {
  patient: { reference: string } | null;
  facts: ClinicalFacts;
  ignored: IgnoredItem[];
}

/** Resource types read only as context for others (medication names, report text). */
const CONTEXT_ONLY = new Set(['Medication', 'Binary', 'Bundle']);

/**
 * A Specimen without a subject belongs to the patient only when one of the patient's own
 * resources names it; otherwise its side and dates could be another patient's.
 */
function dropUntiedSpecimens(mine: Json[], unlinked: Set<Json>, collector: Collector): void {
  // Only an unlinked resource can be dropped: when every resource names its patient (the usual
  // record), the references of the others need not be read.
  if (unlinked.size === 0) return;
  const named = new Set<string>();
  for (const r of mine) {
    // Most resources (labs, vitals) name no specimen: nothing to read, nothing to allocate.
    const specimen = r.specimen;
    if (specimen === undefined || unlinked.has(r)) continue;
    if (!Array.isArray(specimen)) {
      const ref = referenceOf(specimen);
      if (ref) named.add(ref);
      continue;
    }
    for (const s of specimen) {
      const ref = referenceOf(s);
      if (ref) named.add(ref);
    }
  }
  for (let i = mine.length - 1; i >= 0; i--) {
    const r = mine[i]!;
    if (r.resourceType !== 'Specimen' || !unlinked.has(r) || named.has(resourceRef(r))) continue;
    collector.ignore(resourceRef(r), 'specimen without a subject that no resource of the patient names');
    mine.splice(i, 1);
  }
}

export function extractFacts(resources: unknown[], options: ExtractOptions): Extraction {
  // Each step is a function of its own: the optimising compiler then compiles small, stable
  // units (the loops over thousands of resources) instead of one function holding them all.
  const collector = new Collector();
  const valid = validResources(resources, collector);
  const links = new PatientLinks(valid);
  const patient = chosenPatient(valid, links, options.patientId, collector);
  if (!patient) return { patient: null, facts: emptyFacts(), ignored: collector.ignored };

  const unlinked = new Set<Json>();
  const mine = resourcesOf(patient, valid, links, unlinked, collector);
  dropUntiedSpecimens(mine, unlinked, collector);
  const context = recordWideContext(mine);

  const ctx: Context = {
    collector,
    byRef: new ResourceIndex(mine),
    reportOfResult: reportsOfResults(mine),
    binaries: options.binaries,
    readers: options.readers ?? {},
    reportTexts: options.reportTexts,
    nodeCounts: [],
    sentinelNodes: hasSentinelNodes(context),
    dissection: dissectionContext(context),
  };

  const events = emptyEvents();
  const cancers: BreastCancer[] = [];
  extractEach(mine, ctx, events, cancers);
  const pathology = pathologyDates(context, ctx.byRef);
  extractPatients(mine, ctx, ageAnchor(events, cancers, pathology));
  nodeCandidates(ctx, {
    sentinelBiopsy: events.sentinelBiopsies.length > 0,
    axillaryDissection: events.axillaryDissections.length > 0,
  });
  keepPreoperativeUltrasound(collector, events.sentinelBiopsies);
  surgeryCandidates(events, ctx);
  markAdministeredRequests(context, events);
  neoadjuvantCandidates(events, ctx, pathology.sentinel);

  const side = indexSide(cancers, events, collector.candidates);
  const resolved = resolveFacts(collector.candidates, side ? { indexSide: side } : {});
  return {
    patient: { reference: patient },
    facts: resolved.facts,
    ignored: collector.ignored.concat(resolved.ignored),
  };
}

/** The JSON objects with a resourceType; anything else is listed as ignored by its position. */
function validResources(resources: unknown[], collector: Collector): Json[] {
  const list = Array.isArray(resources) ? resources : [];
  const valid: Json[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) continue; // a hole of a sparse array, which forEach also passed over
    const r: unknown = list[i];
    if (!isRecord(r)) collector.ignore(`#${i}`, 'not a JSON object');
    else if (!str(r.resourceType)) collector.ignore(`#${i}`, 'no resourceType');
    else valid.push(r);
  }
  return valid;
}

/** The patient asked for, else the only one present; undefined (with the reason ignored) otherwise. */
function chosenPatient(
  valid: Json[],
  links: PatientLinks,
  patientId: string | undefined,
  collector: Collector,
): string | undefined {
  if (patientId) return patientReference(patientId);
  const patients = listPatients(valid, links);
  if (patients.length === 1) return patients[0];
  if (patients.length > 1) collector.ignore('(resources)', `several patients (${patients.join(', ')}) and none chosen`);
  else collector.ignore('(resources)', 'no patient found');
  return undefined;
}

/** The patient's resources and those tied to no patient (added to `unlinked`); the rest is ignored. */
function resourcesOf(
  patient: string,
  valid: Json[],
  links: PatientLinks,
  unlinked: Set<Json>,
  collector: Collector,
): Json[] {
  const mine: Json[] = [];
  for (const r of valid) {
    const link = links.of(r);
    if (link.kind === 'unresolved') collector.ignore(resourceRef(r), `not used: ${link.reason}`);
    else if (link.kind === 'patient' && link.patient !== patient)
      collector.ignore(resourceRef(r), `other patient (${link.patient})`);
    else {
      if (link.kind === 'patient' && link.via) collector.disclose(resourceRef(r), link.via);
      if (link.kind === 'none') unlinked.add(r);
      mine.push(r);
    }
  }
  return mine;
}

/** Result reference → the report that lists it (which specimen, whether it is pathology). */
function reportsOfResults(mine: Json[]): Map<string, ReportLink> {
  const reportOfResult = new Map<string, ReportLink>();
  for (const r of mine) {
    if (r.resourceType !== 'DiagnosticReport') continue;
    const link: ReportLink = { report: resourceRef(r), pathology: isPathologyReport(r) };
    const specimen = referenceOf(records(r.specimen)[0]);
    if (specimen) link.specimen = specimen;
    for (const result of records(r.result)) {
      const ref = referenceOf(result);
      if (ref) reportOfResult.set(ref, link);
    }
  }
  return reportOfResult;
}

/**
 * What the record-wide readers (sentinel nodes, dissection, age anchor, administrations) walk: all
 * but the Observations that count no sentinel node, so thousands of labs are passed over once.
 */
function recordWideContext(mine: Json[]): Json[] {
  return mine.filter((r) => r.resourceType !== 'Observation' || isSentinelResult(r));
}

function extractEach(mine: Json[], ctx: Context, events: ClinicalEvents, cancers: BreastCancer[]): void {
  for (const r of mine) extractResource(r, ctx, events, cancers);
}

/** Patients are read last: their age is taken at the anchor the other resources date. */
function extractPatients(mine: Json[], ctx: Context, anchor: ReturnType<typeof ageAnchor>): void {
  for (const r of mine) if (r.resourceType === 'Patient') extractPatient(r, ctx, anchor);
}

/** One resource → candidates and events, by its type; Patients are read after, with the age anchor. */
function extractResource(r: Json, ctx: Context, events: ClinicalEvents, cancers: BreastCancer[]): void {
  switch (r.resourceType) {
    case 'Procedure':
      return extractProcedure(r, ctx, events);
    case 'MedicationAdministration':
    case 'MedicationRequest':
    case 'MedicationStatement':
      return extractMedication(r, ctx, events);
    case 'Condition':
      return extractCondition(r, ctx, cancers);
    case 'Observation':
      return extractObservation(r, ctx);
    case 'DiagnosticReport':
      return extractDiagnosticReport(r, ctx);
    case 'DocumentReference':
      return extractDocumentReference(r, ctx);
    case 'Composition':
      return extractComposition(r, ctx);
    case 'Specimen':
      return extractSpecimen(r, ctx);
    case 'Patient':
      return;
    default:
      if (!CONTEXT_ONLY.has(describeValue(r.resourceType)))
        ctx.collector.ignore(resourceRef(r), `resource type ${describeValue(r.resourceType)} is not used`);
  }
}
