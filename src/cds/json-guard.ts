// Guards on the JSON a CDS client sends before anything recurses into it: nesting depth (checked
// without recursion, so no stack overflow), string-typed resource fields, and one canonical,
// depth-limited serialisation for hashing.

/** Deep enough for any FHIR resource inside a request (Bundle → entry → resource → … ≈ 10 levels). */
export const MAX_JSON_DEPTH = 64;

/** True when arrays/objects in `value` nest deeper than `limit`. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
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
      if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return `/prefetch/${key}/entry/${i}/resource must be an object`;
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
  const write = (node: unknown, depth: number): string => {
    if (typeof node !== 'object' || node === null) return JSON.stringify(node) ?? 'null';
    if (depth >= maxDepth) throw new RangeError('data nest too deeply to hash');
    if (Array.isArray(node)) return `[${node.map((v) => write(v, depth + 1)).join(',')}]`;
    const keys = Object.keys(node).filter((k) => (node as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write((node as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  };
  return write(value, 0);
}
