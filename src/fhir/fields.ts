// FHIR fields read from untrusted JSON: resource references and dates.
import { field, str, type Json } from '../domain/json.ts';

/** "Type/id" of a resource, or its type alone when it has no usable id. */
export function resourceRef(resource: Json): string {
  const type = str(resource.resourceType) ?? 'Resource';
  const id = str(resource.id);
  return id ? `${type}/${id}` : type;
}

const PLAIN_REFERENCE = /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * "Type/id" from a Reference string: absolute URLs and _history suffixes are stripped so
 * "https://ehr/fhir/Patient/p1/_history/2" and "Patient/p1" compare equal.
 */
export function normaliseReference(reference: string): string {
  // Most references are already "Type/id": nothing to strip.
  if (PLAIN_REFERENCE.test(reference)) return reference;
  const parts = reference.split(/[?#]/)[0]!.split('/').filter(Boolean);
  const history = parts.lastIndexOf('_history');
  const usable = history >= 2 ? parts.slice(0, history) : parts;
  if (usable.length >= 2) return `${usable[usable.length - 2]}/${usable[usable.length - 1]}`;
  return reference;
}

/** The Reference.reference of a field holding a Reference, normalised. */
export function referenceOf(value: unknown): string | undefined {
  const ref = str(field(value, 'reference'));
  return ref ? normaliseReference(ref) : undefined;
}

/** An ISO date (YYYY-MM-DD…) from a FHIR date/dateTime string, else undefined. */
export function isoDate(value: unknown): string | undefined {
  const s = str(value);
  // What /^\d{4}(-\d{2}(-\d{2})?)?/ accepts (its month and day are optional): four leading digits,
  // checked without a regular expression, as every dated resource is read several times.
  return s && s.length >= 4 && isDigit(s, 0) && isDigit(s, 1) && isDigit(s, 2) && isDigit(s, 3) ? s : undefined;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Milliseconds since epoch of a FHIR date with at least a day; partial dates give undefined. */
export function dateMs(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? ms : undefined;
}
