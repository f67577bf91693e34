// Medplum's MemoryRepository slices by _offset/_count but emits no links; these are the searchset links.
import type { BundleLink } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export function pageSize(raw: string | undefined): number {
  const n = raw === undefined ? NaN : Number(raw);
  if (!Number.isInteger(n) || n < 0) return DEFAULT_PAGE_SIZE;
  return Math.min(n, MAX_PAGE_SIZE);
}

export function pageOffset(raw: string | undefined): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** self/first/previous/next/last links over the caller's own query (minus paging parameters). */
export function pageLinks(
  base: string,
  query: [string, string][],
  offset: number,
  count: number,
  total: number,
): BundleLink[] {
  const url = (off: number): string => {
    const p = new URLSearchParams(query.filter(([k]) => k !== '_offset' && k !== '_count'));
    p.set('_count', String(count));
    if (off > 0) p.set('_offset', String(off));
    const q = p.toString();
    return q ? `${base}?${q}` : base;
  };
  const links: BundleLink[] = [{ relation: 'self', url: url(offset) }];
  if (count === 0) return links;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / count) * count;
  links.push({ relation: 'first', url: url(0) });
  if (offset > 0) links.push({ relation: 'previous', url: url(Math.max(0, offset - count)) });
  if (offset + count < total) links.push({ relation: 'next', url: url(offset + count) });
  links.push({ relation: 'last', url: url(lastOffset) });
  return links;
}

/**
 * Oracle-style paging: next links carry an opaque `pageContext` (and `direction=NEXT`) that stands
 * for the search and its offset; a client can follow them but cannot build page URLs of its own.
 */
export class OpaquePages {
  private readonly pages = new Map<string, { resourceType: string; pairs: [string, string][]; offset: number }>();

  take(context: string, resourceType: string): { pairs: [string, string][]; offset: number } | undefined {
    const page = this.pages.get(context);
    return page && page.resourceType === resourceType ? { pairs: page.pairs, offset: page.offset } : undefined;
  }

  links(
    base: string,
    resourceType: string,
    pairs: [string, string][],
    offset: number,
    count: number,
    total: number,
  ): BundleLink[] {
    const links: BundleLink[] = [];
    if (count > 0 && offset + count < total) {
      // Bounded memory: the sandbox forgets the oldest page contexts first.
      if (this.pages.size >= 10_000) this.pages.delete(this.pages.keys().next().value as string);
      const context = randomUUID();
      this.pages.set(context, { resourceType, pairs, offset: offset + count });
      links.push({
        relation: 'next',
        url: `${base}?${new URLSearchParams({ pageContext: context, direction: 'NEXT' })}`,
      });
    }
    return links;
  }
}
