// CAP SDC XML forms: selected answers with their responses; other organs' forms and broken XML are refused with a reason.
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/report/parse.ts';
import { readSdcForm } from '../../src/report/sdc.ts';

const form = (title: string, body: string) =>
  `<?xml version="1.0"?><SDCSubmissionPackage xmlns="urn:ihe:qrph:sdc:2016"><FormDesign ID="x" formTitle="${title}"><Body><ChildItems>${body}</ChildItems></Body></FormDesign></SDCSubmissionPackage>`;

const question = (title: string, items: string) =>
  `<Question ID="q" title="${title}"><ListField><List>${items}</List></ListField></Question>`;
const item = (title: string, selected: boolean, inner = '') =>
  `<ListItem ID="i" title="${title}"${selected ? ' selected="true"' : ''}>${inner}</ListItem>`;
const response = (tag: string, val: string, units?: string) =>
  `<ListItemResponseField><Response><${tag} val="${val}"/></Response>${units ? `<ResponseUnits val="${units}"/>` : ''}</ListItemResponseField>`;

const BREAST = 'INVASIVE CARCINOMA OF THE BREAST: Resection';

describe('SDC form reader', () => {
  it('reads only selected answers, with the question and answer as the source', () => {
    const xml = form(
      BREAST,
      question('Specimen Laterality', item('Right', true) + item('Left', false)) +
        question(
          'Tumor Focality (Note F)',
          item('Single focus of invasive carcinoma', false) + item('Multiple foci of invasive carcinoma', false),
        ) +
        question('Histologic Type', item('Invasive lobular carcinoma', true)),
    );
    const r = readSdcForm(xml);
    if ('reason' in r) throw new Error(r.reason);
    const found = parseAnswers(r.items).findings;
    expect(found.map((f) => [f.input, f.value, f.lines[0]])).toEqual([
      ['laterality', 'right', 'Specimen Laterality: Right'],
      ['histologicType', 'lobular', 'Histologic Type: Invasive lobular carcinoma'],
    ]);
  });

  it('reads the filled-in response of a selected answer (size in mm, sentinel count)', () => {
    const xml = form(
      BREAST,
      question(
        'Tumor Size',
        item(
          'Greatest dimension of largest invasive focus &gt; 1 mm (specify exact measurement in Millimeters (mm))',
          true,
          response('decimal', '3', 'mm'),
        ),
      ) + question('?Number of Sentinel Nodes Examined', item('Specify number', true, response('integer', '9'))),
    );
    const r = readSdcForm(xml);
    if ('reason' in r) throw new Error(r.reason);
    expect(parseAnswers(r.items).findings.map((f) => [f.input, f.value])).toEqual([
      ['tumorSizeMm', 3],
      ['slnExamined', 9],
    ]);
  });

  it('never reads beneath an option that was not selected', () => {
    const nested = item(
      'Clock position',
      false,
      `<ChildItems>${question('Specify Clock Position', item("8 o'clock", true))}</ChildItems>`,
    );
    const r = readSdcForm(form(BREAST, question('Tumor Site', nested)));
    expect(r).toEqual({ reason: `SDC form "${BREAST}" has no selected answer` });
  });

  it('refuses a form for another organ, broken XML and XML that is not a form, without throwing', () => {
    expect(readSdcForm(form('ADRENAL GLAND', question('Tumor Size', item('3 cm', true))))).toEqual({
      reason: 'SDC form "ADRENAL GLAND" is not a breast cancer form: nothing read from it',
    });
    expect(readSdcForm('<FormDesign formTitle="BREAST"><Body>')).toMatchObject({
      reason: expect.stringMatching(/^XML attachment is not well-formed/),
    });
    expect(readSdcForm('<SDCSubmissionPackage/>')).toEqual({
      reason: 'XML attachment is not an SDC form (no FormDesign)',
    });
    expect(readSdcForm('not xml at all')).toMatchObject({ reason: expect.stringMatching(/^XML attachment/) });
  });
});
