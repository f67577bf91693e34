// Extraction of every fixture: every fact with its value and provenance, and the ignored list.
import { describe, expect, it } from 'vitest';
import type { Fact, IgnoredItem } from '../../src/domain/facts.ts';
import { INPUT_NAMES, type InputName } from '../../src/domain/vocabulary.ts';
import { extractFacts, listPatients } from '../../src/fhir/extract/index.ts';
import { ALL_DOCUMENT_READERS } from '../../src/report/readers.ts';
import { loadFixture } from '../fixtures/load.ts';

const now = new Date('2026-05-01T00:00:00Z');

function run(name: string, patientId?: string) {
  const { resources, binaries } = loadFixture(name);
  return extractFacts(resources, {
    now,
    binaries,
    readers: ALL_DOCUMENT_READERS,
    ...(patientId ? { patientId } : {}),
  });
}

/** Every input not listed must be missing. */
function expectFacts(facts: Record<InputName, Fact>, expected: Partial<Record<InputName, Fact>>): void {
  for (const name of INPUT_NAMES) {
    expect({ name, fact: facts[name] }).toEqual({ name, fact: expected[name] ?? { status: 'missing' } });
  }
}

const byRef = (a: IgnoredItem, b: IgnoredItem) => (a.reference + a.reason).localeCompare(b.reference + b.reason);
function expectIgnored(actual: IgnoredItem[], expected: IgnoredItem[]): void {
  expect([...actual].sort(byRef)).toEqual([...expected].sort(byRef));
}

const L = 'http://loinc.org';
const S = 'http://snomed.info/sct';

describe('mCODE-shaped patient', () => {
  const out = run('mcode-patient.json');
  const obs = (id: string, code: string, text?: string) => ({
    reference: `Observation/${id}`,
    code,
    date: '2026-03-02',
    ...(text ? { text } : {}),
  });
  const slnb = {
    reference: 'Procedure/mcode-slnb',
    code: `${S}|396487001`,
    date: '2026-03-02',
    text: 'Sentinel lymph node biopsy (procedure)',
  };
  it('reads every coded item with its source', () => {
    expect(out.patient).toEqual({ reference: 'Patient/mcode-1' });
    expectFacts(out.facts, {
      ageYears: {
        status: 'present',
        value: 57,
        origin: 'fhir',
        note: 'age at sentinel node biopsy on 2026-03-02',
        sources: [{ reference: 'Patient/mcode-1', date: '1968-04-12', text: 'birthDate 1968-04-12' }, slnb],
      },
      sex: {
        status: 'present',
        value: 'female',
        origin: 'fhir',
        sources: [{ reference: 'Patient/mcode-1', text: 'gender female' }],
      },
      laterality: {
        status: 'present',
        value: 'left',
        origin: 'fhir',
        note: 'side of the sentinel node biopsy',
        sources: [
          {
            reference: 'Condition/mcode-pcc',
            date: '2026-02-10',
            text: 'Malignant neoplasm of upper-outer quadrant of left female breast',
          },
          slnb,
          { reference: 'Specimen/mcode-spec-exc', date: '2026-03-02', text: 'Left breast structure' },
        ],
      },
      quadrant: {
        status: 'present',
        value: 'UOQ',
        origin: 'fhir',
        sources: [{ reference: 'Condition/mcode-pcc', code: `${S}|76365002`, date: '2026-02-10' }],
      },
      histologicType: {
        status: 'present',
        value: 'ductal',
        origin: 'fhir',
        sources: [
          {
            reference: 'Condition/mcode-pcc',
            code: `${S}|82711006`,
            date: '2026-02-10',
            text: 'Infiltrating duct carcinoma (morphologic abnormality)',
          },
        ],
      },
      tumorSizeMm: {
        status: 'present',
        value: 18,
        origin: 'fhir',
        sources: [obs('mcode-size', `${L}|21889-1`, '1.8 cm')],
      },
      grade: {
        status: 'present',
        value: 2,
        origin: 'fhir',
        sources: [obs('mcode-grade', `${L}|44648-4`, 'Nottingham grade 2')],
      },
      lvi: { status: 'present', value: true, origin: 'fhir', sources: [obs('mcode-lvi', `${L}|59544-7`, 'Present')] },
      erStatus: {
        status: 'present',
        value: 'positive',
        origin: 'fhir',
        sources: [obs('mcode-er', `${L}|85337-4`, 'Positive')],
      },
      prStatus: {
        status: 'present',
        value: 'negative',
        origin: 'fhir',
        sources: [obs('mcode-pr', `${L}|85339-0`, 'Negative')],
      },
      her2Status: {
        status: 'present',
        value: 'negative',
        origin: 'fhir',
        sources: [obs('mcode-her2', `${L}|48676-1`, 'Negative')],
      },
      ki67Percent: { status: 'present', value: 20, origin: 'fhir', sources: [obs('mcode-ki67', `${L}|85330-9`)] },
      slnExamined: { status: 'present', value: 3, origin: 'fhir', sources: [obs('mcode-sln-exam', `${L}|85347-3`)] },
      slnPositive: {
        status: 'present',
        value: 1,
        origin: 'fhir',
        note: 'nodes with macro- plus micrometastases',
        sources: [
          obs('mcode-macro', `${L}|85343-2`),
          obs('mcode-micro', `${L}|85344-0`),
          obs('mcode-sln-pos', `${L}|92832-5`),
        ],
      },
      slnItcOnly: { status: 'present', value: 0, origin: 'fhir', sources: [obs('mcode-itc', `${L}|85352-3`)] },
      largestDepositMm: {
        status: 'present',
        value: 1.5,
        origin: 'fhir',
        sources: [obs('mcode-deposit', `${L}|85351-5`, '1.5 mm')],
      },
      nodalBurden: {
        status: 'present',
        value: 'micro',
        origin: 'fhir',
        note: 'from pN1mi; micrometastases, no macrometastasis',
        sources: [obs('mcode-pn', `${S}|371494008`, 'pN1mi'), obs('mcode-micro', `${L}|85344-0`)],
      },
      extranodalExtension: {
        status: 'present',
        value: false,
        origin: 'fhir',
        sources: [obs('mcode-ene', `${L}|85350-7`, 'Absent')],
      },
      clinicalT: {
        status: 'present',
        value: 'cT1',
        origin: 'fhir',
        sources: [{ reference: 'Observation/mcode-ct', code: `${S}|399504009`, date: '2026-02-10', text: 'cT1c' }],
      },
      clinicalN: {
        status: 'present',
        value: 'cN0',
        origin: 'fhir',
        sources: [{ reference: 'Observation/mcode-cn', code: `${S}|399534004`, date: '2026-02-10', text: 'cN0' }],
      },
      breastSurgery: {
        status: 'present',
        value: 'breast-conserving',
        origin: 'fhir',
        sources: [
          {
            reference: 'Procedure/mcode-lump',
            code: `${S}|392021009`,
            date: '2026-03-02',
            text: 'Lumpectomy of breast (procedure)',
          },
        ],
      },
    });
    expectIgnored(out.ignored, []);
  });
});

describe('Epic-like patient whose pathology is only report text', () => {
  const out = run('epic-text-only.json');
  const line = (text: string) => ({ reference: 'DiagnosticReport/epic-sp-1', text, date: '2026-01-20T10:12:00Z' });
  const narr = (text: string) => ({ reference: 'Observation/epic-narr-1', text, date: '2026-01-20T10:12:00Z' });
  const text = (value: unknown, l: string, note?: string): Fact =>
    ({
      status: 'present',
      value,
      origin: 'report-text',
      sources: [line(l)],
      ...(note ? { note } : {}),
    }) as Fact;
  it('reads the synoptic table and the narrative, each fact with its exact line', () => {
    const partA = '- Metastatic carcinoma in two of two lymph nodes (2/2).';
    const partB = '- One lymph node, negative for metastatic carcinoma (0/1).';
    expectFacts(out.facts, {
      ageYears: {
        status: 'present',
        value: 66,
        origin: 'fhir',
        note: 'age at pathology report or specimen on 2026-01-20',
        sources: [
          { reference: 'Patient/epic-7', date: '1959-11-30', text: 'birthDate 1959-11-30' },
          {
            reference: 'DiagnosticReport/epic-sp-1',
            date: '2026-01-20T10:12:00Z',
            text: 'pathology report of 2026-01-20',
          },
        ],
      },
      sex: {
        status: 'present',
        value: 'female',
        origin: 'fhir',
        sources: [{ reference: 'Patient/epic-7', text: 'gender female' }],
      },
      laterality: text('right', 'Specimen Laterality: Right'),
      tumorSizeMm: text(24, 'Tumor Size: 2.4 cm'),
      histologicType: text('lobular', 'Histologic Type: Invasive lobular carcinoma'),
      grade: text(2, 'Overall Grade: Grade 2 (scores of 6 or 7)'),
      lvi: text(false, 'Lymphovascular Invasion: Not identified'),
      multifocal: {
        status: 'present',
        value: true,
        origin: 'report-text',
        note: '"(m)" suffix of pT2(m)',
        sources: [line('Tumor Focality: Multiple foci of invasive carcinoma'), line('pTNM: pT2(m) pN1a(sn)')],
      },
      quadrant: text('UOQ', 'Tumor Site: Upper outer quadrant'),
      erStatus: text('positive', 'Estrogen Receptor (ER) Status: Positive (95%, strong)'),
      prStatus: text('positive', 'Progesterone Receptor (PgR) Status: Low Positive (1–10%)'),
      her2Status: text('negative', 'HER2 (by immunohistochemistry): Negative (Score 1+)'),
      slnExamined: {
        status: 'present',
        value: 3,
        origin: 'report-text',
        note: 'sum of sentinel parts A, B',
        sources: [line('Number of Sentinel Nodes Examined: 3'), narr(partA), narr(partB)],
      },
      slnPositive: {
        status: 'present',
        value: 2,
        origin: 'report-text',
        note: 'sum of sentinel parts A, B',
        sources: [line('Number of Sentinel Nodes with Metastases: 2'), narr(partA), narr(partB)],
      },
      largestDepositMm: text(6, 'Size of Largest Metastatic Deposit: 6 mm'),
      nodalBurden: text('macro', 'pTNM: pT2(m) pN1a(sn)', 'from pN1a(sn)'),
      extranodalExtension: text(true, 'Extranodal Extension: Present, 2 mm or less'),
      breastSurgery: text('breast-conserving', 'Procedure: Excision (less than total mastectomy)'),
    });
    expectIgnored(out.ignored, [
      {
        reference: 'DiagnosticReport/epic-sp-1',
        reason: 'report text "Ki-67: cannot be determined": Ki-67 not read confidently',
      },
      { reference: 'DiagnosticReport/epic-rad-1', reason: 'not a pathology report' },
    ]);
  });

  it('without the Binary the narrative still gives the node counts, and the missing text is reported', () => {
    const { resources } = loadFixture('epic-text-only.json');
    const bare = extractFacts(resources, { now });
    expect(bare.facts.slnExamined).toMatchObject({ status: 'present', value: 3, note: 'sum of sentinel parts A, B' });
    expect(bare.facts.tumorSizeMm).toEqual({ status: 'missing' });
    expect(bare.ignored).toContainEqual({
      reference: 'DiagnosticReport/epic-sp-1',
      reason: 'report text at Binary/epic-bin-1 was not fetched',
    });
  });
});

describe('CAP-SDC-coded message bundle', () => {
  const out = run('cap-sdc.json');
  const p = 'Patient/6f3c1a9e-3b8e-4f5a-9d7e-0c2b1a5e8d11';
  const q = (n: string, ckey: string, text: string) => ({
    reference: `Observation/0a1b2c3d-0000-4000-8000-0000000000${n}`,
    code: `https://CAP.org/eCC|${ckey}`,
    date: '2025-09-14',
    text,
  });
  it('reads coded answers by their words and never invents the numbers the answers leave out', () => {
    expect(out.patient).toEqual({ reference: p });
    expectFacts(out.facts, {
      ageYears: {
        status: 'present',
        value: 50,
        origin: 'fhir',
        note: 'age at sentinel node biopsy on 2025-09-14',
        sources: [
          { reference: p, date: '1975-06-02', text: 'birthDate 1975-06-02' },
          {
            reference: 'Observation/0a1b2c3d-0000-4000-8000-000000000010',
            date: '2025-09-14',
            text: 'sentinel node result of 2025-09-14',
          },
        ],
      },
      sex: { status: 'present', value: 'female', origin: 'fhir', sources: [{ reference: p, text: 'gender female' }] },
      // CAP 16214 Specimen Laterality is read since the US Pathology IG example showed it.
      laterality: { status: 'present', value: 'left', origin: 'fhir', sources: [q('17', '16214.100004300', 'Left')] },
      histologicType: {
        status: 'present',
        value: 'ductal',
        origin: 'fhir',
        sources: [q('12', '41794.100004300', 'Invasive carcinoma of no special type (ductal)')],
      },
      grade: {
        status: 'present',
        value: 3,
        origin: 'fhir',
        sources: [q('13', '38391.100004300', 'Grade 3 (scores of 8 or 9)')],
      },
      multifocal: {
        status: 'present',
        value: false,
        origin: 'fhir',
        sources: [q('14', '38392.100004300', 'Single focus of invasive carcinoma')],
      },
      erStatus: {
        status: 'present',
        value: 'positive',
        origin: 'fhir',
        sources: [q('16', '45138.100004300', 'Positive (greater than 10% of cells demonstrate nuclear positivity)')],
      },
    });
    expectIgnored(out.ignored, [
      {
        reference: 'MessageHeader/0a1b2c3d-0000-4000-8000-000000000001',
        reason: 'resource type MessageHeader is not used',
      },
      {
        reference: 'DiagnosticReport/0a1b2c3d-0000-4000-8000-000000000002',
        reason: 'XML attachment is not an SDC form (no FormDesign)',
      },
      {
        reference: 'DiagnosticReport/0a1b2c3d-0000-4000-8000-000000000002',
        reason: 'pathology report without readable text',
      },
      {
        reference: 'Observation/0a1b2c3d-0000-4000-8000-000000000010',
        reason: 'slnExamined: count coded as "Specify number" without the number',
      },
      {
        reference: 'Observation/0a1b2c3d-0000-4000-8000-000000000011',
        reason: 'pNX does not state the worst node category',
      },
      {
        reference: 'Observation/0a1b2c3d-0000-4000-8000-000000000015',
        reason:
          'tumorSizeMm: size coded without the measurement: "Greatest dimension of largest invasive focus greater than 1 mm (specify exact measurement in Millimeters (mm))"',
      },
    ]);
  });
});

describe('messy patient', () => {
  it('with two patients in the file, nothing is extracted until one is chosen', () => {
    const out = run('messy.json');
    expect(out.patient).toBeNull();
    expectFacts(out.facts, {});
    expect(out.ignored).toContainEqual({
      reference: '(resources)',
      reason: 'several patients (Patient/messy-3, Patient/someone-else) and none chosen',
    });
    expect(listPatients(loadFixture('messy.json').resources)).toEqual(['Patient/messy-3', 'Patient/someone-else']);
  });

  it('applies units, text values, amendments, status and specimen rules', () => {
    const out = run('messy.json', 'messy-3');
    const exc = (id: string, code: string, text: string) => ({
      reference: `Observation/${id}`,
      code,
      date: '2026-02-16',
      text,
    });
    expectFacts(out.facts, {
      // No procedure or report is dated; the sentinel node count is: the age is at that result, never today.
      ageYears: {
        status: 'present',
        value: 44,
        origin: 'fhir',
        note: 'age at sentinel node biopsy on 2026-02-16',
        sources: [
          { reference: 'Patient/messy-3', date: '1981-02-28', text: 'birthDate 1981-02-28' },
          { reference: 'Observation/messy-sln-exam', date: '2026-02-16', text: 'sentinel node result of 2026-02-16' },
        ],
      },
      sex: {
        status: 'present',
        value: 'female',
        origin: 'fhir',
        sources: [{ reference: 'Patient/messy-3', text: 'gender female' }],
      },
      tumorSizeMm: {
        status: 'present',
        value: 18,
        origin: 'fhir',
        sources: [exc('messy-size-2', `${L}|21889-1`, '1,8 cm')],
      },
      grade: { status: 'present', value: 3, origin: 'fhir', sources: [exc('messy-grade', `${L}|44648-4`, 'G3')] },
      lvi: {
        status: 'present',
        value: false,
        origin: 'fhir',
        sources: [exc('messy-lvi', `${L}|59544-7`, 'Not identified')],
      },
      erStatus: {
        status: 'conflict',
        note: 'sources disagree and no rule settles it',
        candidates: [
          {
            status: 'present',
            value: 'positive',
            origin: 'fhir',
            sources: [
              {
                reference: 'Observation/messy-er-core',
                code: `${L}|85337-4`,
                date: '2026-01-05',
                text: 'Positive (95%, strong)',
              },
            ],
          },
          {
            status: 'present',
            value: 'low-positive',
            origin: 'fhir',
            sources: [exc('messy-er-exc', `${L}|85337-4`, 'Low positive (1–10%)')],
          },
        ],
      },
      her2Status: {
        status: 'present',
        value: 'negative',
        origin: 'fhir',
        sources: [
          {
            reference: 'Observation/messy-her2',
            code: `${L}|85319-2`,
            date: '2026-01-05',
            text: 'Negative (Score 1+)',
          },
        ],
      },
      slnExamined: {
        status: 'present',
        value: 2,
        origin: 'fhir',
        sources: [
          exc('messy-sln-exam', 'https://loinc.org|85347-3', 'two'),
          exc('messy-sln-pos', `${L}|92832-5`, '1/2'),
        ],
      },
      slnPositive: {
        status: 'present',
        value: 1,
        origin: 'fhir',
        sources: [exc('messy-sln-pos', `${L}|92832-5`, '1/2')],
      },
      largestDepositMm: {
        status: 'present',
        value: 2.5,
        origin: 'fhir',
        sources: [exc('messy-deposit', `${L}|85351-5`, '2500 µm')],
      },
    });
    expectIgnored(out.ignored, [
      { reference: '#20', reason: 'not a JSON object' },
      { reference: 'Observation/other-er', reason: 'other patient (Patient/someone-else)' },
      { reference: 'Observation/messy-size-inv', reason: 'tumorSizeMm: unknown unit "inch"' },
      { reference: 'Observation/messy-grade-eie', reason: 'status entered-in-error' },
      { reference: 'Observation/messy-her2-serum', reason: 'serum HER2 is not a tumour result' },
      { reference: 'Observation/messy-hr', reason: 'unknown code http://loinc.org|8867-4' },
      { reference: 'Observation/messy-broken', reason: 'no status' },
      { reference: 'Encounter/messy-enc', reason: 'resource type Encounter is not used' },

      {
        reference: 'Observation/messy-size-1',
        reason: 'tumorSizeMm: superseded by the amended result Observation/messy-size-2 ("1,8 cm")',
      },
      { reference: 'Observation/messy-lvi-fs', reason: 'lvi: preliminary result superseded by a final result' },
    ]);
  });
});

describe('ITC-only sentinel nodes', () => {
  const out = run('itc-only.json');
  const r = (text: string) => ({ reference: 'DiagnosticReport/itc-sp', text, date: '2026-04-08' });
  const a =
    '- Isolated tumor cells in one of two lymph nodes (1/2), identified only by cytokeratin immunohistochemistry.';
  const b = '- One lymph node, negative for metastatic carcinoma (0/1).';
  const slnb = {
    reference: 'Procedure/itc-slnb',
    code: `${S}|396487001`,
    date: '2026-04-08',
    text: 'Sentinel lymph node biopsy',
  };
  it('never counts ITC-only nodes as positive', () => {
    const sum = 'sum of sentinel parts A, B';
    expectFacts(out.facts, {
      ageYears: {
        status: 'present',
        value: 63,
        origin: 'fhir',
        note: 'age at sentinel node biopsy on 2026-04-08',
        sources: [{ reference: 'Patient/itc-4', date: '1962-07-19', text: 'birthDate 1962-07-19' }, slnb],
      },
      sex: {
        status: 'present',
        value: 'female',
        origin: 'fhir',
        sources: [{ reference: 'Patient/itc-4', text: 'gender female' }],
      },
      laterality: {
        status: 'present',
        value: 'right',
        origin: 'fhir',
        note: 'side of the sentinel node biopsy',
        sources: [slnb],
      },
      slnExamined: { status: 'present', value: 3, origin: 'report-text', note: sum, sources: [r(a), r(b)] },
      // pN0(i+) says no node holds a micro- or macrometastasis: it agrees with the summed parts.
      slnPositive: {
        status: 'present',
        value: 0,
        origin: 'fhir',
        note: `derived from pN0(i+)(sn): no node with a micro- or macrometastasis; ${sum}; derived from pN0(i+): no node with a micro- or macrometastasis`,
        sources: [
          r('Pathologic stage: pT1b pN0(i+)(sn)'),
          r(a),
          r(b),
          { reference: 'Observation/itc-pn', code: `${L}|21900-6`, date: '2026-04-08', text: 'pN0(i+)' },
        ],
      },
      slnItcOnly: { status: 'present', value: 1, origin: 'report-text', note: sum, sources: [r(a), r(b)] },
      nodalBurden: {
        status: 'present',
        value: 'itc',
        origin: 'fhir',
        note: 'from pN0(i+)(sn); sum of sentinel parts A, B; from pN0(i+)',
        sources: [
          r('Pathologic stage: pT1b pN0(i+)(sn)'),
          r(a),
          { reference: 'Observation/itc-pn', code: `${L}|21900-6`, date: '2026-04-08', text: 'pN0(i+)' },
        ],
      },
      detectionMethod: { status: 'present', value: 'ihc', origin: 'report-text', sources: [r(a)] },
    });
    expectIgnored(out.ignored, []);
  });
});

describe('neoadjuvant therapy', () => {
  const out = run('neoadjuvant.json');
  it('is found from y-prefixed staging and from therapy dated before surgery; therapy after surgery does not count', () => {
    const mast = { reference: 'Procedure/neo-mast', date: '2026-03-10', text: 'Total mastectomy, left' };
    const slnb = {
      reference: 'Procedure/neo-slnb',
      code: `${S}|396487001`,
      date: '2026-03-10',
      text: 'Sentinel lymph node biopsy',
    };
    const pn = { reference: 'Observation/neo-pn', code: `${L}|21900-6`, date: '2026-03-10', text: 'ypN1mi' };
    expectFacts(out.facts, {
      ageYears: {
        status: 'present',
        value: 56,
        origin: 'fhir',
        note: 'age at sentinel node biopsy on 2026-03-10',
        sources: [{ reference: 'Patient/neo-5', date: '1970-01-15', text: 'birthDate 1970-01-15' }, slnb],
      },
      sex: {
        status: 'present',
        value: 'female',
        origin: 'fhir',
        sources: [{ reference: 'Patient/neo-5', text: 'gender female' }],
      },
      laterality: {
        status: 'present',
        value: 'left',
        origin: 'fhir',
        note: 'side of the sentinel node biopsy',
        sources: [slnb],
      },
      neoadjuvantTherapy: {
        status: 'present',
        value: true,
        origin: 'fhir',
        note: 'post-neoadjuvant staging ypN1mi; docetaxel on 2025-11-03, before surgery on 2026-03-10',
        sources: [
          pn,
          { reference: 'MedicationAdministration/neo-docetaxel', date: '2025-11-03T09:30:00Z', text: 'docetaxel' },
          mast,
        ],
      },
      nodalBurden: { status: 'present', value: 'micro', origin: 'fhir', note: 'from ypN1mi', sources: [pn] },
      breastSurgery: { status: 'present', value: 'mastectomy', origin: 'fhir', sources: [mast] },
    });
    expectIgnored(out.ignored, [
      {
        reference: 'MedicationRequest/neo-ondansetron',
        reason: 'medication not a systemic breast cancer therapy: Ondansetron 8 mg',
      },
    ]);
  });
});

describe('bilateral cancers', () => {
  it('ties facts to the biopsied side and leaves undecidable disagreements as conflicts', () => {
    const out = run('bilateral.json');
    const slnb = { reference: 'Procedure/bilat-slnb', code: `${S}|396487001`, date: '2026-02-02' };
    expectFacts(out.facts, {
      ageYears: {
        status: 'present',
        value: 70,
        origin: 'fhir',
        note: 'age at sentinel node biopsy on 2026-02-02',
        sources: [{ reference: 'Patient/bilat-6', date: '1955-09-09', text: 'birthDate 1955-09-09' }, slnb],
      },
      sex: {
        status: 'present',
        value: 'female',
        origin: 'fhir',
        sources: [{ reference: 'Patient/bilat-6', text: 'gender female' }],
      },
      laterality: {
        status: 'present',
        value: 'left',
        origin: 'fhir',
        note: 'side of the sentinel node biopsy',
        sources: [
          { reference: 'Condition/bilat-left', date: '2026-01-12' },
          slnb,
          { reference: 'Specimen/bilat-spec-l', text: 'Left breast structure' },
        ],
      },
      quadrant: {
        status: 'present',
        value: 'UOQ',
        origin: 'fhir',
        sources: [
          { reference: 'Condition/bilat-left', code: 'http://hl7.org/fhir/sid/icd-10-cm|C50.412', date: '2026-01-12' },
        ],
      },
      erStatus: {
        status: 'present',
        value: 'positive',
        origin: 'fhir',
        sources: [{ reference: 'Observation/bilat-er-l', code: `${L}|85337-4`, date: '2026-02-02', text: 'Positive' }],
      },
      grade: {
        status: 'conflict',
        note: 'sources disagree and no rule settles it',
        candidates: [
          {
            status: 'present',
            value: 1,
            origin: 'fhir',
            sources: [
              { reference: 'Observation/bilat-grade-a', code: `${L}|44648-4`, date: '2026-02-02', text: 'Grade 1' },
            ],
          },
          {
            status: 'present',
            value: 3,
            origin: 'fhir',
            sources: [
              { reference: 'Observation/bilat-grade-b', code: `${L}|44648-4`, date: '2026-02-02', text: 'Grade 3' },
            ],
          },
        ],
      },
    });
    expectIgnored(out.ignored, [
      {
        reference: 'Condition/bilat-right',
        reason: 'laterality: belongs to the right breast, not the index (left) cancer',
      },
      {
        reference: 'Specimen/bilat-spec-r',
        reason: 'laterality: belongs to the right breast, not the index (left) cancer',
      },
      {
        reference: 'Condition/bilat-right',
        reason: 'quadrant: belongs to the right breast, not the index (left) cancer',
      },
      {
        reference: 'Observation/bilat-er-r',
        reason: 'erStatus: belongs to the right breast, not the index (left) cancer',
      },
    ]);
  });

  it('without the sentinel biopsy the side cannot be told and side-bound facts conflict', () => {
    const { resources } = loadFixture('bilateral.json');
    const out = extractFacts(
      resources.filter((r) => (r as { id?: string }).id !== 'bilat-slnb'),
      { now },
    );
    expect(out.facts.laterality.status).toBe('conflict');
    expect(out.facts.erStatus).toMatchObject({
      status: 'conflict',
      candidates: [{ value: 'positive' }, { value: 'negative' }],
    });
  });
});

describe('hostile input', () => {
  it('skips non-objects and resources without a type', () => {
    const out = extractFacts([null, 3, [], { id: 'x' }, { resourceType: 'Patient', id: 'p', birthDate: '1970' }], {
      now,
    });
    expect(out.patient).toEqual({ reference: 'Patient/p' });
    expectIgnored(out.ignored, [
      { reference: '#0', reason: 'not a JSON object' },
      { reference: '#1', reason: 'not a JSON object' },
      { reference: '#2', reason: 'not a JSON object' },
      { reference: '#3', reason: 'no resourceType' },
      {
        reference: 'Patient/p',
        reason: 'ageYears: no dated sentinel node biopsy, surgery, pathology report or diagnosis to compute the age at',
      },
    ]);
    expectFacts(out.facts, {});
  });
});
