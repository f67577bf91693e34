// Display conventions of the riskcalc.org calculator (models.md §1): R's round() to a whole
// percent — which rounds halves to even — then "<1%" below 1 and ">99%" above 99.

/** Rounds half to even, as R's round() does. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function formatProbability(p: number): string {
  const percent = roundHalfEven(p * 100);
  if (percent < 1) return '<1%';
  if (percent > 99) return '>99%';
  return `${percent}%`;
}
