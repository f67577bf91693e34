// The report-text rules one at a time: which rule a label reaches, and the readers with pitfalls.
import { describe, expect, it } from 'vitest';
import { LABEL_RULES, ruleFor, stagingTokens } from '../../src/report/label-rules.ts';
import { DETECTION_RULES, statedSideAndHistology } from '../../src/report/free-text.ts';
import { ParseState } from '../../src/report/state.ts';

function read(label: string, value: string, text = '') {
  const st = new ParseState(text);
  ruleFor(label)!.read(value, `${label}: ${value}`, st, label.toLowerCase());
  return st;
}

const detect = (sentence: string) => DETECTION_RULES.find((r) => r.test(sentence))?.value;

describe('label rules', () => {
  it('every rule names its input and meaning, and labels reach the rule they mean', () => {
    for (const r of LABEL_RULES) expect(r.meaning.length).toBeGreaterThan(5);
    expect(ruleFor('Number of Sentinel Nodes Examined')?.label).toBe('sentinel nodes examined');
    expect(ruleFor('Positive sentinel nodes')?.label).toBe('sentinel nodes with metastasis');
    expect(ruleFor('Total Number of Lymph Nodes Examined (sentinel and non-sentinel)')?.label).toBe(
      'total nodes examined',
    );
    expect(ruleFor('HER2 (by immunohistochemistry)')?.label).toBe('HER2 status');
    expect(ruleFor('Progesterone Receptor (PgR) Status')?.label).toBe('PR status');
    expect(ruleFor('Regional Lymph Nodes (pN)')?.label).toBe('TNM category');
    expect(ruleFor('Margin Status')).toBeUndefined();
  });

  it('a staging value that starts with a category counts that category only', () => {
    expect(stagingTokens('pN3b: pN1a or pN2a in the presence of cN2b').map((t) => t.text)).toEqual(['pN3b']);
    expect(stagingTokens('pT2(m) pN1a(sn)').map((t) => t.text)).toEqual(['pT2(m)', 'pN1a(sn)']);
  });

  it('pN0 with sentinel nodes means no positive sentinel node; without them it says nothing of sentinel nodes', () => {
    const withSentinel = read(
      'pN Category',
      'pN0: No regional lymph node metastasis identified or ITCs only',
      'sentinel',
    );
    expect(withSentinel.findings.map((f) => [f.input, f.value, f.note])).toEqual([
      ['slnPositive', 0, 'derived from pN0: no node with a micro- or macrometastasis'],
    ]);
    expect(read('pN Category', 'pN0', 'axillary dissection').findings).toEqual([]);
    expect(read('pN Category', 'ypN0', 'sentinel').findings.map((f) => f.input)).toEqual(['neoadjuvantTherapy']);
  });

  it('"uninvolved by tumor cells" gives no positive and no ITC-only sentinel node when sentinel nodes were taken', () => {
    expect(
      read('Regional Lymph Nodes', 'Uninvolved by tumor cells', 'sentinel').findings.map((f) => [f.input, f.value]),
    ).toEqual([
      ['slnPositive', 0],
      ['slnItcOnly', 0],
    ]);
    expect(read('Regional Lymph Nodes', 'Uninvolved by tumor cells').findings).toEqual([]);
  });

  it('a treatment effect states that presurgical therapy was given; "no known presurgical therapy" states it was not', () => {
    expect(
      read('Treatment Effect in the Breast', 'No definite response to presurgical therapy in the invasive carcinoma')
        .findings[0],
    ).toMatchObject({ input: 'neoadjuvantTherapy', value: true });
    expect(read('Treatment Effect in the Breast', 'No known presurgical therapy').findings[0]).toMatchObject({
      input: 'neoadjuvantTherapy',
      value: false,
    });
  });
});

describe('detection method in words', () => {
  it('names each of the four methods, the least sensitive first', () => {
    expect(detect('Metastatic carcinoma identified on frozen section (1/2 lymph nodes)')).toBe('frozen-section');
    expect(detect('Micrometastasis identified on routine H&E sections of the sentinel lymph node')).toBe('routine-he');
    expect(detect('Frozen section negative; metastatic carcinoma identified on permanent sections')).toBe('routine-he');
    expect(detect('Metastatic carcinoma present on deeper levels only')).toBe('serial-he');
    expect(detect('Micrometastasis identified only on deeper levels')).toBe('serial-he');
    expect(detect('Isolated tumor cells detected by cytokeratin immunohistochemistry')).toBe('ihc');
  });

  it('a negative frozen section is never the method', () => {
    expect(detect('Intraoperative frozen section: negative for metastatic carcinoma')).toBeUndefined();
    expect(detect('Frozen section negative; metastatic carcinoma identified on deeper levels')).toBe('serial-he');
  });
});

describe('side and histology stated in a conclusion', () => {
  it('reads one side of the breast and one invasive type; negations and both sides give nothing', () => {
    expect(statedSideAndHistology('Left breast, lumpectomy: invasive ductal carcinoma, grade 2.')).toMatchObject({
      side: 'left',
      histology: 'ductal',
    });
    expect(statedSideAndHistology('Right breast: no residual invasive lobular carcinoma.')).toEqual({
      side: 'right',
      sideText: 'Right breast: no residual invasive lobular carcinoma.',
    });
    expect(
      statedSideAndHistology('Left breast: benign. Right breast: invasive lobular carcinoma.').side,
    ).toBeUndefined();
  });
});
