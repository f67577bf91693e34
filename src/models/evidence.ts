// The trial and guideline evidence that fits this patient's situation (docs/evidence.md).
// Worded as evidence with its source, never as an order.
import { valueOf, type ClinicalFacts } from '../domain/facts.ts';

export type CriterionStatus = 'met' | 'not-met' | 'unknown';

export interface Criterion {
  criterion: string;
  status: CriterionStatus;
}

export interface EvidenceItem {
  id: string;
  situation: string;
  statements: string[];
  citations: string[];
  /** Trial / guideline criteria, each met, not met or unknown for this patient. */
  checklist?: Criterion[];
  /** Cautions named by the guideline: "met" means the caution applies to this patient. */
  cautions?: Criterion[];
}

const AJCC = 'AJCC Cancer Staging Manual, 8th edition';
const IBCSG = 'Galimberti V, et al. Lancet Oncol 2013;14:297 (5-year); Lancet Oncol 2018;19:1385 (10-year)';
const Z0011 = 'Giuliano AE, et al. JAMA 2017;318:918';
const ASCO = 'ASCO guideline on sentinel node biopsy in early-stage breast cancer';
const NCCN_2015 = 'NCCN Guidelines Invasive Breast Cancer v2.2015 (BINV-D)';
const SENOMAC = 'de Boniface J, et al. N Engl J Med 2024;390:1163';
const SINODAR = 'Tinterri C, et al. Ann Surg Oncol 2022';
const AMAROS = 'Donker M, et al. Lancet Oncol 2014;15:1303 and 10-year update';
const NBCG = 'Norwegian Breast Cancer Group (NBCG) national guideline';

function status(test: boolean | undefined): CriterionStatus {
  if (test === undefined) return 'unknown';
  return test ? 'met' : 'not-met';
}

function map<T, R>(value: T | undefined, f: (v: T) => R): R | undefined {
  return value === undefined ? undefined : f(value);
}

function z0011Checklist(facts: ClinicalFacts, slnPositive: number): Criterion[] {
  return [
    { criterion: 'T1 or T2 tumour (clinical)', status: status(map(valueOf(facts, 'clinicalT'), (t) => t === 'cT1' || t === 'cT2')) },
    { criterion: '1 or 2 positive sentinel nodes', status: status(slnPositive >= 1 && slnPositive <= 2) },
    { criterion: 'Breast-conserving surgery', status: status(map(valueOf(facts, 'breastSurgery'), (s) => s === 'breast-conserving')) },
    { criterion: 'Whole-breast radiotherapy planned', status: status(valueOf(facts, 'wholeBreastRtPlanned')) },
    { criterion: 'No neoadjuvant chemotherapy', status: status(map(valueOf(facts, 'neoadjuvantTherapy'), (n) => !n)) },
  ];
}

function ascoCautions(facts: ClinicalFacts): Criterion[] {
  return [
    { criterion: 'Clinically enlarged axillary nodes', status: status(map(valueOf(facts, 'clinicalN'), (n) => n !== 'cN0')) },
    { criterion: 'Primary tumour larger than 5 cm', status: status(map(valueOf(facts, 'tumorSizeMm'), (mm) => mm > 50)) },
    { criterion: 'Extranodal extension reported', status: status(valueOf(facts, 'extranodalExtension')) },
  ];
}

function systemicTherapyNote(facts: ClinicalFacts): EvidenceItem {
  const er = valueOf(facts, 'erStatus');
  const pr = valueOf(facts, 'prStatus');
  const her2 = valueOf(facts, 'her2Status');
  const hormonePositive = er === undefined && pr === undefined ? undefined : er === 'positive' || er === 'low-positive' || pr === 'positive';
  const lines = {
    hrPositive:
      'HR+/HER2− node-negative or pN1mi: endocrine therapy, chemotherapy considered for higher-risk features; Oncotype DX recurrence score <18 endocrine alone, 18–30 endocrine ± chemotherapy, ≥31 chemotherapy + endocrine.',
    hrNegative: 'HR−: chemotherapy.',
    her2Positive: 'HER2+: trastuzumab-based therapy.',
  };
  const statements = [
    'Whatever is decided for the axilla, adjuvant systemic therapy is chosen by tumour biology; micrometastatic disease still warrants it (seed guideline summary):',
  ];
  if (her2 === 'positive') statements.push(lines.her2Positive);
  if (hormonePositive === true && her2 === 'negative') statements.push(lines.hrPositive);
  if (hormonePositive === false) statements.push(lines.hrNegative);
  if (statements.length === 1) statements.push(lines.hrPositive, lines.hrNegative, lines.her2Positive);
  return { id: 'systemic-therapy', situation: 'Adjuvant systemic therapy', statements, citations: ['Seed guideline summary'] };
}

/** The evidence items that fit the patient, most specific first. */
export function evidenceFor(facts: ClinicalFacts): EvidenceItem[] {
  if (valueOf(facts, 'neoadjuvantTherapy') === true) {
    return [
      {
        id: 'neoadjuvant',
        situation: 'Systemic therapy given before surgery',
        statements: ['These models were built in patients operated first; none applies after neoadjuvant therapy.'],
        citations: [
          'Van Zee KJ, et al. Ann Surg Oncol 2003;10:1140',
          'Tvedskov TF, et al. Int J Cancer 2012;131:2367',
          'ASCO Annual Meeting abstract e12606',
        ],
      },
    ];
  }
  const burden = valueOf(facts, 'nodalBurden');
  const positive = valueOf(facts, 'slnPositive');
  const items: EvidenceItem[] = [];

  if (burden === 'itc') {
    items.push({
      id: 'itc',
      situation: 'Isolated tumour cells only',
      statements: [
        'Isolated tumour cells (≤0.2 mm or ≤200 cells) are staged node-negative, pN0(i+), and are not counted as positive nodes; ALND is not indicated by staging.',
      ],
      citations: [AJCC],
    });
  }
  if (burden === 'micro') {
    items.push({
      id: 'ibcsg-23-01',
      situation: 'Sentinel node micrometastases',
      statements: [
        'IBCSG 23-01 randomised 934 patients with sentinel micrometastases: 5-year disease-free survival 87.8% without vs 84.4% with ALND; 10-year 76.8% vs 74.9%.',
        'The Norwegian NBCG guideline advises no axillary dissection for micrometastases.',
      ],
      citations: [IBCSG, NBCG],
    });
  }
  if (burden === 'macro' && positive !== undefined && positive >= 1 && positive <= 2) {
    const surgery = valueOf(facts, 'breastSurgery');
    if (surgery !== 'mastectomy') {
      items.push({
        id: 'z0011',
        situation: '1–2 sentinel macrometastases with breast-conserving surgery and whole-breast radiotherapy',
        statements: [
          'ACOSOG Z0011: 10-year overall survival 86.3% with sentinel node biopsy alone vs 83.6% with ALND; disease-free survival 80.2% vs 78.2%.',
          'ASCO does not recommend ALND in this situation, with caution for clinically enlarged nodes, tumours >5 cm, bulky sentinel metastases or gross extranodal extension.',
          'NCCN 2015: when all criteria below are met, no further axillary surgery.',
        ],
        citations: [Z0011, ASCO, NCCN_2015],
        checklist: z0011Checklist(facts, positive),
        cautions: ascoCautions(facts),
      });
    }
    items.push({
      id: 'senomac',
      situation: '1–2 sentinel macrometastases, including mastectomy',
      statements: [
        'SENOMAC (2,540 patients, breast-conserving surgery or mastectomy): 5-year recurrence-free survival 89.7% with sentinel node biopsy only vs 88.7% with ALND.',
        'SINODAR-ONE (889 patients): 5-year overall survival 98.8% vs 98.9%.',
        ...(surgery === 'mastectomy' ? ['ASCO: ALND may be offered to patients having mastectomy.'] : []),
      ],
      citations: [SENOMAC, SINODAR, ...(surgery === 'mastectomy' ? [ASCO] : [])],
    });
  }
  if (burden === 'micro' || burden === 'macro') {
    items.push({
      id: 'amaros',
      situation: 'Axillary radiotherapy instead of ALND',
      statements: [
        'AMAROS: 10-year axillary recurrence 1.82% after axillary radiotherapy vs 0.93% after ALND, with no difference in overall or disease-free survival; 5-year lymphoedema 11.9% vs 24.5%.',
      ],
      citations: [AMAROS],
    });
  }
  if (positive !== undefined && positive >= 3) {
    items.push({
      id: 'three-or-more',
      situation: 'Three or more positive sentinel nodes',
      statements: [
        'Outside the populations of Z0011, SENOMAC and SINODAR-ONE; ALND or regional radiotherapy remains the standard (NCCN, Norwegian NBCG).',
      ],
      citations: [NCCN_2015, NBCG],
    });
  }
  if (burden !== undefined) items.push(systemicTherapyNote(facts));
  return items;
}
