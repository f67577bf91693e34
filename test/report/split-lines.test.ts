// splitLines must give exactly the lines `split(/\r?\n/)` gives, for every mix of line ends.
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/report/text.ts';
import { splitLabel } from '../../src/report/parse.ts';

describe('splitLines', () => {
  it('splits like /\\r?\\n/ for LF, CRLF, lone CR and ends without a line break', () => {
    const texts = [
      '',
      'one line',
      'a\nb\n',
      'a\r\nb\r\n',
      'a\r\r\nb',
      'a\rb\nc\r',
      '\r\n\r\n',
      'A. LEFT BREAST:\r\n  - INVASIVE CARCINOMA\n\r\nB. SENTINEL NODE\r',
    ];
    for (const text of texts) expect(splitLines(text)).toEqual(text.split(/\r?\n/));
  });
});

describe('splitLabel', () => {
  it('splits at the last colon that is not inside a time', () => {
    expect(splitLabel('Specimen: received at 10:30')).toEqual({ label: 'Specimen', value: 'received at 10:30' });
    expect(splitLabel('Tumor Size: 18 mm')).toEqual({ label: 'Tumor Size', value: '18 mm' });
    expect(splitLabel('Note: a: b')).toEqual({ label: 'Note: a', value: 'b' });
    expect(splitLabel('Collected 10:30')).toBeUndefined();
    expect(splitLabel(': value')).toBeUndefined();
    expect(splitLabel(':')).toBeUndefined();
    expect(splitLabel('no colon')).toBeUndefined();
  });
});
