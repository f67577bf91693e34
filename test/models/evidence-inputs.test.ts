// The inputs added for trial eligibility, and the derivations logic forces on them (and only those).
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/domain/derive.ts';
import { emptyFacts, present, type Fact } from '../../src/domain/facts.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { INPUTS } from '../../src/domain/vocabulary.ts';

const derived = (inputs: Record<string, unknown>) => deriveFacts(factsFromPlainInputs(inputs));
const valueOrStatus = (f: Fact) => (f.status === 'present' ? f.value : f.status);

describe('new inputs', () => {
  it('are in the vocabulary with labels, and can be entered', () => {
    expect(INPUTS.slnMacroCount.label).toBe('Sentinel nodes with a macrometastasis');
    expect(INPUTS.multicentric.type).toBe('boolean');
    expect(INPUTS.bilateralCancer.type).toBe('boolean');
    expect(INPUTS.regionalNodalRtPlanned.label).toBe('Regional nodal radiotherapy planned');
    const f = factsFromPlainInputs({
      slnMacroCount: 2,
      multicentric: true,
      bilateralCancer: false,
      regionalNodalRtPlanned: true,
    });
    expect([f.slnMacroCount, f.multicentric, f.bilateralCancer, f.regionalNodalRtPlanned].map(valueOrStatus)).toEqual([
      2,
      true,
      false,
      true,
    ]);
  });
});

describe('slnMacroCount: derived only when forced', () => {
  it('cannot exceed the positive sentinel nodes when both are entered', () => {
    expect(() => factsFromPlainInputs({ slnPositive: 2, slnMacroCount: 3 })).toThrow(
      'slnMacroCount: 3 nodes with a macrometastasis is more than the 2 positive sentinel nodes given',
    );
    expect(factsFromPlainInputs({ slnPositive: 3, slnMacroCount: 3 }).slnMacroCount.status).toBe('present');
  });

  it.each([
    [{ slnPositive: 0, slnItcOnly: 1 }, 0],
    [{ nodalBurden: 'micro', slnPositive: 2 }, 0],
    [{ nodalBurden: 'itc' }, 0],
    [{ nodalBurden: 'macro', slnPositive: 1 }, 1],
    [{ largestDepositMm: 3, slnPositive: 1 }, 1],
    [{ nodalBurden: 'macro', slnPositive: 2 }, 'missing'],
    [{ nodalBurden: 'macro' }, 'missing'],
    [{ slnPositive: 2 }, 'missing'],
  ])('%j → %s', (inputs, expected) => {
    expect(valueOrStatus(derived(inputs).slnMacroCount)).toBe(expected);
  });

  it('names what it came from', () => {
    const f = derived({ nodalBurden: 'macro', slnPositive: 1 }).slnMacroCount;
    expect(f).toMatchObject({ status: 'present', origin: 'derived', derivedFrom: ['nodalBurden', 'slnPositive'] });
  });

  it('a stated count the node results contradict (e.g. from two records) is a conflict, not overwritten', () => {
    const facts = emptyFacts();
    facts.nodalBurden = present('macro', 'fhir', [{ reference: 'Observation/pn' }]);
    facts.slnPositive = present(1, 'fhir', [{ reference: 'Observation/pos' }]);
    facts.slnMacroCount = present(2, 'report-text', [
      { reference: 'DiagnosticReport/r1', text: 'Number of nodes with macrometastases: 2' },
    ]);
    expect(deriveFacts(facts).slnMacroCount.status).toBe('conflict');
    expect(valueOrStatus(derived({ nodalBurden: 'macro', slnPositive: 2, slnMacroCount: 2 }).slnMacroCount)).toBe(2);
  });
});

describe('multicentric: a single focus of invasive carcinoma is not multicentric', () => {
  it('single focus → not multicentric; multifocal → unknown (several foci may be in one quadrant)', () => {
    expect(valueOrStatus(derived({ multifocal: false }).multicentric)).toBe(false);
    expect(valueOrStatus(derived({ multifocal: true }).multicentric)).toBe('missing');
    expect(valueOrStatus(derived({}).multicentric)).toBe('missing');
  });

  it('a stated multicentric tumour with a single focus reported is a conflict', () => {
    expect(derived({ multifocal: false, multicentric: true }).multicentric.status).toBe('conflict');
  });

  it('bilateral cancer and regional nodal RT are never derived', () => {
    const f = derived({ multifocal: false, nodalBurden: 'macro', slnPositive: 1, wholeBreastRtPlanned: true });
    expect([f.bilateralCancer.status, f.regionalNodalRtPlanned.status]).toEqual(['missing', 'missing']);
  });
});
