// Which patient the resources are about, whether a resource belongs to them, sex and age.
import type { Source } from '../../domain/facts.ts';
import type { Context } from './context.ts';
import { field, isoDate, normaliseReference, resourceRef, str, type Json } from './json.ts';

/** The patient a resource points at (subject or patient), normalised to "Patient/id". */
export function patientLink(resource: Json): string | undefined {
  if (resource.resourceType === 'Patient') return str(resource.id) ? resourceRef(resource) : undefined;
  for (const key of ['subject', 'patient']) {
    const ref = str(field(resource[key], 'reference'));
    if (ref) {
      const n = normaliseReference(ref);
      if (n.startsWith('Patient/')) return n;
    }
  }
  return undefined;
}

/** Every patient named by the resources (Patient resources and subject references), sorted. */
export function listPatients(resources: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const r of resources) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    const link = patientLink(r as Json);
    if (link) found.add(link);
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

export function extractPatient(patient: Json, ctx: Context, anchor: AgeAnchor): void {
  const ref = resourceRef(patient);
  const gender = str(patient.gender);
  if (gender === 'female' || gender === 'male' || gender === 'other' || gender === 'unknown') {
    ctx.collector.add({ input: 'sex', value: gender, origin: 'fhir', source: { reference: ref, text: `gender ${gender}` }, status: 'final' });
  }
  const birthDate = isoDate(patient.birthDate);
  if (!birthDate) return ctx.collector.ignore(ref, 'ageYears: no birth date');
  const age = wholeYears(birthDate, anchor.date);
  if (age === undefined) return ctx.collector.ignore(ref, `ageYears: birth date "${birthDate}" is not a full date or is after ${anchor.date}`);
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
