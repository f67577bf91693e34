import { describe, expect, it } from 'vitest';
import { outcomeFromResources } from '../../src/validation/outcomes.ts';

const subject = { reference: 'Patient/p1' };
const alnd = {
  resourceType: 'Procedure',
  id: 'alnd',
  status: 'completed',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '234262008' }], text: 'Axillary lymph node dissection' },
  subject,
  performedDateTime: '2024-03-20',
};
const alndSpecimen = {
  resourceType: 'Specimen',
  id: 'spec-alnd',
  subject,
  note: [{ text: 'LEFT AXILLARY CONTENTS, COMPLETION DISSECTION' }],
};
const slnSpecimen = {
  resourceType: 'Specimen',
  id: 'spec-sln',
  subject,
  note: [{ text: 'LEFT AXILLARY SENTINEL LYMPH NODE(S)' }],
};
const loincCount = (id: string, code: string, n: number, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  subject,
  effectiveDateTime: '2024-03-20',
  valueQuantity: { value: n, unit: '1' },
  ...extra,
});
const textReport = (text: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'DiagnosticReport',
  id: 'path',
  status: 'final',
  category: [{ coding: [{ system: 'http://loinc.org', code: 'LP7839-6' }] }],
  code: { text: 'Surgical pathology' },
  subject,
  effectiveDateTime: '2024-03-20',
  presentedForm: [{ contentType: 'text/plain', data: Buffer.from(text).toString('base64') }],
  ...extra,
});

describe('outcome of the completion dissection', () => {
  it('discrete counts on the dissection specimen: 2 positive + 1 sentinel → NSN event, 3 in all', () => {
    const r = outcomeFromResources(
      [
        alnd,
        alndSpecimen,
        slnSpecimen,
        loincCount('o1', '21893-3', 2, { specimen: { reference: 'Specimen/spec-alnd' } }),
        loincCount('o0', '21893-3', 1, {
          specimen: { reference: 'Specimen/spec-sln' },
          effectiveDateTime: '2024-03-01',
        }),
      ],
      { sentinelPositive: 1 },
    );
    expect(r).toEqual({
      found: {
        nsnPositive: 1,
        totalPositive: 3,
        pn2: false,
        date: '2024-03-20',
        sources: ['Observation/o1'],
        notes: [],
      },
    });
  });

  it('reads "metastatic carcinoma in 2 of 14 lymph nodes" from the dissection part only', () => {
    const text = [
      'FINAL DIAGNOSIS:',
      'B. LEFT AXILLARY SENTINEL LYMPH NODES, EXCISION:',
      '   - METASTATIC CARCINOMA IN ONE OF THREE LYMPH NODES (1/3).',
      'C. LEFT AXILLA, COMPLETION AXILLARY DISSECTION:',
      '   - Metastatic carcinoma in 2 of 14 lymph nodes.',
    ].join('\n');
    const r = outcomeFromResources([alnd, textReport(text)], { sentinelPositive: 1 });
    expect('found' in r && r.found).toMatchObject({ nsnPositive: 1, totalPositive: 3 });
    expect('found' in r && r.found.sources[0]).toContain('2 of 14');
  });

  it('isolated tumour cells alone in the dissection nodes are not an event', () => {
    const text =
      'C. LEFT AXILLARY CONTENTS, COMPLETION DISSECTION:\n - ISOLATED TUMOR CELLS IN 1 OF 12 LYMPH NODES (1/12).';
    const r = outcomeFromResources([alnd, textReport(text)], { sentinelPositive: 2 });
    expect('found' in r && r.found).toMatchObject({ nsnPositive: 0, totalPositive: 2, pn2: false });
    expect('found' in r && r.found.notes.join(' ')).toMatch(/isolated tumour cells only/);
  });

  it('an all-nodes count minus the sentinel count, said so', () => {
    const r = outcomeFromResources([alnd, loincCount('all', '92831-7', 5)], { sentinelPositive: 2 });
    expect('found' in r && r.found).toMatchObject({ nsnPositive: 1, totalPositive: 5, pn2: true });
    expect('found' in r && r.found.notes[0]).toMatch(/2 positive sentinel nodes were subtracted/);
  });

  it('pN after the dissection gives the pN2–3 endpoint when no count is recorded; a (sn) category does not', () => {
    const pn = (id: string, text: string) => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '371494008' }] },
      subject,
      effectiveDateTime: '2024-03-20',
      valueCodeableConcept: { text },
    });
    const r = outcomeFromResources([alnd, pn('pn', 'pN2a')]);
    expect(r).toEqual({ found: { pn2: true, date: '2024-03-20', sources: ['Observation/pn'], notes: [] } });
    expect(outcomeFromResources([alnd, pn('pn', 'pN1a(sn)')])).toEqual({
      reason: 'completion axillary dissection recorded without a node count or pN category for it',
    });
  });

  it('no dissection, or sources that disagree, give a reason instead of an outcome', () => {
    expect(outcomeFromResources([alndSpecimen])).toEqual({ reason: 'no completion axillary dissection recorded' });
    const text = 'C. AXILLARY DISSECTION:\n - METASTATIC CARCINOMA IN 3 OF 10 LYMPH NODES.';
    const r = outcomeFromResources(
      [
        alnd,
        alndSpecimen,
        loincCount('o1', '21893-3', 2, { specimen: { reference: 'Specimen/spec-alnd' } }),
        textReport(text),
      ],
      { sentinelPositive: 1 },
    );
    expect('reason' in r && r.reason).toMatch(/disagree: 2 .* vs 3/);
  });
});
