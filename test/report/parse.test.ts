// The report-text parser on report fragments written as pathologists write them (docs/fhir-mapping.md §6).
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/report/parse.ts';
import { htmlToText, attachmentText } from '../../src/report/text.ts';
import { parseLengthMm, quadrantFromClock, parseHer2Status, parseFraction } from '../../src/report/phrases.ts';

const find = (text: string) =>
  parseReportText(text).findings.map((f) => ({ input: f.input, value: f.value, lines: f.lines }));

describe('synoptic labels of several CAP protocol versions', () => {
  it('reads CAP 4.x node items, keeping sentinel counts apart from all-node counts', () => {
    const text = [
      'Number of Sentinel Nodes Examined: 2',
      'Total Number of Lymph Nodes Examined (sentinel and non-sentinel): 2',
      'Number of Lymph Nodes with Macrometastases (greater than 2 mm): 0',
      'Number of Lymph Nodes with Micrometastases (greater than 0.2 mm to 2 mm and / or greater than 200 cells): 1',
      'Number of Lymph Nodes with Isolated Tumor Cells (0.2 mm or less OR 200 cells or less): 1',
      'Size of Largest Nodal Metastatic Deposit (Millimeters): 1.2 mm',
    ].join('\n');
    const l = text.split('\n');
    expect(find(text)).toEqual([
      { input: 'largestDepositMm', value: 1.2, lines: [l[5]] },
      { input: 'slnExamined', value: 2, lines: [l[0]] },
      { input: 'slnPositive', value: 1, lines: [l[2], l[3]] },
      { input: 'slnItcOnly', value: 1, lines: [l[4]] },
      { input: 'nodalBurden', value: 'micro', lines: [l[3]] },
    ]);
  });

  it('does not read all-node category counts as sentinel counts when non-sentinel nodes were examined', () => {
    const r = parseReportText(
      'Number of Sentinel Nodes Examined: 2\nTotal number of nodes examined (sentinel and nonsentinel): 14\nNumber of Lymph Nodes with Macrometastases (greater than 2 mm): 3',
    );
    expect(r.findings.map((f) => [f.input, f.value])).toEqual([['slnExamined', 2]]);
    expect(r.unread).toEqual([
      {
        line: 'Number of Lymph Nodes with Macrometastases (greater than 2 mm): 3',
        reason: 'node category counts include non-sentinel nodes',
      },
    ]);
  });

  it('reads the older "Size of Largest Metastatic Deposit" and the Fred Hutch template', () => {
    expect(
      find('Size of Largest Metastatic Deposit: 0,4 cm\nSentinel nodes with carcinoma: 1 / Total sentinel nodes: 4'),
    ).toEqual([
      { input: 'largestDepositMm', value: 4, lines: ['Size of Largest Metastatic Deposit: 0,4 cm'] },
      { input: 'slnExamined', value: 4, lines: ['Sentinel nodes with carcinoma: 1 / Total sentinel nodes: 4'] },
      { input: 'slnPositive', value: 1, lines: ['Sentinel nodes with carcinoma: 1 / Total sentinel nodes: 4'] },
    ]);
  });

  it('never takes the DCIS nuclear grade for the invasive one, and reads grade from the Nottingham score', () => {
    const r = parseReportText(
      'Ductal Carcinoma In Situ (DCIS): Present\nNuclear Grade: Grade III (high)\n\nNottingham score: 6/9',
    );
    expect(r.findings.map((f) => [f.input, f.value, f.note])).toEqual([['grade', 2, 'from Nottingham total score 6']]);
    expect(r.unread).toEqual([
      { line: 'Nuclear Grade: Grade III (high)', reason: 'nuclear grade of DCIS, not of the invasive tumour' },
    ]);
  });

  it('reads noisy staging strings (letter O, "pTib") and the (m) suffix', () => {
    expect(find('Pathologic Stage Classification (pTNM, AJCC 8th Edition): pTib(m) pNO(i+)')).toEqual([
      {
        input: 'multifocal',
        value: true,
        lines: ['Pathologic Stage Classification (pTNM, AJCC 8th Edition): pTib(m) pNO(i+)'],
      },
      {
        input: 'nodalBurden',
        value: 'itc',
        lines: ['Pathologic Stage Classification (pTNM, AJCC 8th Edition): pTib(m) pNO(i+)'],
      },
    ]);
  });

  it('reads HER2 by ISH over IHC and does not read qualified sizes', () => {
    const r = parseReportText(
      'HER2 (by immunohistochemistry): Equivocal (Score 2+)\nHER2 (by in situ hybridization): Positive (amplified)\nTumor Size: at least 13 mm',
    );
    expect(r.findings.map((f) => [f.input, f.value, f.rank])).toEqual([
      ['her2Status', 'equivocal', 2],
      ['her2Status', 'positive', 1],
    ]);
    expect(r.unread).toEqual([{ line: 'Tumor Size: at least 13 mm', reason: 'tumour size not read confidently' }]);
  });
});

describe('free text and multi-part reports', () => {
  it('sums sentinel parts, leaves non-sentinel parts out, and names the parts', () => {
    const text = [
      'A. Left axillary sentinel lymph node #1, excision:',
      '- Metastatic carcinoma in one of two lymph nodes (1/2).',
      'B. Left axillary sentinel lymph node #2, excision:',
      '- Two lymph nodes, negative for metastatic carcinoma (0/2).',
      'C. Left axillary contents, dissection:',
      '- Metastatic carcinoma in three of twelve lymph nodes (3/12).',
    ].join('\n');
    const r = parseReportText(text);
    expect(r.findings.map((f) => [f.input, f.value, f.note, f.lines])).toEqual([
      ['slnExamined', 4, 'sum of sentinel parts A, B', [text.split('\n')[1], text.split('\n')[3]]],
      ['slnPositive', 1, 'sum of sentinel parts A, B', [text.split('\n')[1], text.split('\n')[3]]],
    ]);
  });

  it('reads part headings written as "Part A:", "B)" and "C –", and no synoptic label as one', () => {
    const text = [
      'Part A: Right breast, lumpectomy',
      'Histologic Type: Invasive lobular carcinoma',
      'B) Right axillary sentinel lymph node, excision',
      '- Metastatic carcinoma in one of one lymph node (1/1).',
      'C – Right axillary sentinel lymph node #2',
      '- Lymph node negative for metastatic carcinoma (0/2).',
    ].join('\n');
    const r = parseReportText(text);
    expect(r.findings.map((f) => [f.input, f.value, f.part, f.note])).toEqual([
      ['histologicType', 'lobular', 'A', undefined],
      ['slnExamined', 3, undefined, 'sum of sentinel parts B, C'],
      ['slnPositive', 1, undefined, 'sum of sentinel parts B, C'],
    ]);
  });

  it('reads "ITCs only (0/2)" as no positive node and ITC as the worst category', () => {
    expect(find('Sentinel lymph nodes: ITCs only (0/2)')).toEqual([
      { input: 'slnExamined', value: 2, lines: ['Sentinel lymph nodes: ITCs only (0/2)'] },
      { input: 'slnPositive', value: 0, lines: ['Sentinel lymph nodes: ITCs only (0/2)'] },
      { input: 'nodalBurden', value: 'itc', lines: ['Sentinel lymph nodes: ITCs only (0/2)'] },
    ]);
  });

  it('maps a clock position by side, and refuses boundaries and unknown sides', () => {
    expect(find("Specimen Laterality: Right\nTumor Site: 10:30 o'clock").map((f) => [f.input, f.value])).toEqual([
      ['laterality', 'right'],
      ['quadrant', 'UOQ'],
    ]);
    expect(parseReportText("Tumor Site: 10 o'clock").unread).toEqual([
      { line: "Tumor Site: 10 o'clock", reason: 'clock position without a known side' },
    ]);
    expect(quadrantFromClock(10, 'left')).toBe('UIQ');
    expect(quadrantFromClock(2, 'left')).toBe('UOQ');
    expect(quadrantFromClock(7, 'right')).toBe('LOQ');
    expect(quadrantFromClock(5, 'right')).toBe('LIQ');
    expect(quadrantFromClock(12, 'right')).toBeUndefined();
  });
});

describe('phrases and report text', () => {
  it('reads lengths in mm, cm, µm and decimal commas; refuses qualified sizes', () => {
    expect(parseLengthMm('1,8 cm')).toEqual({ mm: 18 });
    expect(parseLengthMm('2.1 x 1.5 x 1.0 cm')).toEqual({ mm: 21 });
    expect(parseLengthMm('150 µm')).toEqual({ mm: 0.15 });
    expect(parseLengthMm('less than 1 mm')).toEqual({ reason: 'qualified size: "less than 1 mm"' });
    expect(parseFraction('two of three')).toEqual({ numerator: 2, denominator: 3 });
    expect(parseHer2Status('Negative (Score 1+)')).toBe('negative');
    expect(parseHer2Status('3+')).toBe('positive');
  });

  it('turns HTML table rows into "label: value" lines and reads base64 text', () => {
    expect(htmlToText('<table><tr><td>Tumor Size</td><td>18&nbsp;mm</td></tr></table>').trim()).toBe(
      'Tumor Size: 18 mm',
    );
    expect(
      attachmentText({ contentType: 'text/plain', data: Buffer.from('Ki-67: 15%').toString('base64') }, undefined),
    ).toEqual({ text: 'Ki-67: 15%' });
    expect(attachmentText({ contentType: 'application/pdf', url: 'Binary/1' }, {})).toEqual({
      reason: 'report attachment of type application/pdf cannot be read as text',
    });
  });
});
