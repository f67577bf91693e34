// Texts clients sent lately, each with what was worked out from it: the same text sent again is
// recognised by one memory compare (stopping at the first difference; by identity when the
// remembered string itself is passed back) instead of being hashed or checked again. Texts are
// remembered briefly, few and bounded in length, since they hold patient data.

export interface RecentText<V> {
  /** The remembered string: later compares with it are by identity. */
  text: string;
  value: V;
}

export class RecentTexts<V> {
  private readonly recent = new Map<string, RecentText<V> & { until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 16,
    private readonly maxLength = 512 * 1024,
    private readonly now: () => number = Date.now,
  ) {}

  /** What was remembered in this slot for an equal text, while fresh. */
  get(slot: string, text: string): RecentText<V> | undefined {
    const seen = this.recent.get(slot);
    return seen && seen.until > this.now() && seen.text === text ? seen : undefined;
  }

  /** Remembers the text in its slot (replacing the slot's last one) unless it is too long. */
  set(slot: string, text: string, value: V): void {
    if (text.length > this.maxLength) return;
    this.recent.delete(slot);
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = this.recent.size >= this.maxEntries ? this.recent.keys().next().value : undefined;
    if (oldest !== undefined) this.recent.delete(oldest);
    this.recent.set(slot, { text, value, until: this.now() + this.ttlMs });
  }
}
