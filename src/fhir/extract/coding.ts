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

/** Systems seen so far → their name; a record repeats a few systems thousands of times. Bounded, as input is untrusted. */
const systemCache = new Map<string, SystemName | undefined>();
const SYSTEM_CACHE_MAX = 1024;

export function systemName(system: string | undefined): SystemName | undefined {
  if (!system) return undefined;
  if (systemCache.has(system)) return systemCache.get(system);
  const name = SYSTEM_ALIASES[system.trim().replace(/\/+$/, '').toLowerCase()];
  if (systemCache.size >= SYSTEM_CACHE_MAX) systemCache.clear();
  systemCache.set(system, name);
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
  const code = codeOf(c);
  const display = str(c.display);
  const out: Coding = {};
  if (system) out.system = system;
  const known = systemName(system);
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

/** The first coding found in a table, with the table's value. Reads the raw codings: only a hit is built. */
export function lookup<V>(concept: unknown, table: Table<V>): { value: V; coding: Coding } | undefined {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) return undefined;
  for (const c of concept.coding as unknown[]) {
    if (!isRecord(c)) continue;
    const known = systemName(str(c.system));
    if (!known) continue;
    const values = table[known];
    if (!values) continue;
    const code = codeOf(c);
    if (code && Object.prototype.hasOwnProperty.call(values, code))
      return { value: values[code] as V, coding: readCoding(c) };
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
