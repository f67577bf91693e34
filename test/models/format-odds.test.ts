import { describe, expect, it } from 'vitest';
import { formatOdds, formatRange } from '../../src/models/display.ts';

describe('formatOdds (the app card and the write-back)', () => {
  it('two decimals at most below 10, trailing zeros dropped; whole numbers from 10', () => {
    expect(formatOdds(9.154)).toBe('9.15');
    expect(formatOdds(0.5)).toBe('0.5');
    expect(formatOdds(2)).toBe('2');
    expect(formatOdds(12.4)).toBe('12');
    expect(formatOdds(10)).toBe('10');
  });
});

describe("formatRange (the card's range)", () => {
  it('drops the first sign of two whole percents; keeps "<1%" and ">99%" whole; one value when both round alike', () => {
    expect(formatRange(0.0687, 0.2763)).toBe('7–28%');
    expect(formatRange(0.004, 0.05)).toBe('<1%–5%');
    expect(formatRange(0.9, 0.996)).toBe('90–>99%');
    expect(formatRange(0.996, 0.999)).toBe('>99%');
    expect(formatRange(0.121, 0.124)).toBe('12%');
  });
});
