// Rendered CAP checklists: only marked answers are read, unmarked options never become facts.
import { describe, expect, it } from 'vitest';
import { isRenderedChecklist, readChecklist } from '../../src/report/checklist.ts';
import { parseReportText } from '../../src/report/parse.ts';
import { htmlToText } from '../../src/report/text.ts';

const facts = (text: string) => parseReportText(text).findings.map((f) => [f.input, f.value]);

describe('rendered checklist', () => {
  const checklist = [
    'Specimen Laterality',
    '__ Right',
    '✓ Left',
    'Histologic Type (Note A)',
    '✓ Invasive carcinoma of no special type (ductal)',
    '__ Invasive lobular carcinoma',
    'Overall Grade',
    '✓ Grade 1 (scores of 3, 4, or 5)',
    'Tumor Focality',
    '✓ Single focus of invasive carcinoma',
    '__ Multiple foci of invasive carcinoma',
    'pN Category',
    '✓ pN0: No regional lymph node metastasis identified or ITCs only',
    '__ pN3b: pN1a or pN2a in the presence of cN2b (positive internal mammary nodes by imaging)',
  ].join('\n');

  it('is recognised, and only its marked answers are read, even without a "Label: value" shape', () => {
    expect(isRenderedChecklist(checklist)).toBe(true);
    expect(facts(checklist)).toEqual([
      ['laterality', 'left'],
      ['histologicType', 'ductal'],
      ['grade', 1],
      ['multifocal', false],
    ]);
  });

  it('never reads an unmarked option: "__ Multiple foci" is not multifocal, "__ pN3b … cN2b" is not cN2', () => {
    const out = facts(checklist);
    expect(out).not.toContainEqual(['multifocal', true]);
    expect(out.map(([input]) => input)).not.toContain('clinicalN');
  });

  it('reads a marked pN category by its leading category only, not the definition around it', () => {
    const marked = checklist.replace('__ pN3b', '✓ pN3b').replace('✓ pN0', '__ pN0');
    expect(facts(marked).map(([input]) => input)).not.toContain('clinicalN');
  });

  it('reads every mark style: [x], (X), _X_, ☒ and ticked HTML boxes; [ ], ( ), ☐ are unmarked', () => {
    for (const [on, off] of [
      ['[x]', '[ ]'],
      ['(X)', '( )'],
      ['_X_', '___'],
      ['☒', '☐'],
      ['☑', '☐'],
    ]) {
      expect(facts(`Specimen Laterality\n${off} Right\n${on} Left`)).toEqual([['laterality', 'left']]);
    }
    const html =
      '<p>Specimen Laterality</p><p><input type="checkbox"> Right</p><p><input type="checkbox" checked> Left</p>';
    expect(facts(htmlToText(html))).toEqual([['laterality', 'left']]);
  });

  it('leaves unchosen options written without a mark unread (blank style)', () => {
    const blank =
      'Tumor Focality\n✓ Single focus of invasive carcinoma\nMultiple foci of invasive carcinoma\nSpecimen Laterality\n✓ Right\nLeft';
    expect(facts(blank)).toEqual([
      ['multifocal', false],
      ['laterality', 'right'],
    ]);
  });

  it('asks the sub-question an option opens ("✓ HER2 (by immunohistochemistry)" then "✓ Negative (Score 0)")', () => {
    const text =
      'Estrogen Receptor (ER) Status\n__ Negative\n✓ Cannot be determined (indeterminate)\n__ Progesterone Receptor (PgR)\n✓ HER2 (by immunohistochemistry)\n✓ Negative (Score 0)\n__ Positive (Score 3+)';
    const r = parseReportText(text);
    expect(r.findings.map((f) => [f.input, f.value])).toEqual([['her2Status', 'negative']]);
    expect(r.findings[0]!.lines).toEqual(['HER2 (by immunohistochemistry): ✓ Negative (Score 0)']);
  });

  it('a fill-in answer is read by its own label ("… (mm)): 13.0 mm"), not by the "> 1 mm" in its wording', () => {
    const text =
      'Tumor Size\n__ Microinvasion only (less than or equal to 1 mm)\n✓ Greatest dimension of largest invasive focus greater than 1 mm (specify exact measurement in Millimeters (mm)): 13.0 mm';
    expect(facts(text)).toEqual([['tumorSizeMm', 13]]);
  });

  it('a checklist without any mark gives nothing and says so', () => {
    const r = parseReportText(
      'Specimen Laterality\n__ Right\n__ Left\nTumor Focality\n__ Multiple foci of invasive carcinoma',
    );
    expect(r.findings).toEqual([]);
    expect(r.unread).toEqual([
      { line: 'Specimen Laterality', reason: 'checklist without any marked answer: nothing read' },
    ]);
    expect(readChecklist('').items).toEqual([]);
  });

  it('a synoptic "Label: value" report, even with separator rules of underscores, is not a checklist', () => {
    expect(isRenderedChecklist('Specimen Laterality: Left\nTumor Focality: Single focus of invasive carcinoma')).toBe(
      false,
    );
    const ruled =
      '________________\nSentinel lymph node: metastatic carcinoma in one of two lymph nodes (1/2)\n________________';
    expect(isRenderedChecklist(ruled)).toBe(false);
    expect(facts(ruled)).toEqual([
      ['slnExamined', 2],
      ['slnPositive', 1],
    ]);
  });
});
