// The few top-level fields of a resource line that say whose it is (resourceType, id, subject,
// patient, securityContext), read without parsing the whole line: grouping a Bulk export reads
// every line twice otherwise. Conservative: anything unexpected returns undefined and the caller
// parses the line in full. Each field found is parsed by JSON.parse itself, and a duplicate key
// keeps the last value, as JSON.parse does.

const WANTED = new Set(['resourceType', 'id', 'subject', 'patient', 'securityContext']);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Index after the string starting at i (a '"'), or -1. */
function skipString(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const k = s.indexOf('"', j);
    if (k < 0) return -1;
    let backslashes = 0;
    while (s.charCodeAt(k - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return k + 1;
    j = k + 1;
  }
}

/** Index after the value starting at i, or -1. */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d === 34) {
        j = skipString(s, j);
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
  while (j < s.length) {
    const d = s.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/** The wanted top-level fields of one JSON object line, or undefined when the line is not plainly one. */
export function topLevelFields(line: string): Record<string, unknown> | undefined {
  let i = skipSpace(line, 0);
  if (line.charCodeAt(i) !== 123) return undefined;
  i = skipSpace(line, i + 1);
  const out: Record<string, unknown> = {};
  if (line.charCodeAt(i) === 125) return skipSpace(line, i + 1) === line.length ? out : undefined;
  try {
    for (;;) {
      if (line.charCodeAt(i) !== 34) return undefined;
      const keyEnd = skipString(line, i);
      if (keyEnd < 0) return undefined;
      const rawKey = line.slice(i + 1, keyEnd - 1);
      const key = rawKey.includes('\\') ? (JSON.parse(line.slice(i, keyEnd)) as string) : rawKey;
      i = skipSpace(line, keyEnd);
      if (line.charCodeAt(i) !== 58) return undefined;
      i = skipSpace(line, i + 1);
      const end = skipValue(line, i);
      if (end < 0) return undefined;
      if (WANTED.has(key)) out[key] = JSON.parse(line.slice(i, end));
      i = skipSpace(line, end);
      const next = line.charCodeAt(i);
      if (next === 125) return skipSpace(line, i + 1) === line.length ? out : undefined;
      if (next !== 44) return undefined;
      i = skipSpace(line, i + 1);
    }
  } catch {
    return undefined;
  }
}
