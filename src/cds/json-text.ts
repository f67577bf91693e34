// The JSON text a client sent, kept beside its parsed form: hashing a slice of the text costs a
// fraction of serialising the parsed objects again (see AssessmentCache.sentKey), and a prefetch
// text sent again need not be checked again (see VettedPrefetch).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RecentTexts } from './recent-texts.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The prefetch member's JSON text to the end of the body (see textFromMember), when parsed as JSON. */
    prefetchText?: string;
    /** True when that text was vetted before (see VettedPrefetch). */
    prefetchVetted?: boolean;
    /** True when no part of the body's text can hold a prototype-poisoning key (see mayPoison). */
    poisonFree?: boolean;
  }
}

/**
 * Prefetch texts already found to hold no prototype-poisoning key and, parsed, to nest within the
 * depth limit as a member of the body: the same text parses to the same values, so a body that
 * repeats it needs both checks only for the members before it.
 */
export class VettedPrefetch {
  private readonly recent = new RecentTexts<true>();

  /** The remembered string equal to this text, when it was vetted. */
  find(text: string): string | undefined {
    return this.recent.get(String(text.length), text)?.text;
  }

  /** Records the request's prefetch text once its whole body passed both checks. */
  vetted(request: FastifyRequest): void {
    const text = request.prefetchText;
    if (text !== undefined && request.poisonFree && !request.prefetchVetted)
      this.recent.set(String(text.length), text, true);
  }
}

/**
 * Parses JSON bodies with fastify's own parser (same limits, errors and prototype-poisoning checks)
 * and keeps the prefetch text; a vetted prefetch text is not scanned for poisoning keys again.
 */
export function keepJsonText(app: FastifyInstance, vetted: VettedPrefetch): void {
  const checked = app.getDefaultJsonParser('error', 'error');
  const plain = app.getDefaultJsonParser('ignore', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const tail = textFromMember(text, 'prefetch');
    const known = tail === undefined ? undefined : vetted.find(tail);
    request.prefetchText = known ?? tail;
    request.prefetchVetted = known !== undefined;
    // No poisoning key can straddle the cut: the text before it ends with the member's colon.
    request.poisonFree = !mayPoison(known === undefined ? text : text.slice(0, text.length - known.length));
    void (request.poisonFree ? plain : checked)(request, text, done);
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
 * The text from the value of the first top-level member `name` to the end of `json`; undefined
 * when the text is not an object or has no such member spelt without escapes. Meant for a text
 * JSON.parse accepts (for any other the parse fails and the result is not used). Everything
 * JSON.parse makes of that member (a later duplicate wins) is in the returned text, so equal tails
 * mean an equal parsed value; only the members before it are scanned.
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
