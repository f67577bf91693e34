// Card rendering from an Assessment: summary headline and evidence tag, indicator rules,
// markdown detail, and the JSON rules (no empty fields).
import { describe, expect, it } from 'vitest';
import { evidenceTag, headline, indicator, renderCard, summary } from '../../src/cds/cards.ts';
import { md } from '../../src/cds/markdown.ts';
import { prune } from '../../src/cds/prune.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';

const base = {
  histologicType: 'ductal',
  nuclearGrade: 2,
  erStatus: 'positive',
  lvi: false,
  multifocal: false,
  tumorSizeMm: 20,
  slnExamined: 2,
  slnPositive: 1,
  slnItcOnly: 0,
  detectionMethod: 'frozen-section',
  clinicalN: 'cN0',
  clinicalT: 'cT2',
  neoadjuvantTherapy: false,
};

const ctx = {
  hookInstance: 'h1',
  source: { label: 'Nodal Risk', url: 'http://app/', topic: { system: 's', code: 'c', display: 'd' } },
  appLaunchUrl: 'http://app/launch.html',
};

describe('summary', () => {
  it('leads with the MSKCC probability (check vector 31.93% → 32%)', () => {
    const a = assess(factsFromPlainInputs({ ...base, largestDepositMm: 4 }));
    expect(headline(a)).toBe('Further axillary node risk 32% (MSKCC)');
  });

  it('adds the IBCSG 23-01 tag for micrometastases', () => {
    const a = assess(factsFromPlainInputs({ ...base, largestDepositMm: 1.1 }));
    expect(summary(a)).toBe('Further axillary node risk 32% (MSKCC) · micrometastasis: IBCSG 23-01 applies');
    expect(indicator(a, 'order-select')).toBe('warning');
    expect(indicator(a, 'patient-view')).toBe('info');
  });

  it('Z0011: "met" and warning only when every criterion is met and no caution applies', () => {
    const all = assess(factsFromPlainInputs({ ...base, largestDepositMm: 4, breastSurgery: 'breast-conserving', wholeBreastRtPlanned: true }));
    expect(evidenceTag(all)).toBe('Z0011 criteria met');
    expect(indicator(all, 'order-sign')).toBe('warning');
    const unknown = assess(factsFromPlainInputs({ ...base, largestDepositMm: 4, breastSurgery: 'breast-conserving' }));
    expect(evidenceTag(unknown)).toBe('Z0011 may apply: check criteria');
    expect(indicator(unknown, 'order-sign')).toBe('info');
    const mastectomy = assess(factsFromPlainInputs({ ...base, largestDepositMm: 4, breastSurgery: 'mastectomy' }));
    expect(evidenceTag(mastectomy)).toBe('SENOMAC applies');
  });

  it('the observed rate of the Sun Yat-sen stratum when MSKCC cannot be computed, never the odds product', () => {
    const a = assess(factsFromPlainInputs({ ...base, detectionMethod: null, largestDepositMm: 4, slnPositive: 2, slnExamined: 3, axillaryUltrasoundSuspicious: false, lvi: true }));
    expect(headline(a)).toBe('≥4 involved nodes: observed 36% with 2 positive sentinel nodes (Sun Yat-sen)');
    expect(headline(a)).not.toContain('×');
  });

  it('says what is missing, and that models do not apply after neoadjuvant therapy', () => {
    expect(headline(assess(factsFromPlainInputs({ slnExamined: 2 })))).toMatch(/^Nodal risk not computed: \d+ inputs missing$/);
    expect(headline(assess(factsFromPlainInputs({ ...base, neoadjuvantTherapy: true })))).toBe('Nodal risk models do not apply after neoadjuvant therapy');
  });

  it('stays within 140 characters with long local model titles', () => {
    const a = assess(factsFromPlainInputs({ ...base, largestDepositMm: 1.1 }));
    const long = { ...a, models: a.models.map((m) => ({ ...m, id: 'local', title: 'A very long locally configured model title '.repeat(6), locallyConfigured: true as const })) };
    expect([...summary(long)].length).toBeLessThanOrEqual(140);
    expect(summary(long)).toContain('local model');
  });
});

describe('card', () => {
  it('has every required field and no empty one', () => {
    const a = assess(factsFromPlainInputs({ ...base, largestDepositMm: 1.1 }));
    const card = renderCard(a, { ...ctx, hook: 'order-sign', orders: ['ServiceRequest/1'] });
    expect(Object.keys(card).sort()).toEqual(['detail', 'indicator', 'links', 'source', 'summary', 'uuid']);
    expect(card.links?.[0]).toMatchObject({ type: 'smart', url: 'http://app/launch.html', label: 'Open Nodal Risk' });
    expect(JSON.parse(card.links?.[0]?.appContext ?? '')).toEqual({ source: 'cds-hooks', hook: 'order-sign', hookInstance: 'h1', orders: ['ServiceRequest/1'] });
    expect(card.detail).toMatch(/\*\*Inputs used\*\*[\s\S]*\| Lymphovascular invasion \| no \| entered: clinician \|/);
    expect(card.detail).toContain('**Inputs missing**');
    expect(card.detail).toContain('IBCSG 23-01');
  });

  it('escapes EHR text in markdown', () => {
    expect(md('<img src=x onerror=alert(1)> **bold** | pipe\nnext')).toBe('\\<img src=x onerror=alert\\(1\\)\\> \\*\\*bold\\*\\* \\| pipe next');
  });

  it('prune removes null, empty strings, arrays and objects', () => {
    expect(prune({ a: null, b: '', c: [], d: {}, e: { f: [null, ''] }, g: 0, h: false, i: 'x' })).toEqual({ g: 0, h: false, i: 'x' });
  });
});
