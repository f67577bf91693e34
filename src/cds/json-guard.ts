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
  const parts: string[] = [];
  const write = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null) {
      parts.push(JSON.stringify(node) ?? 'null');
      return;
    }
    if (depth >= maxDepth) throw new RangeError('data nest too deeply to hash');
    if (Array.isArray(node)) {
      parts.push('[');
      for (let i = 0; i < node.length; i++) {
        if (i > 0) parts.push(',');
        write(node[i], depth + 1);
      }
      parts.push(']');
      return;
    }
    const record = node as Record<string, unknown>;
    let first = true;
    parts.push('{');
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      parts.push(first ? JSON.stringify(key) : `,${JSON.stringify(key)}`, ':');
      first = false;
      write(record[key], depth + 1);
    }
    parts.push('}');
  };
  write(value, 0);
  return parts.join('');
}
