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

type Wanted = (typeof WANTED)[number];

/** The position of each wanted field in WANTED (and in a TopLevelScan). */
export const RESOURCE_TYPE = 0;
export const SUBJECT = 2;

/** Positions in WANTED of the keys of each byte length (up to the longest): most keys are told apart by length alone. */
const WANTED_BY_LENGTH: number[][] = Array.from({ length: Math.max(...WANTED.map((k) => k.length)) + 1 }, (_, n) =>
  WANTED.flatMap((key, k) => (key.length === n ? [k] : [])),
);

/** The wanted key that the key string b[start, end) (quotes included) decodes to, or -1. */
function escapedWantedIndex(b: Buffer, start: number, end: number): number {
  return WANTED.indexOf(JSON.parse(b.toString('utf8', start, end)) as Wanted);
}

/** The wanted key whose bytes are b[start, end) (a key without escapes), or -1. */
function plainWantedIndex(b: Buffer, start: number, end: number): number {
  const length = end - start;
  if (length >= WANTED_BY_LENGTH.length) return -1;
  for (const k of WANTED_BY_LENGTH[length]!) if (isKey(b, start, k)) return k;
  return -1;
}

/** Whether the bytes at `start` are those of WANTED[k] (the length already matches). */
function isKey(b: Buffer, start: number, k: number): boolean {
  const name = WANTED_BYTES[k]!;
  for (let n = 0; n < name.length; n++) if (b[start + n] !== name[n]) return false;
  return true;
}

const REFERENCE_HEAD = Buffer.from('{"reference":"', 'latin1');

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

// Bytes that matter while a value is skipped: a table lookup per byte is cheaper than four
// comparisons. Inside an object or array (NESTED_CLASS), strings are skipped and brackets counted; a
// literal (a number, true, false, null: LITERAL_CLASS) ends at a delimiter.
const OTHER = 0;
const STRING = 1;
const OPEN = 2;
const CLOSE = 3;
const END = 4;
const NESTED_CLASS = new Uint8Array(256);
NESTED_CLASS[QUOTE] = STRING;
NESTED_CLASS[123] = OPEN; // {
NESTED_CLASS[91] = OPEN; // [
NESTED_CLASS[125] = CLOSE; // }
NESTED_CLASS[93] = CLOSE; // ]
const LITERAL_CLASS = new Uint8Array(256);
// , } ] and JSON white space end a literal
for (let c = 0; c < 256; c++) if (c === 44 || c === 125 || c === 93 || isSpace(c)) LITERAL_CLASS[c] = END;

/**
 * Index after the value starting at i, or -1 (or i, for a literal of no bytes). Objects, arrays
 * and literals go through one loop, told apart by their byte table: a loop of its own for literals,
 * first reached in optimised code when the first file has no top-level literal, de-optimised the
 * scanner.
 */
function skipValue(b: Buffer, i: number, end: number): number {
  if (b[i] === QUOTE) return skipString(b, i, end);
  const classes = b[i] === 123 || b[i] === 91 ? NESTED_CLASS : LITERAL_CLASS;
  let depth = 0;
  let j = i;
  while (j < end) {
    const kind = classes[b[j]!]!;
    if (kind === OTHER) j++;
    else if (kind === STRING) {
      j = skipString(b, j, end);
      if (j < 0) return -1;
    } else if (kind === OPEN) {
      depth++;
      j++;
    } else if (kind === CLOSE) {
      if (--depth === 0) return j + 1;
      j++;
    } else return j; // a literal's delimiter
  }
  return -1;
}

// How a field found is read: a plain string is its bytes decoded, the usual reference object is
// built from its string's bytes, anything else is what JSON.parse gave when the line was scanned.
const ABSENT = 0;
const PLAIN_STRING = 1;
const PLAIN_REFERENCE = 2;
const PARSED = 3;

/**
 * The wanted top-level fields of the last line scanned, as positions in its bytes: one scanner
 * serves every line of a file, so reading whose a line is allocates nothing until a field is read.
 */
export class TopLevelScan {
  private bytes: Buffer = Buffer.alloc(0);
  private readonly from = new Int32Array(WANTED.length);
  private readonly to = new Int32Array(WANTED.length);
  private readonly kinds = new Uint8Array(WANTED.length);
  private readonly parsed: unknown[] = WANTED.map(() => undefined);

  /**
   * Whether the UTF-8 bytes `b[start, end)` are plainly one JSON object (else the caller parses
   * the line in full); its wanted fields are then read with the methods below, until the next scan.
   */
  scan(b: Buffer, start: number, end: number): boolean {
    this.bytes = b;
    this.kinds.fill(ABSENT);
    try {
      return this.scanObject(b, start, end);
    } catch {
      return false; // a key or field that JSON.parse rejects
    }
  }

  /** Whether the key skipKey skipped last has neither an escape nor a raw control character. */
  private keyIsPlain = true;

  /**
   * Index after the key string starting at i (a '"'), or -1, as skipString; whether the key is
   * plain (see isPlain) is noted in the same pass over its bytes, every key of every line being read.
   */
  private skipKey(b: Buffer, i: number, end: number): number {
    let plain = true;
    for (let j = i + 1; j < end; j++) {
      const c = b[j]!;
      if (c === QUOTE) {
        this.keyIsPlain = plain;
        return j + 1;
      }
      if (c === BACKSLASH) {
        plain = false;
        j++;
      } else if (c < 32) plain = false;
    }
    return -1;
  }

  private scanObject(b: Buffer, start: number, end: number): boolean {
    let i = skipSpace(b, start, end);
    if (i >= end || b[i] !== 123) return false;
    i = skipSpace(b, i + 1, end);
    if (i < end && b[i] === 125) return skipSpace(b, i + 1, end) === end;
    for (;;) {
      if (i >= end || b[i] !== QUOTE) return false;
      const keyEnd = this.skipKey(b, i, end);
      if (keyEnd < 0) return false;
      const key = this.keyIsPlain ? plainWantedIndex(b, i + 1, keyEnd - 1) : escapedWantedIndex(b, i, keyEnd);
      i = skipSpace(b, keyEnd, end);
      if (i >= end || b[i] !== 58) return false;
      i = skipSpace(b, i + 1, end);
      if (i >= end) return false;
      const valueEnd = skipValue(b, i, end);
      if (valueEnd <= i) return false;
      if (key >= 0) this.found(key, b, i, valueEnd);
      i = skipSpace(b, valueEnd, end);
      if (i >= end) return false;
      const next = b[i];
      if (next === 125) return skipSpace(b, i + 1, end) === end;
      if (next !== 44) return false;
      i = skipSpace(b, i + 1, end);
    }
  }

  /** A wanted field's value b[start, end): a later duplicate replaces it, as in JSON.parse. */
  private found(key: number, b: Buffer, start: number, end: number): void {
    this.from[key] = start;
    this.to[key] = end;
    if (b[start] === QUOTE && isPlain(b, start + 1, end - 1)) this.kinds[key] = PLAIN_STRING;
    else if (isPlainReference(b, start, end)) this.kinds[key] = PLAIN_REFERENCE;
    else {
      // Parsed now, duplicates included: a value JSON.parse rejects makes the whole line unplain.
      this.parsed[key] = JSON.parse(b.toString('utf8', start, end));
      this.kinds[key] = PARSED;
    }
  }

  /** Field `key` (a position in WANTED) as JSON.parse gives it; undefined when the line has none. */
  value(key: number): unknown {
    const b = this.bytes;
    const start = this.from[key]!;
    const end = this.to[key]!;
    switch (this.kinds[key]) {
      case PLAIN_STRING:
        return b.toString('utf8', start + 1, end - 1);
      case PLAIN_REFERENCE:
        return { reference: b.toString('utf8', start + REFERENCE_HEAD.length, end - 2) };
      case PARSED:
        return this.parsed[key];
      default:
        return undefined;
    }
  }

  /** The bytes of the line scanned last. */
  scanned(): Buffer {
    return this.bytes;
  }

  /** Whether field `key` is a string without escapes (so its bytes are its text). */
  isPlainString(key: number): boolean {
    return this.kinds[key] === PLAIN_STRING;
  }

  /** Whether field `key` is a plain string whose bytes are `text` (ASCII). */
  isString(key: number, text: Buffer): boolean {
    if (this.kinds[key] !== PLAIN_STRING) return false;
    const start = this.from[key]! + 1;
    if (this.to[key]! - 1 - start !== text.length) return false;
    for (let n = 0; n < text.length; n++) if (this.bytes[start + n] !== text[n]) return false;
    return true;
  }

  /** Field `key` is exactly `{"reference":"…"}` with a plain string: where that string's bytes are, else -1. */
  referenceStart(key: number): number {
    return this.kinds[key] === PLAIN_REFERENCE ? this.from[key]! + REFERENCE_HEAD.length : -1;
  }

  /** The end of the string found by referenceStart. */
  referenceEnd(key: number): number {
    return this.to[key]! - 2;
  }

  /** Every wanted field (undefined where the line has none). */
  fields(): TopLevelFields {
    return wantedFields(this.value(0), this.value(1), this.value(2), this.value(3), this.value(4));
  }
}

/** The wanted fields of a line; a field the line does not have is undefined. */
export type TopLevelFields = Record<Wanted, unknown>;

/** The wanted fields of a parsed resource, in the shape of a scanned line's. */
export function topLevelFieldsOf(resource: Record<string, unknown>): TopLevelFields {
  return wantedFields(resource.resourceType, resource.id, resource.subject, resource.patient, resource.securityContext);
}

// Every line's and resource's fields in one shape, made in one place (never only those present),
// so what reads them stays monomorphic.
function wantedFields(
  resourceType: unknown,
  id: unknown,
  subject: unknown,
  patient: unknown,
  securityContext: unknown,
): TopLevelFields {
  return { resourceType, id, subject, patient, securityContext };
}

const SCAN = new TopLevelScan();

/**
 * The wanted top-level fields of one JSON object line, or undefined when the line is not plainly
 * one. The line is text, or the UTF-8 bytes `bytes[start, end)`.
 */
export function topLevelFields(line: string | Buffer, start = 0, end = line.length): TopLevelFields | undefined {
  if (typeof line === 'string') {
    const bytes = Buffer.from(line, 'utf8');
    return topLevelFields(bytes, 0, bytes.length);
  }
  return SCAN.scan(line, start, end) ? SCAN.fields() : undefined;
}
