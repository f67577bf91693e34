// What every reader of Procedures and Specimens shares (the app's extraction, the dissection
// reader, validation outcomes): the statuses of a done procedure, its date, and the one decision of
// what is a sentinel node biopsy, an axillary dissection, and a specimen of the dissection.
import { PROCEDURE_SNOMED } from '../codes.ts';
import { field, records, str, type Json } from '../../domain/json.ts';
import {
  namesAxillaryDissection,
  namesDissectionNodes,
  namesSentinelBiopsy,
  namesSentinelNodesOnly,
} from '../../report/axillary-words.ts';
import { codingsOf, conceptText, type Coding } from './coding.ts';
import { isoDate } from '../fields.ts';

export const DONE_PROCEDURE = new Set(['completed', 'in-progress']);

export function performedDate(p: Json): string | undefined {
  return isoDate(p.performedDateTime) ?? isoDate(field(p.performedPeriod, 'start'));
}

/** Which axillary operations a Procedure's code names; a combined "SLNB with ALND" names both. */
export interface AxillaryProcedure {
  /** The SNOMED coding naming a sentinel node biopsy, or true when only its words do. */
  sentinel?: Coding | true;
  /** The SNOMED coding naming an axillary dissection, or true when only its words do. */
  dissection?: Coding | true;
}

const SENTINEL_CODES: ReadonlySet<string> = new Set([
  PROCEDURE_SNOMED.sentinelNodeBiopsy,
  PROCEDURE_SNOMED.sentinelNodeExcision,
]);

export function axillaryProcedure(p: Json): AxillaryProcedure {
  const snomed = codingsOf(p.code).filter((c) => c.known === 'snomed');
  const text = conceptText(p.code) ?? '';
  const out: AxillaryProcedure = {};
  const sentinel = snomed.find((c) => c.code && SENTINEL_CODES.has(c.code)) ?? namesSentinelBiopsy(text);
  if (sentinel) out.sentinel = sentinel;
  const dissection =
    snomed.find((c) => c.code === PROCEDURE_SNOMED.axillaryDissection) ?? namesAxillaryDissection(text);
  if (dissection) out.dissection = dissection;
  return out;
}

/** A Specimen's own words: type, collection site, notes. */
export function specimenWords(s: Json): string {
  return [conceptText(s.type), conceptText(field(s.collection, 'bodySite')), ...records(s.note).map((n) => str(n.text))]
    .filter(Boolean)
    .join(' ');
}

/** Its words say the specimen holds the dissection's (non-sentinel) nodes. */
export function isDissectionSpecimenByWords(s: Json): boolean {
  return namesDissectionNodes(specimenWords(s));
}

/** Its words say the specimen holds sentinel nodes and no others. */
export function isSentinelSpecimenByWords(s: Json): boolean {
  return namesSentinelNodesOnly(specimenWords(s));
}
