// Every sandbox patient an MSKCC form applies to, whose numeric inputs are known, shows a number
// or a range, through the same pipeline the faces call — and never both forms at once.
import { describe, expect, it } from 'vitest';
import type { ClinicalFacts } from '../../src/domain/facts.ts';
import { assessResources } from '../../src/pipeline.ts';
import { binariesIn } from '../../src/cli/read-resources.ts';
import { loadAllScenarios, type Scenario } from '../../src/sandbox/patients/index.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
// As `nodal-risk score --bundle` reads a scenario file: report text from the bundle's Binaries too.
const options = (s: Scenario) => ({ patientId: s.patientId, now: NOW, binaries: binariesIn(s.resources) });
const MSKCC = ['mskcc-nsn', 'mskcc-nsn-nofs'];
const NUMERIC = ['slnExamined', 'slnPositive', 'slnItcOnly', 'tumorSizeMm'] as const;
const numbersKnown = (facts: ClinicalFacts) => NUMERIC.every((n) => facts[n].status === 'present');

describe('MSKCC on the sandbox scenarios', () => {
  for (const scenario of loadAllScenarios()) {
    it(scenario.name, () => {
      const a = assessResources(scenario.resources, options(scenario));
      const forms = a.models.filter((m) => MSKCC.includes(m.id) && m.result !== 'not-applicable');
      expect(forms.length).toBeLessThanOrEqual(1);
      const form = forms[0];
      if (!form || !numbersKnown(a.inputs)) return;
      expect(['probability', 'range'], `${form.id}: ${JSON.stringify(form)}`).toContain(form.result);
    });
  }

  it('the male scenario gets no MSKCC number: outside the calculator population', () => {
    const male = loadAllScenarios().find((s) => s.name === 'male-patient')!;
    const a = assessResources(male.resources, options(male));
    for (const m of a.models.filter((r) => MSKCC.includes(r.id))) {
      expect(m.result).toBe('not-applicable');
      if (m.result === 'not-applicable') expect(m.reason).toMatch(/for women/);
    }
  });

  it('the scenarios with a positive sentinel node, known numbers and no exclusion get an MSKCC number or range', () => {
    const shown = loadAllScenarios().filter((s) => {
      const a = assessResources(s.resources, options(s));
      return a.models.some((m) => MSKCC.includes(m.id) && (m.result === 'probability' || m.result === 'range'));
    });
    expect(shown.map((s) => s.name).sort()).toEqual([
      'bilateral-cancer',
      'discrete-mcode-only',
      'long-history',
      'lvi-unknown',
      'macrometastasis-z0011-eligible',
      'micrometastasis',
      'report-text-only-epic',
      'three-positive-sentinel-nodes',
      'two-macrometastases',
    ]);
  });
});
