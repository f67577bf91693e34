// CodeableConcept reading: normalised systems, lookups in the code tables of codes.ts.
import { SYSTEM, SYSTEM_ALIASES, type SystemName } from '../codes.ts';
import { isRecord, str } from '../../domain/json.ts';

export interface Coding {
  /** The system as written in the resource (kept for provenance). */
  system?: string;
  /** The system recognised from SYSTEM_ALIASES, if any. */
  known?: SystemName;
  code?: string;
  display?: string;
}

/**
 * Systems seen so far → their name (null: none); a record repeats a few systems thousands of
 * times. Bounded, as input is untrusted.
 */
const systemCache = new Map<string, SystemName | null>();
const SYSTEM_CACHE_MAX = 1024;

export function systemName(system: string | undefined): SystemName | undefined {
  if (!system) return undefined;
  // One Map read for a system seen before (has + get was two).
  const cached = systemCache.get(system);
  if (cached !== undefined) return cached ?? undefined;
  const name = SYSTEM_ALIASES[system.trim().replace(/\/+$/, '').toLowerCase()];
  if (systemCache.size >= SYSTEM_CACHE_MAX) systemCache.clear();
  systemCache.set(system, name ?? null);
  return name;
}

const NO_CODINGS: readonly Coding[] = Object.freeze([]);

/**
 * The codings of a concept, read afresh on each call: most concepts are read once or twice, and a
 * cache keyed by the concept object cost more (in lookups and garbage collection) than it saved.
 */
export function codingsOf(concept: unknown): readonly Coding[] {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return NO_CODINGS;
  const out: Coding[] = [];
  for (const c of concept.coding as unknown[]) if (isRecord(c)) out.push(readCoding(c));
  return out;
}

/** The first coding of a concept (what codingsOf(concept)[0] is), built alone. */
export function firstCoding(concept: unknown): Coding | undefined {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return undefined;
  for (const c of concept.coding as unknown[]) if (isRecord(c)) return readCoding(c);
  return undefined;
}

function readCoding(c: Record<string, unknown>): Coding {
  const system = str(c.system);
  return readCodingOf(c, system, systemName(system));
}

/** readCoding with the system already read and named. */
function readCodingOf(c: Record<string, unknown>, system: string | undefined, known: SystemName | undefined): Coding {
  const code = codeOf(c);
  const display = str(c.display);
  const out: Coding = {};
  if (system) out.system = system;
  if (known) out.known = known;
  if (code) out.code = code;
  if (display) out.display = display;
  return out;
}

/** A coding's code, trimmed; undefined when absent or blank. */
function codeOf(c: Record<string, unknown>): string | undefined {
  return str(c.code)?.trim() || undefined;
}

/** CodeableConcept.text, else the first coding display: the words a human would read. */
export function conceptText(concept: unknown): string | undefined {
  if (!isRecord(concept)) return undefined;
  const text = str(concept.text);
  if (text) return text;
  if (!Array.isArray(concept.coding)) return undefined;
  for (const c of concept.coding as unknown[]) {
    const display = isRecord(c) ? str(c.display) : undefined;
    if (display) return display;
  }
  return undefined;
}

/** "system|code" for provenance; the system as written, or the canonical one when absent. */
export function codeKey(coding: Coding): string | undefined {
  if (!coding.code) return undefined;
  const system = coding.system ?? (coding.known ? SYSTEM[coding.known] : undefined);
  return system ? `${system}|${coding.code}` : coding.code;
}

type Table<V> = Partial<Record<SystemName, Record<string, V>>>;

/**
 * Each table as Maps (system name → code → value), made on its first lookup: a Map finds a code
 * read from JSON by its hash, where an object of codes is a keyed property load that the many
 * tables make megamorphic. Keyed weakly by the table, so a table made per call costs a Map each
 * time: tables are module constants.
 */
const tableMaps = new WeakMap<object, Map<unknown, Map<string, unknown>>>();

function mapsOf<V>(table: Table<V>): Map<unknown, Map<string, V>> {
  let maps = tableMaps.get(table);
  if (!maps) {
    maps = new Map();
    for (const system of Object.keys(table)) {
      const values = table[system as SystemName]!;
      maps.set(system, new Map(Object.keys(values).map((code) => [code, values[code]])));
    }
    tableMaps.set(table, maps);
  }
  return maps as Map<unknown, Map<string, V>>;
}

/** The first coding found in a table, with the table's value. Reads the raw codings: only a hit is built. */
export function lookup<V>(concept: unknown, table: Table<V>): { value: V; coding: Coding } | undefined {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return undefined;
  const maps = mapsOf(table);
  for (const c of concept.coding as unknown[]) {
    if (!isRecord(c)) continue;
    const system = str(c.system);
    const known = systemName(system);
    if (!known) continue;
    const values = maps.get(known);
    if (!values) continue;
    const code = codeOf(c);
    if (code === undefined) continue;
    const value = values.get(code);
    if (value !== undefined || values.has(code)) return { value: value as V, coding: readCodingOf(c, system, known) };
  }
  return undefined;
}

export function hasCode(concept: unknown, system: SystemName, code: string): boolean {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return false;
  for (const c of concept.coding as unknown[]) {
    if (isRecord(c) && codeOf(c) === code && systemName(str(c.system)) === system) return true;
  }
  return false;
}

/** Does any coding, of any system, carry one of these codes? Asked of every Observation: no arrays built. */
export function hasCodeIn(concept: unknown, codes: ReadonlySet<string>): boolean {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return false;
  for (const c of concept.coding as unknown[]) {
    const code = isRecord(c) ? codeOf(c) : undefined;
    if (code && codes.has(code)) return true;
  }
  return false;
}
