import { describe, expect, it } from 'vitest';
import { formatOdds } from '../../src/models/display.ts';

describe('formatOdds (the app card and the write-back)', () => {
  it('two decimals at most below 10, trailing zeros dropped; whole numbers from 10', () => {
    expect(formatOdds(9.154)).toBe('9.15');
    expect(formatOdds(0.5)).toBe('0.5');
    expect(formatOdds(2)).toBe('2');
    expect(formatOdds(12.4)).toBe('12');
    expect(formatOdds(10)).toBe('10');
  });
});
