// Short number formats shared by the card summary and detail.
export function formatOdds(odds: number): string {
  return odds >= 10 ? odds.toFixed(0) : odds.toFixed(2).replace(/\.?0+$/, '');
}

export { percentOf } from '../models/display.ts';
