// Narrowing untrusted JSON (every resource, request body and file is untrusted). One module for
// the core and every face.

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The records of an array field; anything else (including a lone object) yields []. */
export function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function field(obj: unknown, key: string): unknown {
  return isRecord(obj) ? obj[key] : undefined;
}

/** A field as text for messages and set lookups, without calling a hostile object's toString. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return typeof value === 'object'
    ? Array.isArray(value)
      ? 'an array'
      : 'an object'
    : `${typeof value} ${value as number | boolean}`;
}
