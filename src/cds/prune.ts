// CDS Hooks "Use of JSON": optional elements are omitted, never null, "", [] or {}.
// Applied to every card as the last step so no renderer can slip an empty field through.
export function prune<T>(value: T): T {
  return pruneValue(value) as T;
}

function pruneValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(pruneValue).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const kept = pruneValue(v);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (value === null || value === '') return undefined;
  return value;
}
