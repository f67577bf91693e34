import { describe, expect, it } from 'vitest';
import { burdenFromPn, clinicalValue, isPostNeoadjuvant, leadingTnm, parseTnm } from '../../src/report/tnm.ts';

describe('TNM categories in text', () => {
  it('reads AJCC strings with prefix and suffixes', () => {
    expect(parseTnm('pT1c pN1mi(sn)', true)).toEqual([
      { axis: 'T', prefix: 'p', category: 'T1c', suffixes: [], text: 'pT1c' },
      { axis: 'N', prefix: 'p', category: 'N1mi', suffixes: ['(sn)'], text: 'pN1mi(sn)' },
    ]);
  });

  it('reads N suffixes written after a space', () => {
    expect(parseTnm('pN0 (i+)(sn)', true)).toEqual([
      { axis: 'N', prefix: 'p', category: 'N0', suffixes: ['(i+)', '(sn)'], text: 'pN0 (i+)(sn)' },
    ]);
  });

  it('reads the typing noise of report text: a letter O for zero, a letter I for one', () => {
    expect(parseTnm('pNO', false).map((t) => t.category)).toEqual(['N0']);
    expect(parseTnm('pTib', false).map((t) => t.category)).toEqual(['T1b']);
  });

  it('without a prefix, "No" and "To" are words, not N0 and T0', () => {
    expect(parseTnm('No data', false)).toEqual([]);
    expect(parseTnm('To be confirmed', false)).toEqual([]);
    expect(parseTnm('Ni', false)).toEqual([]);
    expect(parseTnm('N0 T0 Tis', false).map((t) => t.category)).toEqual(['T0', 'Tis', 'N0']);
  });

  it('with requirePrefix, prose "N0" is not staging', () => {
    expect(parseTnm('nodes N0 by imaging', true)).toEqual([]);
    expect(parseTnm('nodes N0 by imaging', false).map((t) => t.category)).toEqual(['N0']);
  });

  it('with requirePrefix, finds prefixed tokens among words that hold "ct" or "cn"', () => {
    expect(parseTnm('INVASIVE DUCTAL CARCINOMA, DETECTED ON DEEPER SECTIONS', true)).toEqual([]);
    const staged = parseTnm('Ductal carcinoma, detected after therapy: ypT2 rpN1a, c T3', true);
    expect(staged.map((t) => `${t.prefix} ${t.category}`)).toEqual(['yp T2', 'c T3', 'rp N1a']);
  });

  it('an answer followed by its definition states only its own category', () => {
    expect(leadingTnm('pN3b: metastases in the presence of cN2b')?.category).toBe('N3b');
    expect(leadingTnm('metastases in pN3b')).toBeUndefined();
  });

  it('the node burden a pN category states, and only when it is certain', () => {
    const burden = (text: string) => burdenFromPn(parseTnm(text, false)[0]!);
    expect(burden('pN0(i+)')).toBe('itc');
    expect(burden('pN0 (i+)')).toBe('itc');
    expect(burden('pN0 (i-)')).toBeUndefined();
    expect(burden('pN1mi')).toBe('micro');
    expect(burden('pN2a')).toBe('macro');
    expect(burden('pN1')).toBeUndefined();
    expect(burden('pN0')).toBeUndefined();
  });

  it('clinical values and the post-neoadjuvant prefix', () => {
    expect(clinicalValue(parseTnm('cT2', false)[0]!)).toBe('cT2');
    expect(clinicalValue(parseTnm('cTis', false)[0]!)).toBeUndefined();
    expect(isPostNeoadjuvant(parseTnm('ypN0', false)[0]!)).toBe(true);
    expect(isPostNeoadjuvant(parseTnm('pN0', false)[0]!)).toBe(false);
  });
});
