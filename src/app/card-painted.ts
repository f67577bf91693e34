// A performance mark when the card first shows its bottom line with numbers, for the launch
// benchmark (bench/app.ts reads it from the page's performance timeline). Set once per page.
export const CARD_PAINTED_MARK = 'nodal-risk:card-painted';

/**
 * Runs `callback` once the DOM committed now has been painted: a rAF callback runs just before
 * the next frame's style, layout and paint, and a task queued from it runs just after them.
 * Callbacks queued in the same frame run in the order they were queued.
 */
export function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => setTimeout(callback, 0));
}

/** Called when the bottom line's DOM is committed: the mark is set once the frame showing it is painted. */
export function markCardPainted(): void {
  if (performance.getEntriesByName(CARD_PAINTED_MARK, 'mark').length > 0) return;
  afterNextPaint(() => {
    if (performance.getEntriesByName(CARD_PAINTED_MARK, 'mark').length === 0) performance.mark(CARD_PAINTED_MARK);
  });
}
