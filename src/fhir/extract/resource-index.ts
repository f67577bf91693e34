// The patient's resources by their "Type/id" reference (resourceRef), indexed one type at a time
// on the first lookup of that type: a record's thousands of labs and vitals are seldom looked up
// by reference, and a map of ten thousand entries costs more than the rest of their reading.
import { str, type Json } from '../../domain/json.ts';
import { resourceRef } from '../fields.ts';

export class ResourceIndex {
  /** By the reference's text before its first "/": the resources whose reference starts so. */
  readonly #byPrefix = new Map<string, Map<string, Json>>();

  constructor(private readonly resources: readonly Json[]) {}

  /** The resource whose resourceRef is `reference`; of several, the last, as a Map filled in order keeps. */
  get(reference: string): Json | undefined {
    const prefix = beforeSlash(reference);
    let index = this.#byPrefix.get(prefix);
    if (!index) this.#byPrefix.set(prefix, (index = this.#indexOf(prefix)));
    return index.get(reference);
  }

  #indexOf(prefix: string): Map<string, Json> {
    const index = new Map<string, Json>();
    for (const r of this.resources) {
      // resourceRef is the type, then "/id" when there is an id: its text before the first "/" is the type's.
      const type = str(r.resourceType) ?? 'Resource';
      if (type === prefix || type.startsWith(`${prefix}/`)) index.set(resourceRef(r), r);
    }
    return index;
  }
}

function beforeSlash(text: string): string {
  const slash = text.indexOf('/');
  return slash < 0 ? text : text.slice(0, slash);
}
