// Which patient the resources are about, whether a resource belongs to them, sex and age.
import type { Source } from '../../domain/facts.ts';
import type { Context } from './context.ts';
import { field, isRecord, str, type Json } from '../../domain/json.ts';
import { isoDate, normaliseReference, resourceRef } from '../fields.ts';

/** How a resource is tied to a patient: a patient reference, an identifier match (disclosed), or unresolved. */
export type PatientLink =
  { kind: 'none' } | { kind: 'patient'; patient: string; via?: string } | { kind: 'unresolved'; reason: string };

/** A loop, not map/filter: an array empty in some records and not in others made V8 optimise the caller again. */
function identifierValues(patient: Json): string[] {
  const values: string[] = [];
  const identifiers = patient.identifier;
  if (!Array.isArray(identifiers)) return values;
  for (const i of identifiers) {
    const value = isRecord(i) ? str(i.value) : undefined;
    if (value) values.push(value);
  }
  return values;
}

/** No tie to any patient; one object for all, read and never changed. */
const NO_LINK: PatientLink = Object.freeze({ kind: 'none' });
/** A record names few distinct subjects; a table shared across records (validate) must not grow with the cohort. */
const MAX_RESOLVED = 1024;

/**
 * Resolves subject/patient references against the Patient resources present: "urn:uuid:" through
 * the resource ids the Bundle's fullUrls gave, and "Patient/x" where x is no Patient's id but is
 * exactly one Patient's identifier value. Anything else ambiguous is unresolved, never merged.
 */
export class PatientLinks {
  private readonly ids = new Set<string>();
  private readonly byIdentifier = new Map<string, Set<string>>();
  /** "urn:uuid:id" → "Type/id", built on the first urn:uuid reference (most records have none). */
  private uuidMap: Map<string, string> | undefined;

  constructor(private readonly resources: readonly unknown[]) {
    for (const r of resources) {
      if (!isRecord(r) || r.resourceType !== 'Patient') continue;
      const id = str(r.id);
      if (!id) continue;
      this.ids.add(id);
      for (const v of identifierValues(r)) {
        const set = this.byIdentifier.get(v) ?? new Set<string>();
        set.add(id);
        this.byIdentifier.set(v, set);
      }
    }
  }

  private get uuids(): Map<string, string> {
    if (this.uuidMap) return this.uuidMap;
    const uuids = new Map<string, string>();
    for (const r of this.resources) {
      if (!isRecord(r)) continue;
      const id = str(r.id);
      if (id && str(r.resourceType)) uuids.set(`urn:uuid:${id}`, `${r.resourceType as string}/${id}`);
    }
    return (this.uuidMap = uuids);
  }

  of(resource: Json): PatientLink {
    if (resource.resourceType === 'Patient')
      return str(resource.id) ? { kind: 'patient', patient: resourceRef(resource) } : { kind: 'none' };
    // subject, then patient: named loads, which stay fast on resources of many shapes where a
    // key read from a list is a generic keyed load.
    return this.#linkOf(resource.subject) ?? this.#linkOf(resource.patient) ?? NO_LINK;
  }

  /** The link a subject or patient field states, if it states one. */
  #linkOf(target: unknown): PatientLink | undefined {
    if (!isRecord(target)) return undefined;
    const ref = str(target.reference);
    if (ref) return this.resolve(ref);
    const identifier = str(field(target.identifier, 'value'));
    if (identifier) return this.byIdentifierValue(identifier, `identifier ${identifier}`);
    return undefined;
  }

  /** Thousands of resources repeat one subject reference: each distinct reference is resolved once. */
  private readonly resolved = new Map<string, PatientLink>();

  private resolve(ref: string): PatientLink {
    let link = this.resolved.get(ref);
    if (!link) {
      if (this.resolved.size >= MAX_RESOLVED) this.resolved.clear();
      this.resolved.set(ref, (link = this.resolveOnce(ref)));
    }
    return link;
  }

  private resolveOnce(ref: string): PatientLink {
    if (/^urn:uuid:/i.test(ref)) {
      const target = this.uuids.get(ref.toLowerCase()) ?? this.uuids.get(ref);
      if (!target) return { kind: 'unresolved', reason: `subject ${ref} names no resource in the data` };
      return target.startsWith('Patient/') ? { kind: 'patient', patient: target } : { kind: 'none' };
    }
    const n = normaliseReference(ref);
    if (!n.startsWith('Patient/')) return { kind: 'none' };
    const id = n.slice('Patient/'.length);
    if (this.ids.has(id) || this.ids.size === 0) return { kind: 'patient', patient: n };
    const byIdentifier = this.byIdentifierValue(id, n);
    // No Patient resource knows this reference at all: it is another patient's (or one not fetched).
    return byIdentifier.kind === 'none' ? { kind: 'patient', patient: n } : byIdentifier;
  }

  private byIdentifierValue(value: string, written: string): PatientLink {
    const holders = [...(this.byIdentifier.get(value) ?? [])];
    if (holders.length === 0) return { kind: 'none' };
    if (holders.length > 1) {
      return {
        kind: 'unresolved',
        reason: `subject ${written} matches the identifier of several patients (${holders.map((h) => `Patient/${h}`).join(', ')})`,
      };
    }
    const patient = `Patient/${holders[0]!}`;
    return {
      kind: 'patient',
      patient,
      via: `subject ${written} matched to ${patient} through its identifier ${value}, not its id`,
    };
  }
}

/** The patient a resource points at (subject or patient), normalised to "Patient/id". */
export function patientLink(resource: Json, links = new PatientLinks([])): string | undefined {
  const link = links.of(resource);
  return link.kind === 'patient' ? link.patient : undefined;
}

/** Every patient named by the resources (Patient resources and resolvable subject references), sorted. */
export function listPatients(resources: readonly unknown[], links = new PatientLinks(resources)): string[] {
  const found = new Set<string>();
  for (const r of resources) {
    if (!isRecord(r)) continue;
    const link = links.of(r);
    if (link.kind === 'patient') found.add(link.patient);
  }
  return [...found].sort();
}

export function patientReference(id: string): string {
  return id.startsWith('Patient/') ? id : `Patient/${id}`;
}

/** Whole years from a full birth date to a date (both YYYY-MM-DD…); undefined for partial dates. */
export function wholeYears(birthDate: string, at: string): number | undefined {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const a = /^(\d{4})-(\d{2})-(\d{2})/.exec(at);
  if (!b || !a) return undefined;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ay, am, ad] = [Number(a[1]), Number(a[2]), Number(a[3])];
  const years = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
  return years >= 0 ? years : undefined;
}

export interface AgeAnchor {
  date: string;
  source?: Source;
  note: string;
}

export function extractPatient(patient: Json, ctx: Context, anchor: AgeAnchor | undefined): void {
  const ref = resourceRef(patient);
  const gender = str(patient.gender);
  if (gender === 'female' || gender === 'male' || gender === 'other' || gender === 'unknown') {
    ctx.collector.add({
      input: 'sex',
      value: gender,
      origin: 'fhir',
      source: { reference: ref, text: `gender ${gender}` },
      status: 'final',
    });
  }
  const birthDate = isoDate(patient.birthDate);
  if (!birthDate) return ctx.collector.ignore(ref, 'ageYears: no birth date');
  if (!anchor) {
    return ctx.collector.ignore(
      ref,
      'ageYears: no dated sentinel node biopsy, surgery, pathology report or diagnosis to compute the age at',
    );
  }
  const age = wholeYears(birthDate, anchor.date);
  if (age === undefined)
    return ctx.collector.ignore(
      ref,
      `ageYears: birth date "${birthDate}" is not a full date or is after ${anchor.date}`,
    );
  ctx.collector.add({
    input: 'ageYears',
    value: age,
    origin: 'fhir',
    source: { reference: ref, date: birthDate, text: `birthDate ${birthDate}` },
    ...(anchor.source ? { moreSources: [anchor.source] } : {}),
    status: 'final',
    note: anchor.note,
  });
}
