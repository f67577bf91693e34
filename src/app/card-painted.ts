// A performance mark when the card first shows its bottom line with numbers, for the launch
// benchmark (bench/app.ts reads it from the page's performance timeline). Set once per page.
export const CARD_PAINTED_MARK = 'nodal-risk:card-painted';

/**
 * Called when the card's DOM is committed. The frame that paints it comes next: a rAF callback
 * runs just before that frame's paint, and a task queued from it runs just after.
 */
export function markCardPainted(): void {
  if (performance.getEntriesByName(CARD_PAINTED_MARK, 'mark').length > 0) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (performance.getEntriesByName(CARD_PAINTED_MARK, 'mark').length === 0) performance.mark(CARD_PAINTED_MARK);
    }, 0),
  );
}
