// Short-lived memo of assessments keyed by a hash of the FHIR data. A CDS client calls
// order-select again as the clinician edits the order, then order-sign, with the same data;
// extraction and assessment (about a millisecond) then run once. Entries expire quickly and the
// map is bounded, because they hold patient data in memory.
import { createHash } from 'node:crypto';
import { canonicalJson } from './json-guard.ts';
import { RecentTexts } from './recent-texts.ts';
import type { Assessment } from '../models/evaluate.ts';
import type { CardText } from './cards.ts';
import type { HookName } from './request-schema.ts';

export interface CachedAssessment {
  assessment: Assessment;
  /** Rendered card text per hook (the indicator depends on the hook). */
  cards: Partial<Record<HookName, CardText>>;
}

/** SHA-256 of the parts, each but the last ended by a newline (none of them but the last can hold one). */
function digest(...parts: string[]): string {
  const hash = createHash('sha256');
  const last = parts.length - 1;
  parts.forEach((part, i) => hash.update(i < last ? `${part}\n` : part));
  return hash.digest('base64url');
}

export class AssessmentCache {
  private readonly entries = new Map<string, { until: number; value: CachedAssessment }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 256,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached assessment of this data, patient and day, or `compute()`'s, then cached. Looked up
   * first by the data as sent (one native serialisation: a repeated call sends the same text), then
   * in canonical form (a client that reorders keys between hooks); stored under both.
   */
  lookup(data: readonly unknown[], patientId: string, day: string, compute: () => CachedAssessment): CachedAssessment {
    const exact = AssessmentCache.exactKey(data, patientId, day);
    const hit = exact === undefined ? undefined : this.get(exact);
    if (hit) return hit;
    const canonical = AssessmentCache.key(data, patientId, day);
    let value = canonical === undefined ? undefined : this.get(canonical);
    if (!value) {
      value = compute();
      if (canonical !== undefined) this.set(canonical, value);
    }
    if (exact !== undefined) this.set(exact, value);
    return value;
  }

  /** Same FHIR data in the same key order, same patient and day → same key; undefined when not serialisable. */
  static exactKey(data: readonly unknown[], patientId: string, day: string): string | undefined {
    let text: string;
    try {
      text = JSON.stringify(data);
    } catch {
      return undefined;
    }
    return `exact:${digest(patientId, day, text)}`;
  }

  /**
   * Same FHIR data (in any key order), same patient and same clinical day → same assessment. The
   * key is of the data only, never of the request (hookInstance and token differ per call).
   * Undefined when the data nest too deeply to hash: such a call is simply not cached.
   */
  static key(resources: readonly unknown[], patientId: string, day: string): string | undefined {
    let canonical: string;
    try {
      canonical = canonicalJson(resources);
    } catch {
      return undefined;
    }
    return digest(patientId, day, canonical);
  }

  /**
   * The key of prefetched data by the text the client sent: the prefetch member's JSON text to the
   * end of the body (see textFromMember), read with the vendor's searches, for one patient and day.
   * A second call with the same prefetch (another hookInstance, or order-sign after order-select)
   * finds the entry without gathering or serialising anything; only valid when no FHIR server is
   * contacted, since then the data are a function of the prefetch alone.
   */
  static sentKey(prefetchText: string, vendor: string, patientId: string, day: string): string {
    return `sent:${digest(vendor, patientId, day, prefetchText)}`;
  }

  get(key: string): CachedAssessment | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: CachedAssessment): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { until: this.now() + this.ttlMs, value });
  }
}

/**
 * The sent keys of the latest prefetch texts, one per vendor, patient, day and text length: a
 * repeated text is compared with the one remembered instead of hashed again (see RecentTexts).
 */
export class SentKeys {
  private readonly recent: RecentTexts<string>;

  constructor(ttlMs?: number, maxEntries?: number, maxLength?: number, now?: () => number) {
    this.recent = new RecentTexts(ttlMs, maxEntries, maxLength, now);
  }

  /** AssessmentCache.sentKey of these arguments. */
  key(prefetchText: string, vendor: string, patientId: string, day: string): string {
    const slot = `${vendor}\n${patientId}\n${day}\n${prefetchText.length}`;
    const seen = this.recent.get(slot, prefetchText);
    if (seen) return seen.value;
    const key = AssessmentCache.sentKey(prefetchText, vendor, patientId, day);
    this.recent.set(slot, prefetchText, key);
    return key;
  }
}

/**
 * The UTC calendar day (YYYY-MM-DD) of a date, remembered for the last day seen: toISOString costs
 * microseconds and every request asks. An invalid date is never remembered, so it throws as before.
 */
export function utcDayMemo(): (date: Date) => string {
  let dayNumber = Number.NaN;
  let text = '';
  return (date) => {
    const n = Math.floor(date.getTime() / 86_400_000);
    if (n !== dayNumber) {
      text = date.toISOString().slice(0, 10);
      dayNumber = n;
    }
    return text;
  };
}
