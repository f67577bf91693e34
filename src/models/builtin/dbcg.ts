// Danish Breast Cancer Cooperative Group models (Tvedskov 2012) as risk-factor
// profiles. The odds ratios, cut-offs and intercept are not available to us, so the factors carry
// no `presentWhen`/`coefficient` where those are unpublished; entering them here later turns the
// profile into a computed probability without code changes (see engine.ts).
import type { Citation, ModelDefinition, Requirement } from '../definition.ts';

const TVEDSKOV_2012: Citation = {
  text:
    'Tvedskov TF, et al. High risk of non-sentinel node metastases in a group of breast cancer patients with ' +
    'micrometastases in the sentinel node. Int J Cancer 2012;131:2367–2375.',
  doi: '10.1002/ijc.27499',
};

const OUTCOME = 'any further (non-sentinel) axillary node involved at completion dissection';
const NO_CUTOFF = 'value shown, cut-off not published';

const NO_NEOADJUVANT: Requirement = {
  condition: { not: { input: 'neoadjuvantTherapy', equals: true } },
  reason: 'systemic therapy was given before surgery; the DBCG cohort was operated first',
  whenUnknown: 'warn',
  unknownText: 'Systemic therapy before surgery is not recorded; the model does not apply if it was given.',
};

const NOTES = [
  'Risk factors only: the odds ratios, cut-offs and intercept of the DBCG model are not available, so no percentage is shown.',
  'Built on the Danish definitions (Tvedskov 2012): micrometastasis 0.2–2 mm or 10–100 tumour cells; isolated tumour cells < 0.2 mm or < 10 cells. AJCC 8th, used for the nodal category here, counts ≤ 0.2 mm or < 200 cells as isolated tumour cells.',
];

const MALE_CAVEAT = {
  when: { input: 'sex', equals: 'male' } as const,
  text: "The cohort's sex is not published; this patient is male.",
};

// Where AJCC 8th and the Danish definitions part: 10–199 cells, or a deposit of exactly 0.2 mm.
const ITC_DEFINITION_CAVEAT = {
  when: { input: 'nodalBurden', equals: 'itc' } as const,
  text:
    'Isolated tumour cells by AJCC 8th (≤ 0.2 mm or < 200 cells) are a micrometastasis under the Danish definitions when the ' +
    'deposit had 10–199 cells or measured exactly 0.2 mm; the DBCG micrometastasis model is then the one built for this patient.',
};

export const dbcgMicro: ModelDefinition = {
  id: 'dbcg-micro',
  title: 'DBCG model for sentinel node micrometastases',
  shortTitle: 'DBCG',
  kind: 'risk-factors',
  outcome: OUTCOME,
  population:
    'Worst sentinel deposit is a micrometastasis (>0.2–2 mm); operated first (DBCG 2002–2008, 1,577 patients, all with ALND)',
  citations: [TVEDSKOV_2012],
  docsSection: 'DBCG models (dbcg-micro, dbcg-itc)',
  performance: 'AUC 0.64 (development), 0.63 in an independent Danish cohort (720 patients, 2009–2010).',
  notes: NOTES,
  requirements: [
    {
      condition: { input: 'nodalBurden', equals: 'micro' },
      reason: 'applies when the worst sentinel deposit is a micrometastasis (here: {nodalBurden})',
      whenUnknown: 'missing',
    },
    NO_NEOADJUVANT,
  ],
  caveats: [MALE_CAVEAT],
  riskFactors: [
    {
      id: 'tumourSize',
      label: 'Tumour size',
      inputs: ['tumorSizeMm'],
      describe: 'tumour size {tumorSizeMm}',
      noCutoffText: NO_CUTOFF,
    },
    {
      id: 'positiveProportion',
      label: 'Proportion of positive sentinel nodes',
      inputs: ['slnPositive', 'slnExamined'],
      describe: '{slnPositive} of {slnExamined} sentinel nodes positive ({percent:slnPositive/slnExamined})',
      noCutoffText: NO_CUTOFF,
    },
    {
      id: 'lvi',
      label: 'Lymphovascular invasion',
      inputs: ['lvi'],
      presentWhen: { input: 'lvi', equals: true },
      describe: 'lymphovascular invasion: {lvi}',
    },
    {
      id: 'hormoneReceptor',
      label: 'Hormone receptor status',
      inputs: ['erStatus'],
      describe: 'ER {erStatus}, PR {prStatus}',
      noCutoffText: 'value shown, direction and coding not published',
    },
    {
      id: 'upperOuterQuadrant',
      label: 'Tumour in the upper outer quadrant',
      inputs: ['quadrant'],
      presentWhen: { input: 'quadrant', equals: 'UOQ' },
      describe: 'location: {quadrant}',
    },
  ],
  statistics: [
    'The model identified 5% of patients with a risk of non-sentinel node metastases of nearly 40%.',
    'It could not identify a subgroup with a very low risk.',
    'AUC 0.64 (development), 0.63 in an independent Danish cohort (720 patients, 2009–2010); predicted risk > 30% had sensitivity 0.36, specificity 0.81.',
  ],
};

export const dbcgItc: ModelDefinition = {
  id: 'dbcg-itc',
  title: 'DBCG model for isolated tumour cells in the sentinel node',
  shortTitle: 'DBCG',
  kind: 'risk-factors',
  outcome: OUTCOME,
  population:
    'Isolated tumour cells only in the sentinel nodes; operated first (DBCG 2002–2008, 304 patients, all with ALND)',
  citations: [TVEDSKOV_2012],
  docsSection: 'DBCG models (dbcg-micro, dbcg-itc)',
  performance: 'AUC 0.73 (development), 0.60 in the Danish validation cohort (180 patients).',
  notes: [
    ...NOTES,
    'In this population the involved sentinel nodes are those with isolated tumour cells, so their proportion is shown.',
  ],
  requirements: [
    {
      condition: { input: 'nodalBurden', equals: 'itc' },
      reason: 'applies when the sentinel nodes hold isolated tumour cells only (here: {nodalBurden})',
      whenUnknown: 'missing',
    },
    NO_NEOADJUVANT,
  ],
  caveats: [MALE_CAVEAT, ITC_DEFINITION_CAVEAT],
  riskFactors: [
    {
      id: 'tumourSize',
      label: 'Tumour size',
      inputs: ['tumorSizeMm'],
      describe: 'tumour size {tumorSizeMm}',
      noCutoffText: NO_CUTOFF,
    },
    { id: 'age', label: 'Age', inputs: ['ageYears'], describe: 'age {ageYears}', noCutoffText: NO_CUTOFF },
    {
      id: 'involvedProportion',
      label: 'Proportion of involved sentinel nodes',
      inputs: ['slnItcOnly', 'slnExamined'],
      describe:
        '{slnItcOnly} of {slnExamined} sentinel nodes with isolated tumour cells ({percent:slnItcOnly/slnExamined})',
      noCutoffText: NO_CUTOFF,
    },
  ],
  statistics: [
    'The model identified 32% of patients with a risk of non-sentinel node metastases of only 2% ("omission of ALND would be acceptable in this group").',
    'AUC 0.73 (development), 0.60 in the Danish validation cohort (180 patients), where the high-risk group by number of risk factors had 37% non-sentinel node metastases.',
  ],
};
