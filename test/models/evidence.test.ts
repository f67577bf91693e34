import { describe, expect, it } from 'vitest';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';

const evidence = (inputs: Record<string, unknown>) => assess(factsFromPlainInputs(inputs)).evidence;
const ids = (inputs: Record<string, unknown>) => evidence(inputs).map((e) => e.id);

describe('evidence situations (docs/evidence.md)', () => {
  it('ITC only: staged node-negative', () => {
    const items = evidence({ slnPositive: 0, slnItcOnly: 1, slnExamined: 2 });
    expect(items.map((e) => e.id)).toEqual(['itc', 'systemic-therapy']);
    expect(items[0]?.statements[0]).toContain('pN0(i+)');
  });

  it('micrometastases: IBCSG 23-01 figures and AMAROS', () => {
    const items = evidence({ nodalBurden: 'micro', slnPositive: 1 });
    expect(items.map((e) => e.id)).toEqual(['ibcsg-23-01', 'amaros', 'systemic-therapy']);
    expect(items[0]?.statements[0]).toContain('87.8% without vs 84.4% with ALND');
    expect(items[0]?.statements[0]).toContain('76.8% vs 74.9%');
    expect(items[1]?.statements[0]).toContain('1.82%');
  });

  it('1–2 macrometastases with breast-conserving surgery: Z0011 checklist met / not met / unknown', () => {
    const items = evidence({
      nodalBurden: 'macro',
      slnPositive: 2,
      slnExamined: 3,
      slnItcOnly: 0,
      clinicalT: 'cT2',
      clinicalN: 'cN0',
      breastSurgery: 'breast-conserving',
      neoadjuvantTherapy: false,
      tumorSizeMm: 55,
    });
    const z = items.find((e) => e.id === 'z0011');
    expect(z?.statements[0]).toContain('86.3%');
    expect(z?.checklist).toEqual([
      { criterion: 'T1 or T2 tumour (clinical)', status: 'met' },
      { criterion: '1 or 2 positive sentinel nodes', status: 'met' },
      { criterion: 'Breast-conserving surgery', status: 'met' },
      { criterion: 'Whole-breast radiotherapy planned', status: 'unknown' },
      { criterion: 'No neoadjuvant chemotherapy', status: 'met' },
    ]);
    expect(z?.cautions).toEqual([
      { criterion: 'Clinically enlarged axillary nodes', status: 'not-met' },
      { criterion: 'Primary tumour larger than 5 cm', status: 'met' },
      { criterion: 'Extranodal extension reported', status: 'unknown' },
    ]);
    expect(items.map((e) => e.id)).toEqual(['z0011', 'senomac', 'amaros', 'systemic-therapy']);
  });

  it('mastectomy: no Z0011 item; SENOMAC with the ASCO mastectomy statement', () => {
    const items = evidence({ nodalBurden: 'macro', slnPositive: 1, breastSurgery: 'mastectomy' });
    expect(items.map((e) => e.id)).toEqual(['senomac', 'amaros', 'systemic-therapy']);
    expect(items[0]?.statements).toContain('ASCO: ALND may be offered to patients having mastectomy.');
    expect(items[0]?.statements[0]).toContain('89.7%');
  });

  it('three or more positive sentinel nodes: outside the trials', () => {
    expect(ids({ nodalBurden: 'macro', slnPositive: 3 })).toEqual(['amaros', 'three-or-more', 'systemic-therapy']);
  });

  it('neoadjuvant therapy: only the statement that no model applies', () => {
    expect(ids({ nodalBurden: 'macro', slnPositive: 1, neoadjuvantTherapy: true })).toEqual(['neoadjuvant']);
  });

  it('no nodal information: no situation is claimed', () => {
    expect(ids({ tumorSizeMm: 12 })).toEqual([]);
  });

  it('systemic-therapy note follows receptor status', () => {
    const note = (inputs: Record<string, unknown>) => evidence({ nodalBurden: 'micro', ...inputs }).find((e) => e.id === 'systemic-therapy')?.statements ?? [];
    expect(note({ erStatus: 'positive', her2Status: 'negative' }).join(' ')).toContain('Oncotype DX');
    expect(note({ erStatus: 'positive', her2Status: 'negative' }).join(' ')).not.toContain('trastuzumab');
    expect(note({ erStatus: 'negative', prStatus: 'negative', her2Status: 'positive' }).slice(1)).toEqual(['HER2+: trastuzumab-based therapy.', 'HR−: chemotherapy.']);
    expect(note({}).length).toBe(4);
  });
});
