// The one reader of report documents, as the app's source viewer uses it: the text a clinician sees
// must be the text the extraction read (HTML converted), never the markup.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryText, documentText, documentUrls } from '../../src/fhir/documents.ts';
import { asRtf } from '../../src/sandbox/fhir/vendor-documents.ts';

const bundle = JSON.parse(
  readFileSync(new URL('../../src/sandbox/patients/report-text-only-epic.json', import.meta.url), 'utf8'),
) as { entry: { resource: Record<string, unknown> }[] };
const resources = bundle.entry.map((e) => e.resource);
const byType = (type: string) => resources.find((r) => r.resourceType === type)!;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('documentText', () => {
  it('an HTML report fetched by URL reads as its text lines, without markup (the source viewer bug)', () => {
    const report = byType('DiagnosticReport');
    expect(documentUrls(resources)).toEqual(['Binary/epic-text-only-report']);
    const binaries = { 'Binary/epic-text-only-report': binaryText(byType('Binary'))! };
    expect(binaries['Binary/epic-text-only-report']).toMatch(/^<html><body>/);

    const text = documentText(report, binaries)!;
    expect(text).not.toMatch(/<html|<body|<pre|<div|<h2/i);
    expect(text.split('\n')).toContain(
      'Tumor Size: Greatest dimension of largest invasive focus greater than 1 mm: 24 mm',
    );
  });

  it('inline HTML data is converted too: table cells become "label: value", entities decoded', () => {
    const html = '<html><body><table><tr><td>Tumor Size</td><td>18&nbsp;mm</td></tr></table></body></html>';
    const doc = {
      resourceType: 'DocumentReference',
      content: [{ attachment: { contentType: 'text/html', data: base64(html) } }],
    };
    expect(documentText(doc, undefined)?.split('\n')).toContain('Tumor Size: 18 mm');
  });

  it('an RTF rendition is never shown raw: the HTML one is read, or the conclusion', () => {
    const binary = {
      resourceType: 'Binary' as const,
      id: 'r1',
      contentType: 'text/plain',
      data: base64('Tumor Size: 24 mm'),
    };
    const rtf = asRtf(binary);
    const html = '<p>Tumor Size: 24 mm</p>';
    const both = {
      resourceType: 'DocumentReference',
      content: [
        { attachment: { contentType: 'text/rtf', data: rtf.data } },
        { attachment: { contentType: 'text/html', data: base64(html) } },
      ],
    };
    expect(documentText(both, undefined)).toBe('\nTumor Size: 24 mm\n');
    const rtfOnly = {
      resourceType: 'DiagnosticReport',
      conclusion: 'Metastatic carcinoma in 1 of 2 sentinel nodes',
      presentedForm: [{ contentType: 'text/rtf', data: rtf.data }],
    };
    expect(documentText(rtfOnly, undefined)).toBe('Metastatic carcinoma in 1 of 2 sentinel nodes');
  });

  it('a plain-text report reads as it is; a resource without report text gives nothing', () => {
    const report = {
      resourceType: 'DiagnosticReport',
      presentedForm: [{ contentType: 'text/plain', data: base64('Ki-67: 15%') }],
    };
    expect(documentText(report, undefined)).toBe('Ki-67: 15%');
    expect(documentText(byType('Patient'), undefined)).toBeUndefined();
    expect(documentText('not a resource', undefined)).toBeUndefined();
  });
});

describe('binaryText', () => {
  it('reads a FHIR Binary or a plain body; bytes that are not UTF-8 are not text', () => {
    expect(binaryText({ resourceType: 'Binary', data: base64('pN1a') })).toBe('pN1a');
    expect(binaryText('pN1a')).toBe('pN1a');
    expect(
      binaryText({ resourceType: 'Binary', data: Buffer.from([0xff, 0xfe, 0x41]).toString('base64') }),
    ).toBeUndefined();
    expect(binaryText({ resourceType: 'Binary' })).toBeUndefined();
  });
});
