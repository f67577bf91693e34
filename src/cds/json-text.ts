// The JSON text a client sent, kept beside its parsed form: hashing a slice of the text costs a
// fraction of serialising the parsed objects again (see AssessmentCache.sentKey).
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's JSON text, when it was parsed as JSON. */
    jsonText?: string;
  }
}

/** Parses JSON bodies with fastify's own parser (same limits, errors and prototype-poisoning checks) and keeps the text. */
export function keepJsonText(app: FastifyInstance): void {
  const checked = app.getDefaultJsonParser('error', 'error');
  const plain = app.getDefaultJsonParser('ignore', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.jsonText = text;
    void (mayPoison(text) ? checked : plain)(request, text, done);
  });
}

/**
 * False when the text cannot hold a `__proto__` or `constructor` key: the poisoning checks look for
 * them with two regular expressions over the whole body, spelt plainly or with \u escapes, so a
 * text without those words and without any \u escape is parsed without them.
 */
export function mayPoison(text: string): boolean {
  // "uctor" first: a search runs from the pattern's first letter, and "u" is rare in FHIR JSON
  // where "c" is everywhere, so a text without it is cleared several times faster.
  return text.includes('\\u') || text.includes('__proto__') || (text.includes('uctor') && text.includes('constructor'));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The text from the value of the first top-level member `name` to the end of `json`, which
 * JSON.parse has accepted; undefined when the text is not an object or has no such member spelt
 * without escapes. Everything JSON.parse makes of that member (a later duplicate wins) is in the
 * returned text, so equal tails mean an equal parsed value; only the members before it are scanned.
 */
export function textFromMember(json: string, name: string): string | undefined {
  let i = skipSpace(json, 0);
  if (json.charCodeAt(i) !== OPEN_BRACE) return undefined;
  i = skipSpace(json, i + 1);
  while (json.charCodeAt(i) === QUOTE) {
    const keyEnd = stringEnd(json, i);
    const isName = keyEnd - i - 2 === name.length && json.startsWith(name, i + 1);
    i = skipSpace(json, keyEnd);
    if (json.charCodeAt(i) !== COLON) return undefined;
    i = skipSpace(json, i + 1);
    if (isName) return json.slice(i);
    i = skipSpace(json, valueEnd(json, i));
    if (json.charCodeAt(i) !== COMMA) return undefined;
    i = skipSpace(json, i + 1);
  }
  return undefined;
}

function skipSpace(json: string, i: number): number {
  for (;;) {
    const c = json.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Index after the closing quote of the string starting at `i` (a quote preceded by an odd run of backslashes is escaped). */
function stringEnd(json: string, i: number): number {
  for (let from = i + 1; ;) {
    const quote = json.indexOf('"', from);
    if (quote < 0) return json.length;
    let k = quote - 1;
    while (json.charCodeAt(k) === BACKSLASH) k--;
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Index after the value starting at `i`. */
function valueEnd(json: string, i: number): number {
  let depth = 0;
  for (let j = i; j < json.length;) {
    const c = json.charCodeAt(j);
    if (c === QUOTE) {
      j = stringEnd(json, j);
      if (depth === 0) return j;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return j;
      if (--depth === 0) return j + 1;
    } else if (depth === 0 && c === COMMA) return j;
    j++;
  }
  return json.length;
}
