// Attachment data as EHRs send it: standard or URL-safe base64, wrapped lines, and bytes that are not UTF-8.
import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from '../../src/report/text.ts';

// The encodings below were made with Node's Buffer (an independent encoder), not with the code under test.
const TEXT = 'Tumor size: 18 mm; µ ≥ ok?';
const STANDARD = 'VHVtb3Igc2l6ZTogMTggbW07IMK1IOKJpSBvaz8=';

describe('decodeBase64Utf8', () => {
  it('decodes standard base64 to UTF-8 text', () => {
    expect(decodeBase64Utf8(STANDARD)).toBe(TEXT);
  });

  it('accepts line breaks and spaces inside the data', () => {
    expect(decodeBase64Utf8(`${STANDARD.slice(0, 12)}\r\n ${STANDARD.slice(12, 30)}\n${STANDARD.slice(30)}`)).toBe(
      TEXT,
    );
  });

  it('accepts the URL-safe alphabet', () => {
    const standard = 'Pz4/Pj8+'; // "?>?>?>": its standard encoding holds both "+" and "/"
    expect(decodeBase64Utf8(standard)).toBe('?>?>?>');
    expect(decodeBase64Utf8(standard.replace(/\+/g, '-').replace(/\//g, '_'))).toBe('?>?>?>');
  });

  it('refuses data that is not base64, and bytes that are not UTF-8, and still decodes after a refusal', () => {
    expect(decodeBase64Utf8('not base64!')).toBeUndefined();
    expect(decodeBase64Utf8('/w==')).toBeUndefined(); // the single byte 0xff is no UTF-8
    expect(decodeBase64Utf8('wg==')).toBeUndefined(); // 0xc2 alone: a truncated sequence
    expect(decodeBase64Utf8(STANDARD)).toBe(TEXT);
  });

  it('refuses "=" anywhere but as the padding at the end', () => {
    for (const data of ['QQ=Q', 'QQ==QQ==', 'Q===', 'QUI==', 'QUJD=']) expect(decodeBase64Utf8(data)).toBeUndefined();
    expect(decodeBase64Utf8('QUI=')).toBe('AB'); // "AB" as Buffer encodes it
    expect(decodeBase64Utf8('QUI')).toBe('AB'); // the padding may be left out
  });

  it('gives the same text when the data come again after more attachments than it keeps', () => {
    // Each data string is its own encoding of a distinct text (made with Buffer, as above).
    const texts = Array.from({ length: 12 }, (_, i) => `Part ${String.fromCharCode(65 + i)}: ${i} of 12 lymph nodes`);
    const encoded = texts.map((t) => Buffer.from(t, 'utf8').toString('base64'));
    for (let round = 0; round < 2; round++) encoded.forEach((data, i) => expect(decodeBase64Utf8(data)).toBe(texts[i]));
    expect(decodeBase64Utf8('not base64!')).toBeUndefined();
    expect(decodeBase64Utf8('not base64!')).toBeUndefined();
  });
});
