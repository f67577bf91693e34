// allMatches stands in for String.prototype.matchAll on the report parser's shared expressions.
import { describe, expect, it } from 'vitest';
import { allMatches } from '../../src/report/matches.ts';

const found = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m[0], m.index, m[1]]);

describe('allMatches', () => {
  it('lists what matchAll lists, from the start of the text whatever lastIndex was', () => {
    const re = /\b(?:y?p)?N(\d)/gi;
    const text = 'pN1 (sn) and N2, then ypn3';
    const expected = found(text.matchAll(re));
    expect(expected).toHaveLength(3);
    re.lastIndex = 7;
    expect(found(allMatches(re, text))).toEqual(expected);
    expect(re.lastIndex).toBe(0);
    expect(found(allMatches(re, 'no category here'))).toEqual([]);
  });

  it('steps past an empty match as matchAll does', () => {
    const re = /x*/g;
    expect(found(allMatches(re, 'axxb'))).toEqual(found('axxb'.matchAll(re)));
  });
});
