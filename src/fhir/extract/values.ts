// Reading Observation values of every shape seen (docs/fhir-mapping.md §8 pitfall 4): valueQuantity in
// mm/cm/µm with UCUM or free units, valueInteger, valueString, valueCodeableConcept (codings or
// text only), components, interpretation.
import { parseCount, parseFraction, parseLengthMm, unitToMm, roundMm, type Fraction } from '../../report/phrases.ts';
import { codingsOf, conceptText } from './coding.ts';
import { field, isRecord, num, records, str, type Json } from '../../domain/json.ts';

export type Reading<T> = { value: T; text?: string } | { reason: string } | undefined;

/** Words a person would read for the value: valueString, CodeableConcept text and displays (CAP's leading "?" removed). */
export function valueTexts(obs: Json): string[] {
  // One array, filled as it is read: every coded result passes here, most more than once.
  const out: string[] = [];
  pushWords(out, str(obs.valueString));
  const cc = obs.valueCodeableConcept;
  if (isRecord(cc)) {
    pushWords(out, str(cc.text));
    if (Array.isArray(cc.coding))
      for (const c of cc.coding as unknown[]) if (isRecord(c)) pushWords(out, str(c.display));
  }
  return out;
}

function pushWords(out: string[], text: string | undefined): void {
  if (!text) return;
  const words = text.replace(/^\s*\?\s*/, '').trim();
  if (words) out.push(words);
}

/** A value[x] field of its own, components aside. */
export function hasOwnValue(obs: Json): boolean {
  for (const k of Object.keys(obs)) if (k.startsWith('value')) return true;
  return false;
}

export function hasAnyValue(obs: Json): boolean {
  return hasOwnValue(obs) || (Array.isArray(obs.component) && obs.component.some(isRecord));
}

/** A length in mm from a Quantity (any unit spelling we know) or a size phrase. */
export function readLengthMm(holder: Json): Reading<number> {
  const q = holder.valueQuantity;
  if (isRecord(q)) {
    const value = num(q.value);
    if (value === undefined) return { reason: 'quantity without a numeric value' };
    if (str(q.comparator)) return { reason: `qualified quantity (${str(q.comparator)} ${value})` };
    const unit = str(q.code) ?? str(q.unit);
    const factor = unitToMm(unit) ?? unitToMm(str(q.unit));
    if (factor === undefined) return { reason: unit ? `unknown unit "${unit}"` : 'length without a unit' };
    return { value: roundMm(value * factor), text: `${value} ${str(q.unit) ?? unit}` };
  }
  for (const text of valueTexts(holder)) {
    const r = parseLengthMm(text);
    if (r && 'mm' in r) return { value: r.mm, text };
    if (r) return r;
  }
  if (num(holder.valueInteger) !== undefined) return { reason: 'length as an integer without a unit' };
  return hasAnyValue(holder) ? { reason: 'value is not a length' } : { reason: 'no value' };
}

const COUNT_UNITS = new Set(['1', '{count}', '{#}', '#', 'count', 'nodes', '{nodes}', '']);

export type CountReading = { n: number; fraction?: Fraction; text?: string } | { reason: string };

/** A whole count: valueInteger, a unit-less/count Quantity, "3", "three", or a fraction "1/3" (numerator). */
export function readCount(holder: Json): CountReading {
  const i = num(holder.valueInteger);
  if (i !== undefined) return Number.isInteger(i) && i >= 0 ? { n: i } : { reason: `not a count: ${i}` };
  const q = holder.valueQuantity;
  if (isRecord(q)) {
    const value = num(q.value);
    const unit = str(q.code) ?? str(q.unit) ?? '';
    if (value === undefined || !Number.isInteger(value) || value < 0)
      return { reason: 'quantity is not a whole count' };
    if (!COUNT_UNITS.has(unit.trim().toLowerCase())) return { reason: `unknown count unit "${unit}"` };
    return { n: value };
  }
  for (const text of valueTexts(holder)) {
    const n = parseCount(text);
    if (n !== undefined) return { n, text };
    const fraction = parseFraction(text);
    if (fraction) return { n: fraction.numerator, fraction, text };
    if (/specify|exact number/i.test(text)) return { reason: `count coded as "${text}" without the number` };
  }
  return hasAnyValue(holder) ? { reason: 'value is not a count' } : { reason: 'no value' };
}

/** A number from valueInteger / valueQuantity (unit-less or the given unit) / valueString. */
export function readNumber(holder: Json, units: string[] = []): number | undefined {
  const i = num(holder.valueInteger) ?? num(holder.valueDecimal);
  if (i !== undefined) return i;
  const q = holder.valueQuantity;
  if (isRecord(q) && !str(q.comparator)) {
    const unit = (str(q.code) ?? str(q.unit) ?? '').trim();
    if (unit === '' || units.includes(unit)) return num(q.value);
  }
  return undefined;
}

/** componentsWithCode(obs, code)[0], without building the list. */
export function firstComponentWithCode(obs: Json, code: string): Json | undefined {
  if (!Array.isArray(obs.component)) return undefined;
  for (const c of obs.component as unknown[]) if (isRecord(c) && hasCodingCode(c.code, code)) return c;
  return undefined;
}

function hasCodingCode(concept: unknown, code: string): boolean {
  for (const x of codingsOf(concept)) if (x.code === code) return true;
  return false;
}

export function componentsWithCode(obs: Json, code: string): Json[] {
  return records(obs.component).filter((c) => codingsOf(c.code).some((x) => x.code === code));
}

/** Observation.interpretation codes and text. */
export function interpretation(obs: Json): unknown[] {
  const list = obs.interpretation;
  return Array.isArray(list) ? list : [];
}

export function effectiveDate(obs: Json): string | undefined {
  return str(obs.effectiveDateTime) ?? str(field(obs.effectivePeriod, 'start')) ?? str(obs.issued);
}

export { conceptText };
