// What every reader of Procedures and Specimens shares (the app's extraction, the dissection
// reader, validation outcomes): the statuses of a done procedure, its date, and the one decision of
// what is a sentinel node biopsy, an axillary dissection, and a specimen of the dissection.
import { PROCEDURE_SNOMED } from '../codes.ts';
import { field, isRecord, str, type Json } from '../../domain/json.ts';
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

/** Texts remembered per reading, and the longest text remembered: the cache stays small. */
const MAX_REMEMBERED = 1024;
const MAX_REMEMBERED_LENGTH = 256;

/**
 * A reading of words, remembered by the words: every record names its procedures and specimens in
 * the words of a few code displays and templates, read several times per record (sentinel nodes,
 * dissection, age anchor, events). Bounded, as input is untrusted.
 */
function rememberedByText(read: (text: string) => boolean): (text: string) => boolean {
  const known = new Map<string, boolean>();
  return (text) => {
    if (text.length > MAX_REMEMBERED_LENGTH) return read(text);
    let value = known.get(text);
    if (value === undefined) {
      value = read(text);
      if (known.size >= MAX_REMEMBERED) known.clear();
      known.set(text, value);
    }
    return value;
  };
}

const sentinelBiopsyNamed = rememberedByText(namesSentinelBiopsy);
const axillaryDissectionNamed = rememberedByText(namesAxillaryDissection);
/** namesSentinelNodesOnly, remembered by the words. */
export const sentinelNodesOnlyNamed = rememberedByText(namesSentinelNodesOnly);
const dissectionNodesNamed = rememberedByText(namesDissectionNodes);

export function axillaryProcedure(p: Json): AxillaryProcedure {
  const codings = codingsOf(p.code);
  const out: AxillaryProcedure = {};
  const sentinel = snomedIn(codings, SENTINEL_CODES) ?? sentinelBiopsyNamed(conceptText(p.code) ?? '');
  if (sentinel) out.sentinel = sentinel;
  const dissection = snomedIn(codings, DISSECTION_CODES) ?? axillaryDissectionNamed(conceptText(p.code) ?? '');
  if (dissection) out.dissection = dissection;
  return out;
}

const DISSECTION_CODES: ReadonlySet<string> = new Set([PROCEDURE_SNOMED.axillaryDissection]);

/** The first SNOMED coding with one of the codes. */
function snomedIn(codings: readonly Coding[], codes: ReadonlySet<string>): Coding | undefined {
  for (const c of codings) if (c.known === 'snomed' && c.code && codes.has(c.code)) return c;
  return undefined;
}

/**
 * A specimen's words, by the specimen object: each specimen is read several times per record (the
 * sentinel and dissection readers, the age anchor, the outcome reader), and joining its words anew
 * each time also made the remembered readings above hash the new text. Weak, as the side of a
 * specimen in context.ts: an entry lives as long as its resource, which extraction never changes.
 */
const wordsOfSpecimen = new WeakMap<Json, string>();

/** A Specimen's own words: type, collection site, notes (joined by spaces, without empty ones). */
export function specimenWords(s: Json): string {
  let words = wordsOfSpecimen.get(s);
  if (words === undefined) {
    words = joinedWords(s);
    wordsOfSpecimen.set(s, words);
  }
  return words;
}

function joinedWords(s: Json): string {
  let words = joinWords('', conceptText(s.type));
  words = joinWords(words, conceptText(field(s.collection, 'bodySite')));
  if (Array.isArray(s.note))
    for (const n of s.note as unknown[]) if (isRecord(n)) words = joinWords(words, str(n.text));
  return words;
}

function joinWords(words: string, more: string | undefined): string {
  if (!more) return words;
  return words ? `${words} ${more}` : more;
}

/** Its words say the specimen holds the dissection's (non-sentinel) nodes. */
export function isDissectionSpecimenByWords(s: Json): boolean {
  return dissectionNodesNamed(specimenWords(s));
}

/** Its words say the specimen holds sentinel nodes and no others. */
export function isSentinelSpecimenByWords(s: Json): boolean {
  return sentinelNodesOnlyNamed(specimenWords(s));
}
