// Card rendering from an Assessment: summary headline and evidence tag, indicator rules,
// markdown detail, and the JSON rules (no empty fields).
import { describe, expect, it } from 'vitest';
import { evidenceTag, headline, indicator, renderCard, summary } from '../../src/cds/cards.ts';
import { md, renderDetail } from '../../src/cds/markdown.ts';
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
    expect(headline(a)).toBe('Any further node: 32% (MSKCC)');
  });

  it('names the trial that applies; IBCSG 23-01 (its clinical N criterion is in conflict) never raises the warning', () => {
    const a = assess(
      factsFromPlainInputs({
        ...base,
        largestDepositMm: 1.1,
        sex: 'female',
        breastSurgery: 'mastectomy',
        extranodalExtension: false,
      }),
    );
    expect(a.evidence.find((e) => e.id === 'ibcsg-23-01')?.applies).toBe('yes');
    expect(summary(a)).toBe('Any further node: 32% (MSKCC) · IBCSG 23-01 applies');
    expect(indicator(a, 'order-select')).toBe('info');
  });

  it('warning only when a trial bounding clinical N and the sentinel count applies; otherwise the deciding question', () => {
    const eligible = {
      ...base,
      largestDepositMm: 4,
      sex: 'female',
      ageYears: 60,
      breastSurgery: 'breast-conserving',
      wholeBreastRtPlanned: true,
      bilateralCancer: false,
      multicentric: false,
    };
    const all = assess(factsFromPlainInputs(eligible));
    expect(all.evidence.find((e) => e.id === 'z0011')?.applies).toBe('yes');
    expect(evidenceTag(all)).toBe('Z0011, SENOMAC, SINODAR-ONE apply');
    expect(indicator(all, 'order-sign')).toBe('warning');
    expect(indicator(all, 'order-select')).toBe('warning');
    expect(indicator(all, 'patient-view')).toBe('info');
    const unknown = assess(
      factsFromPlainInputs({
        ...eligible,
        wholeBreastRtPlanned: null,
        breastSurgery: 'mastectomy',
        bilateralCancer: null,
      }),
    );
    expect(evidenceTag(unknown)).toBe('SENOMAC unknown: Bilateral cancer?');
    expect(indicator(unknown, 'order-sign')).toBe('info');
    const twoQuestions = assess(
      factsFromPlainInputs({ ...eligible, wholeBreastRtPlanned: null, ageYears: null, bilateralCancer: null }),
    );
    // The trial closest to applying (fewest open questions) is named: SENOMAC (2) before Z0011 (3).
    expect(evidenceTag(twoQuestions)).toBe('SENOMAC unknown: Age? (+1 more)');
  });

  it('three macrometastases: AMAROS alone applies (no published limit on positive nodes) and never raises the warning', () => {
    const a = assess(
      factsFromPlainInputs({
        ...base,
        largestDepositMm: 4,
        slnPositive: 3,
        slnExamined: 3,
        slnMacroCount: 3,
        clinicalT: 'cT2',
        breastSurgery: 'mastectomy',
        ageYears: 60,
        tumorSizeMm: 35,
      }),
    );
    const applying = a.evidence.filter((e) => e.applies === 'yes').map((e) => e.id);
    expect(applying).toContain('amaros');
    expect(a.evidence.filter((e) => e.applies === 'yes' && e.kind === 'trial').map((e) => e.id)).toEqual(['amaros']);
    expect(evidenceTag(a)).toBe('AMAROS applies: axillary RT instead of ALND');
    expect(indicator(a, 'order-select')).toBe('info');
  });

  it('the warning requires applies = yes, for every sandbox-like variation of one patient', () => {
    const eligible = {
      ...base,
      largestDepositMm: 4,
      sex: 'female',
      ageYears: 60,
      breastSurgery: 'breast-conserving',
      wholeBreastRtPlanned: true,
      bilateralCancer: false,
      multicentric: false,
    };
    const variations: Record<string, unknown>[] = [
      {},
      { clinicalN: 'cN1' },
      { slnPositive: 3, slnExamined: 3 },
      { neoadjuvantTherapy: true },
      { detectionMethod: 'ihc' },
      { sex: 'male' },
      { clinicalN: null },
      { largestDepositMm: 1 },
    ];
    for (const v of variations) {
      const a = assess(factsFromPlainInputs({ ...eligible, ...v }));
      const yes = a.evidence.some(
        (e) =>
          e.kind === 'trial' &&
          e.applies === 'yes' &&
          e.boundsNodes &&
          (e.basis === 'omission' || e.basis === 'axillary-rt'),
      );
      expect(indicator(a, 'order-sign')).toBe(yes ? 'warning' : 'info');
    }
  });

  it('cT3 65 mm, micrometastases with extranodal extension, mastectomy without RT: no warning', () => {
    const a = assess(
      factsFromPlainInputs({
        ...base,
        clinicalT: 'cT3',
        tumorSizeMm: 65,
        largestDepositMm: 1.2,
        slnPositive: 2,
        slnExamined: 3,
        extranodalExtension: true,
        breastSurgery: 'mastectomy',
        wholeBreastRtPlanned: false,
        sex: 'female',
      }),
    );
    expect(indicator(a, 'order-select')).toBe('info');
    expect(summary(a)).not.toContain('IBCSG 23-01 applies');
  });

  it('ITC only: the staging note as the tag, info', () => {
    const a = assess(factsFromPlainInputs({ ...base, slnPositive: 0, slnItcOnly: 1, largestDepositMm: 0.1 }));
    expect(evidenceTag(a)).toBe('ITC only: pN0(i+)');
    expect(indicator(a, 'order-select')).toBe('info');
  });

  it('the observed rate of the Sun Yat-sen stratum when MSKCC cannot be computed, never the odds product', () => {
    const a = assess(
      factsFromPlainInputs({
        ...base,
        tumorSizeMm: null,
        largestDepositMm: 4,
        slnPositive: 2,
        slnExamined: 3,
        axillaryUltrasoundSuspicious: false,
        lvi: true,
      }),
    );
    expect(headline(a)).toBe('Four or more nodes: 36% observed in the SYSU cohort with 2 positive sentinel nodes');
    expect(headline(a)).not.toContain('×');
  });

  it('a range when only the detection method is unknown, with each choice in the detail', () => {
    const a = assess(factsFromPlainInputs({ ...base, detectionMethod: null, largestDepositMm: 1.1 }));
    expect(headline(a)).toBe(
      'Any further node: 7–28% (MSKCC without frozen section), depending on method that detected the sentinel metastasis',
    );
    // One form per patient: the detail's bottom line names only the form without frozen section.
    expect(renderDetail(a).split('\n')[0]).toBe(
      '- Any further node: 7–28% \\(MSKCC without frozen section\\), depending on method that detected the sentinel metastasis',
    );
    expect(renderDetail(a)).not.toContain('\\(MSKCC\\)');
  });

  it('says what is missing, and that models do not apply after neoadjuvant therapy', () => {
    // Tumour size is numeric: no range over it, so MSKCC is not computed; 3 positive nodes rule out Sun Yat-sen.
    expect(
      headline(
        assess(
          factsFromPlainInputs({ ...base, largestDepositMm: 4, tumorSizeMm: null, slnPositive: 3, slnExamined: 3 }),
        ),
      ),
    ).toBe('Any further node (MSKCC): not computed; needs pathologic tumour size');
    expect(headline(assess(factsFromPlainInputs({ ...base, neoadjuvantTherapy: true })))).toBe(
      'No nodal risk model applies after systemic therapy before surgery',
    );
  });

  it('stays within 140 characters with long local model titles', () => {
    const a = assess(factsFromPlainInputs({ ...base, largestDepositMm: 1.1 }));
    const long = {
      ...a,
      models: a.models.map((m) => ({
        ...m,
        id: 'local',
        title: 'A very long locally configured model title '.repeat(6),
        shortTitle: undefined,
        locallyConfigured: true as const,
      })),
    };
    expect([...summary(long)].length).toBeLessThan(140);
    expect(summary(long)).toContain('local model');
  });
});

describe('card', () => {
  it('has every required field and no empty one', () => {
    const a = assess(factsFromPlainInputs({ ...base, largestDepositMm: 1.1 }));
    const card = renderCard(a, { ...ctx, hook: 'order-sign', orders: ['ServiceRequest/1'] });
    expect(Object.keys(card).sort()).toEqual(['detail', 'indicator', 'links', 'source', 'summary', 'uuid']);
    expect(card.links?.[0]).toMatchObject({ type: 'smart', url: 'http://app/launch.html', label: 'Open Nodal Risk' });
    expect(JSON.parse(card.links?.[0]?.appContext ?? '')).toEqual({
      source: 'cds-hooks',
      hook: 'order-sign',
      hookInstance: 'h1',
      orders: ['ServiceRequest/1'],
    });
    // The bottom line, the trial situation with its open questions, what would change the estimate; no inputs table.
    expect(card.detail.split('\n')).toEqual([
      '- Any further node: 32% \\(MSKCC\\)',
      // LVI no → absent; size, sentinel proportion and receptor status without a published cut-off, quadrant missing.
      '- Further nodes \\(DBCG\\): no percentage published; 0 risk factors present, 1 absent, 4 not assessable',
      '- Four or more nodes: 9.2% observed in the SYSU cohort with 1 positive sentinel node',
      expect.stringMatching(/^- \*\*Trials\*\*: .*IBCSG 23-01: might apply; [^·]*\?/),
      expect.stringMatching(/^- \*\*Would change the estimate\*\*: missing /),
      expect.stringMatching(/^- _Estimates and published evidence/),
    ]);
    expect(card.detail).not.toContain('|');
  });

  it('summary stays within 140 characters with the longest evidence tag', () => {
    const a = assess(
      factsFromPlainInputs({
        ...base,
        largestDepositMm: 4,
        sex: 'female',
        ageYears: 60,
        breastSurgery: 'breast-conserving',
        wholeBreastRtPlanned: true,
        bilateralCancer: false,
        multicentric: false,
      }),
    );
    expect([...summary(a)].length).toBeLessThan(140);
  });

  it('escapes EHR text in markdown', () => {
    expect(md('<img src=x onerror=alert(1)> **bold** | pipe\nnext')).toBe(
      '\\<img src=x onerror=alert\\(1\\)\\> \\*\\*bold\\*\\* \\| pipe next',
    );
  });

  it('never counts unassessable factors as absent', () => {
    const a = assess(factsFromPlainInputs({ ...base, slnPositive: 0, slnItcOnly: 1, largestDepositMm: 0.1 }));
    expect(headline(a)).toMatch(/0 risk factors present, 0 absent, \d+ not assessable/);
    expect(headline(a)).not.toMatch(/0 of \d/);
  });

  it('prune removes null, empty strings, arrays and objects', () => {
    expect(prune({ a: null, b: '', c: [], d: {}, e: { f: [null, ''] }, g: 0, h: false, i: 'x' })).toEqual({
      g: 0,
      h: false,
      i: 'x',
    });
  });
});
