// Short-lived memo of assessments keyed by a hash of the FHIR data. A CDS client calls
// order-select again as the clinician edits the order, then order-sign, with the same data;
// extraction and assessment (about a millisecond) then run once. Entries expire quickly and the
// map is bounded, because they hold patient data in memory.
import { createHash } from 'node:crypto';
import { canonicalJson } from './json-guard.ts';
import type { Assessment } from '../models/evaluate.ts';
import type { CardContent } from './cards.ts';
import type { HookName } from './request-schema.ts';

export interface CachedAssessment {
  assessment: Assessment;
  /** Rendered card text per hook (the indicator depends on the hook). */
  cards: Partial<Record<HookName, CardContent>>;
}

export class AssessmentCache {
  private readonly entries = new Map<string, { until: number; value: CachedAssessment }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 256,
    private readonly now: () => number = Date.now,
  ) {}

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
    return createHash('sha256')
      .update(patientId)
      .update('\n')
      .update(day)
      .update('\n')
      .update(canonical)
      .digest('base64url');
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
