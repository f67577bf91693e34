// The few top-level fields of a resource line that say whose it is (resourceType, id, subject,
// patient, securityContext), read without parsing the whole line: grouping a Bulk export reads
// every line twice otherwise. Works on the line's UTF-8 bytes, so the grouping pass never decodes
// a whole line (JSON's structural characters are ASCII and never occur inside a multi-byte
// sequence). Conservative: anything unexpected returns undefined and the caller parses the line in
// full. Each field found reads as JSON.parse reads it (a string without escapes is its bytes
// decoded, anything else is given to JSON.parse), and a duplicate key keeps the last value, as
// JSON.parse does.

const WANTED = ['resourceType', 'id', 'subject', 'patient', 'securityContext'] as const;
const WANTED_BYTES = WANTED.map((key) => Buffer.from(key, 'latin1'));

const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end && isSpace(b[i])) i++;
  return i;
}

/** Index after the string starting at i (a '"'), or -1. */
function skipString(b: Buffer, i: number, end: number): number {
  for (let j = i + 1; j < end; j++) {
    const c = b[j];
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) j++;
  }
  return -1;
}

/** Index after the value starting at i, or -1. */
function skipValue(b: Buffer, i: number, end: number): number {
  const c = b[i];
  if (c === QUOTE) return skipString(b, i, end);
  if (c === 123 || c === 91) {
    let depth = 0;
    let j = i;
    while (j < end) {
      const d = b[j];
      if (d === QUOTE) {
        j = skipString(b, j, end);
        if (j < 0) return -1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return -1;
  }
  let j = i;
  while (j < end) {
    const d = b[j];
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

type Wanted = (typeof WANTED)[number];

function isWanted(key: string): key is Wanted {
  return (WANTED as readonly string[]).includes(key);
}

/** The wanted key whose plain (escape-free) bytes are b[start, end), if any. */
function wantedKey(b: Buffer, start: number, end: number): Wanted | undefined {
  const length = end - start;
  for (let k = 0; k < WANTED.length; k++) {
    const name = WANTED_BYTES[k]!;
    if (name.length !== length) continue;
    let same = true;
    for (let n = 0; n < length && same; n++) same = b[start + n] === name[n];
    if (same) return WANTED[k];
  }
  return undefined;
}

const REFERENCE_HEAD = Buffer.from('{"reference":"', 'latin1');

/** The JSON value b[start, end): a plain string is its bytes decoded, anything else JSON.parse's. */
function valueOf(b: Buffer, start: number, end: number): unknown {
  if (b[start] === QUOTE && isPlain(b, start + 1, end - 1)) return b.toString('utf8', start + 1, end - 1);
  // The usual subject, patient or securityContext, read without JSON.parse.
  if (isPlainReference(b, start, end)) return { reference: b.toString('utf8', start + REFERENCE_HEAD.length, end - 2) };
  return JSON.parse(b.toString('utf8', start, end));
}

/** Exactly `{"reference":"…"}` with a plain string inside (no quote in it, so nothing follows it). */
function isPlainReference(b: Buffer, start: number, end: number): boolean {
  const head = REFERENCE_HEAD.length;
  if (end - start < head + 2 || b[end - 1] !== 125 || b[end - 2] !== QUOTE) return false;
  for (let n = 0; n < head; n++) if (b[start + n] !== REFERENCE_HEAD[n]) return false;
  for (let j = start + head; j < end - 2; j++) if (b[j] === QUOTE) return false;
  return isPlain(b, start + head, end - 2);
}

/** Neither an escape nor a raw control character (which JSON.parse rejects inside a string). */
function isPlain(b: Buffer, start: number, end: number): boolean {
  for (let j = start; j < end; j++) if (b[j] === BACKSLASH || b[j]! < 32) return false;
  return true;
}

/** The wanted fields of a line; a field the line does not have is undefined. */
export type TopLevelFields = Record<Wanted, unknown>;

/**
 * The wanted top-level fields of one JSON object line, or undefined when the line is not plainly
 * one. The line is text, or the UTF-8 bytes `bytes[start, end)`.
 */
export function topLevelFields(line: string | Buffer, start = 0, end = line.length): TopLevelFields | undefined {
  if (typeof line === 'string') {
    const bytes = Buffer.from(line, 'utf8');
    return topLevelFields(bytes, 0, bytes.length);
  }
  const b = line;
  const at = (i: number) => (i < end ? b[i] : undefined); // never a byte past the line
  let i = skipSpace(b, start, end);
  if (at(i) !== 123) return undefined;
  i = skipSpace(b, i + 1, end);
  // Every line's fields in one shape (never only those present), so what reads them stays monomorphic.
  const out: TopLevelFields = {
    resourceType: undefined,
    id: undefined,
    subject: undefined,
    patient: undefined,
    securityContext: undefined,
  };
  if (at(i) === 125) return skipSpace(b, i + 1, end) === end ? out : undefined;
  try {
    for (;;) {
      if (at(i) !== QUOTE) return undefined;
      const keyEnd = skipString(b, i, end);
      if (keyEnd < 0) return undefined;
      const key = isPlain(b, i + 1, keyEnd - 1)
        ? wantedKey(b, i + 1, keyEnd - 1)
        : (JSON.parse(b.toString('utf8', i, keyEnd)) as string);
      i = skipSpace(b, keyEnd, end);
      if (at(i) !== 58) return undefined;
      i = skipSpace(b, i + 1, end);
      if (i >= end) return undefined;
      const valueEnd = skipValue(b, i, end);
      if (valueEnd < 0) return undefined;
      if (key !== undefined && isWanted(key)) out[key] = valueOf(b, i, valueEnd);
      i = skipSpace(b, valueEnd, end);
      const next = at(i);
      if (next === 125) return skipSpace(b, i + 1, end) === end ? out : undefined;
      if (next !== 44) return undefined;
      i = skipSpace(b, i + 1, end);
    }
  } catch {
    return undefined;
  }
}
