// Guards on the JSON a CDS client sends before anything recurses into it: nesting depth (a walk
// that never recurses past the limit, so no stack overflow), string-typed resource fields, and one canonical,
// depth-limited serialisation for hashing.

/** Deep enough for any FHIR resource inside a request (Bundle → entry → resource → … ≈ 10 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * True when arrays/objects in `value` nest deeper than `limit`; with `except`, that member of an
 * object `value` is left out (already known to nest within the limit).
 */
export function nestsDeeperThan(value: unknown, limit: number, except?: string): boolean {
  if (except === undefined || typeof value !== 'object' || value === null || Array.isArray(value))
    return deeperThan(value, 0, limit);
  if (limit <= 0) return true;
  for (const key in value) {
    if (key === except) continue;
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && deeperThan(child, 1, limit)) return true;
  }
  return false;
}

// Recursion stops at `limit` levels, so the stack stays shallow whatever the body holds; this runs
// over every node of every request body, and a plain recursive walk is the cheapest one.
function deeperThan(node: unknown, depth: number, limit: number): boolean {
  if (depth >= limit) return true;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (typeof child === 'object' && child !== null && deeperThan(child, depth + 1, limit)) return true;
    }
    return false;
  }
  for (const key in node as object) {
    const child = (node as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && deeperThan(child, depth + 1, limit)) return true;
  }
  return false;
}

/**
 * Where a prefetched resource (or a Bundle entry's resource) has a non-string `resourceType` or
 * `id`, e.g. `{"toString": …}`, as a JSON pointer; undefined when every one is well typed.
 */
export function badResourceField(prefetch: Record<string, unknown> | undefined): string | undefined {
  // Plain loops, and a pointer spelt only for the field that is wrong: this runs on every request.
  for (const key in prefetch) {
    const value = prefetch[key];
    if (value === null) continue;
    const bad = badFields(value as object);
    if (bad) return `/prefetch/${key}/${bad}`;
    const entries = (value as { resourceType?: unknown; entry?: unknown }).entry;
    if ((value as { resourceType?: unknown }).resourceType !== 'Bundle' || entries === undefined) continue;
    if (!Array.isArray(entries)) return `/prefetch/${key}/entry must be an array`;
    for (let i = 0; i < entries.length; i++) {
      const entry: unknown = entries[i];
      if (typeof entry !== 'object' || entry === null) return `/prefetch/${key}/entry/${i} must be an object`;
      const resource = (entry as { resource?: unknown }).resource;
      if (resource === undefined) continue;
      if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
        return `/prefetch/${key}/entry/${i}/resource must be an object`;
      const inner = badFields(resource);
      if (inner) return `/prefetch/${key}/entry/${i}/resource/${inner}`;
    }
  }
  return undefined;
}

/** Which of the resource's `resourceType` and `id` is ill-typed, and how. */
function badFields(resource: object): string | undefined {
  const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
  if (typeof resourceType !== 'string') return 'resourceType must be a string';
  if (id !== undefined && typeof id !== 'string') return 'id must be a string';
  return undefined;
}

/** JSON with object keys sorted, so equal data in any key order serialise alike; throws past `maxDepth`. */
export function canonicalJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string {
  return canonical(value, 0, maxDepth);
}

// String concatenation rather than an array of parts: V8 builds a rope and flattens it once, and
// most FHIR objects' keys need sorting anyway (only already-sorted ones skip the sort).
function canonical(node: unknown, depth: number, maxDepth: number): string {
  if (typeof node === 'string') return JSON.stringify(node);
  if (typeof node !== 'object' || node === null) return JSON.stringify(node) ?? 'null';
  if (depth >= maxDepth) throw new RangeError('data nest too deeply to hash');
  if (Array.isArray(node)) {
    let out = '[';
    for (let i = 0; i < node.length; i++) out += (i > 0 ? ',' : '') + canonical(node[i], depth + 1, maxDepth);
    return `${out}]`;
  }
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!isSorted(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const child = record[key];
    if (child === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonical(child, depth + 1, maxDepth);
    first = false;
  }
  return `${out}}`;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}
