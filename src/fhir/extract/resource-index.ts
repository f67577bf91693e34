// The patient's resources by their "Type/id" reference (resourceRef), indexed one type at a time
// on the first lookup of that type: a record's thousands of labs and vitals are seldom looked up
// by reference, and a map of ten thousand entries costs more than the rest of their reading.
import { str, type Json } from '../../domain/json.ts';
import { resourceRef } from '../fields.ts';

export class ResourceIndex {
  /** By the reference's text before its first "/": the resources whose reference starts so. */
  readonly #byPrefix = new Map<string, Map<string, Json>>();
  /** The resources of each type, in order, grouped once on the first lookup (not once per type). */
  #byType: Map<string, Json[]> | undefined;
  /** Some type holds a "/" (hostile input): its references could start like another type's. */
  #slashedType = false;

  constructor(private readonly resources: readonly Json[]) {}

  /** The resource whose resourceRef is `reference`; of several, the last, as a Map filled in order keeps. */
  get(reference: string): Json | undefined {
    // No resourceRef is empty: callers pass "" for a missing reference.
    if (!reference) return undefined;
    const prefix = beforeSlash(reference);
    let index = this.#byPrefix.get(prefix);
    if (!index) this.#byPrefix.set(prefix, (index = this.#indexOf(prefix)));
    return index.get(reference);
  }

  #indexOf(prefix: string): Map<string, Json> {
    const index = new Map<string, Json>();
    // resourceRef is the type, then "/id" when there is an id: its text before the first "/" is the type's.
    const byType = this.#typed();
    const resources = this.#slashedType ? this.resources : (byType.get(prefix) ?? []);
    for (const r of resources) {
      const type = str(r.resourceType) ?? 'Resource';
      if (type === prefix || type.startsWith(`${prefix}/`)) index.set(resourceRef(r), r);
    }
    return index;
  }

  #typed(): Map<string, Json[]> {
    if (this.#byType) return this.#byType;
    const byType = new Map<string, Json[]>();
    for (const r of this.resources) {
      const type = str(r.resourceType) ?? 'Resource';
      if (type.includes('/')) this.#slashedType = true;
      const list = byType.get(type);
      if (list) list.push(r);
      else byType.set(type, [r]);
    }
    return (this.#byType = byType);
  }
}

function beforeSlash(text: string): string {
  const slash = text.indexOf('/');
  return slash < 0 ? text : text.slice(0, slash);
}
