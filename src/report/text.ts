// Report text out of FHIR attachments: base64 `data`, or a Binary the caller already fetched,
// as text/plain or text/html. Pure and isomorphic (atob and TextDecoder exist in Node 20 and browsers).

export type AttachmentText = { text: string } | { reason: string };

/** The fields of a FHIR Attachment the reader uses, already narrowed from untrusted JSON. */
export interface Attachment {
  contentType?: string;
  data?: string;
  url?: string;
}

/** The Attachment fields of a JSON object: a field that is not a non-empty string is absent. */
export function attachmentOf(a: Record<string, unknown>): Attachment {
  const out: Attachment = {};
  if (typeof a.contentType === 'string' && a.contentType) out.contentType = a.contentType;
  if (typeof a.data === 'string') out.data = a.data;
  if (typeof a.url === 'string' && a.url) out.url = a.url;
  return out;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  micro: 'µ',
  le: '≤',
  ge: '≥',
  ndash: '–',
  mdash: '—',
  times: '×',
  deg: '°',
  plusmn: '±',
  rsquo: '’',
  lsquo: '‘',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * HTML → lines of text. Table cells in one row become "label: value" (synoptic reports are often
 * two-column tables); block elements end a line. Scripts and styles are dropped.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    // Rendered checklists: a ticked box stays a mark, an unticked one stays visibly unmarked.
    .replace(/<input\b[^>]*\bchecked\b[^>]*>/gi, '☒ ')
    .replace(/<input\b[^>]*\btype\s*=\s*["']?(?:checkbox|radio)\b[^>]*>/gi, '☐ ')
    .replace(/<\/t[dh]>\s*<t[dh]\b[^>]*>/gi, ': ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|tr|li|h[1-6]|table|tbody|thead|ul|ol|pre|section|article|header|footer)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n');
}

/** Whitespace or the URL-safe alphabet's "-" and "_": the text needs cleaning before the check. */
const NOT_PLAIN_BASE64 = /[\s\-_]/;
// eslint-disable-next-line no-control-regex -- atob yields one char per byte: above \x7f is not ASCII
const NOT_ASCII = /[^\x00-\x7f]/;
// One decoder for every attachment: decode() without { stream } keeps no state between calls.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

// The last few attachments decoded, by their exact base64 text: `nodal-risk validate` reads a
// patient's pathology attachments twice (extraction, then the outcome reader), and the second read
// takes the first one's text. Bounded in entries and in size, and a decoding depends on the data
// alone, so the cache changes no result. Found by `===` in a small ring, not by a Map: a Map hashes
// the whole data of every new attachment (as long as decoding it), while `===` is immediate for the
// same string object and stops at the length or the first differing character otherwise.
const DECODED_MAX = 8;
const DECODED_MAX_CHARS = 100_000;
const decodedData: string[] = [];
const decodedText: (string | undefined)[] = [];
let decodedNext = 0;

/** Base64 (standard or URL-safe, whitespace allowed) → UTF-8 text; undefined when it is not base64. */
export function decodeBase64Utf8(data: string): string | undefined {
  if (data.length > DECODED_MAX_CHARS) return decode(data);
  for (let i = 0; i < decodedData.length; i++) if (decodedData[i] === data) return decodedText[i];
  const text = decode(data);
  decodedData[decodedNext] = data;
  decodedText[decodedNext] = text;
  decodedNext = (decodedNext + 1) % DECODED_MAX;
  return text;
}

function decode(data: string): string | undefined {
  // atob checks the alphabet itself (WHATWG forgiving-base64): on text without whitespace it
  // accepts only what /^[A-Za-z0-9+/]*={0,2}$/ does (and refuses some of that, e.g. "a==="), so a
  // second pass of that expression over the whole data would refuse nothing more. It also drops
  // ASCII white space itself, and refuses every character cleaning would change ("-", "_", other
  // white space): the data are decoded as they are first, and cleaned only when that is refused,
  // rather than scanned for those characters every time.
  let binary = atobOrUndefined(data);
  if (binary === undefined && NOT_PLAIN_BASE64.test(data))
    binary = atobOrUndefined(data.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/'));
  if (binary === undefined) return undefined;
  try {
    // Plain ASCII decodes to itself in UTF-8: no bytes to copy.
    if (!NOT_ASCII.test(binary)) return binary;
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function atobOrUndefined(data: string): string | undefined {
  try {
    return atob(data);
  } catch {
    return undefined;
  }
}

function isHtml(contentType: string, text: string): boolean {
  return /html|xhtml/.test(contentType) || (!contentType && /<(html|body|p|div|table|br)\b/i.test(text));
}

/**
 * The readable text of an attachment. `binaries` maps a Binary URL (as written in the attachment)
 * to its decoded text, fetched by the caller; extraction itself does no I/O.
 */
export function attachmentText(attachment: Attachment, binaries: Record<string, string> | undefined): AttachmentText {
  // The media type before any parameters ("; charset=…"). Not split(";"): V8 caches the arrays split
  // returns and hands them back in another shape, and a shape not seen before re-optimises the caller.
  const declared = (attachment.contentType ?? '').toLowerCase();
  const semicolon = declared.indexOf(';');
  const contentType = (semicolon < 0 ? declared : declared.slice(0, semicolon)).trim();
  if (contentType && !/^text\/(plain|html)$|xhtml/.test(contentType)) {
    return { reason: `report attachment of type ${contentType} cannot be read as text` };
  }
  let raw: string | undefined;
  if (attachment.data !== undefined) {
    raw = decodeBase64Utf8(attachment.data);
    if (raw === undefined) return { reason: 'report attachment data is not valid base64 UTF-8' };
  } else if (attachment.url !== undefined) {
    raw = binaries?.[attachment.url];
    if (raw === undefined) return { reason: `report text at ${attachment.url} was not fetched` };
  } else {
    return { reason: 'report attachment has neither data nor url' };
  }
  return { text: isHtml(contentType, raw) ? htmlToText(raw) : raw };
}

/**
 * A text's lines, as `text.split(/\r?\n/)` gives them. Splitting at a string is much cheaper than at
 * a regular expression, and report texts are split for every report read.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (!text.includes('\r')) return lines;
  // Only a "\r" just before a "\n" goes: the last line has none after it.
  for (let i = 0; i < lines.length - 1; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}
