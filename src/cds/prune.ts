// CDS Hooks "Use of JSON": optional elements are omitted, never null, "", [] or {}.
// Applied to every card as the last step so no renderer can slip an empty field through.
export function prune<T>(value: T): T {
  return pruneValue(value) as T;
}

// Plain loops rather than entries/map/filter: every response card passes through here.
function pruneValue(value: unknown): unknown {
  if (value === null || value === '') return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const kept = pruneValue(item);
      if (kept !== undefined) items.push(kept);
    }
    return items.length > 0 ? items : undefined;
  }
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const key of Object.keys(value)) {
    const kept = pruneValue((value as Record<string, unknown>)[key]);
    if (kept !== undefined) {
      out[key] = kept;
      empty = false;
    }
  }
  return empty ? undefined : out;
}
