// CodeableConcept reading: normalised systems, lookups in the code tables of codes.ts.
import { SYSTEM, SYSTEM_ALIASES, type SystemName } from '../codes.ts';
import { isRecord, records, str } from '../../domain/json.ts';

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

/** Each concept object is read many times per record: its codings are built once (frozen, so no caller can change them). */
const codingsCache = new WeakMap<object, readonly Coding[]>();
const NO_CODINGS: readonly Coding[] = Object.freeze([]);

export function codingsOf(concept: unknown): readonly Coding[] {
  if (!isRecord(concept)) return NO_CODINGS;
  const cached = codingsCache.get(concept);
  if (cached) return cached;
  const codings = Object.freeze(readCodings(concept));
  codingsCache.set(concept, codings);
  return codings;
}

function readCodings(concept: Record<string, unknown>): Coding[] {
  return records(concept.coding).map((c) => {
    const system = str(c.system);
    const code = str(c.code)?.trim();
    const display = str(c.display);
    const out: Coding = {};
    if (system) out.system = system;
    const known = systemName(system);
    if (known) out.known = known;
    if (code) out.code = code;
    if (display) out.display = display;
    return Object.freeze(out);
  });
}

/** CodeableConcept.text, else the first coding display: the words a human would read. */
export function conceptText(concept: unknown): string | undefined {
  if (!isRecord(concept)) return undefined;
  const text = str(concept.text);
  if (text) return text;
  for (const c of codingsOf(concept)) if (c.display) return c.display;
  return undefined;
}

/** "system|code" for provenance; the system as written, or the canonical one when absent. */
export function codeKey(coding: Coding): string | undefined {
  if (!coding.code) return undefined;
  const system = coding.system ?? (coding.known ? SYSTEM[coding.known] : undefined);
  return system ? `${system}|${coding.code}` : coding.code;
}

type Table<V> = Partial<Record<SystemName, Record<string, V>>>;

/** The first coding found in a table, with the table's value. */
export function lookup<V>(concept: unknown, table: Table<V>): { value: V; coding: Coding } | undefined {
  for (const coding of codingsOf(concept)) {
    if (!coding.known || !coding.code) continue;
    const values = table[coding.known];
    if (values && Object.prototype.hasOwnProperty.call(values, coding.code)) {
      return { value: values[coding.code] as V, coding };
    }
  }
  return undefined;
}

export function hasCode(concept: unknown, system: SystemName, code: string): boolean {
  return codingsOf(concept).some((c) => c.known === system && c.code === code);
}
