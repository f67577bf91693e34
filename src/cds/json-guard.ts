// Guards on the JSON a CDS client sends before anything recurses into it: nesting depth (checked
// without recursion, so no stack overflow), string-typed resource fields, and one canonical,
// depth-limited serialisation for hashing.

/** Deep enough for any FHIR resource inside a request (Bundle → entry → resource → … ≈ 10 levels). */
export const MAX_JSON_DEPTH = 64;

/** True when arrays/objects in `value` nest deeper than `limit`. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  // Two parallel stacks rather than tuples: this runs over every node of every request body.
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth >= limit) return true;
    if (Array.isArray(node)) {
      for (const child of node) {
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/**
 * Where a prefetched resource (or a Bundle entry's resource) has a non-string `resourceType` or
 * `id`, e.g. `{"toString": …}`, as a JSON pointer; undefined when every one is well typed.
 */
export function badResourceField(prefetch: Record<string, unknown> | undefined): string | undefined {
  for (const [key, value] of Object.entries(prefetch ?? {})) {
    if (value === null) continue;
    const bad = badFields(value as object, `/prefetch/${key}`);
    if (bad) return bad;
    const entries = (value as { resourceType?: unknown; entry?: unknown }).entry;
    if ((value as { resourceType?: unknown }).resourceType !== 'Bundle' || entries === undefined) continue;
    if (!Array.isArray(entries)) return `/prefetch/${key}/entry must be an array`;
    for (const [i, entry] of entries.entries()) {
      if (typeof entry !== 'object' || entry === null) return `/prefetch/${key}/entry/${i} must be an object`;
      const resource = (entry as { resource?: unknown }).resource;
      if (resource === undefined) continue;
      if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
        return `/prefetch/${key}/entry/${i}/resource must be an object`;
      const inner = badFields(resource, `/prefetch/${key}/entry/${i}/resource`);
      if (inner) return inner;
    }
  }
  return undefined;
}

function badFields(resource: object, where: string): string | undefined {
  const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
  if (typeof resourceType !== 'string') return `${where}/resourceType must be a string`;
  if (id !== undefined && typeof id !== 'string') return `${where}/id must be a string`;
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
