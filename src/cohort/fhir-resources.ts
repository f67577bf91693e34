// One synthetic patient as FHIR R4 resources, in the shapes the sandbox patients use
// (src/sandbox/patients): US Core / mCODE observations on specimens, a sentinel node pathology
// report with synoptic text, and the completion dissection (procedure, specimen, pathology).
import type { Json } from '../domain/json.ts';
import type { SyntheticPatient } from './patient-features.ts';

type Resource = Record<string, unknown>;

const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const LAB = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'laboratory',
        display: 'Laboratory',
      },
    ],
  },
];
const AJCC8 = {
  coding: [
    {
      system: SCT,
      code: '897275008',
      display: 'American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system',
    },
  ],
};
const PATHOLOGY = [{ coding: [{ system: LOINC, code: 'LP7839-6', display: 'Pathology' }], text: 'Pathology' }];

const concept = (system: string, code: string, display: string) => ({
  coding: [{ system, code, display }],
  text: display,
});
const count = (n: number) => ({ value: n, unit: '1', system: UCUM, code: '1' });
const mm = (n: number) => ({ value: n, unit: 'mm', system: UCUM, code: 'mm' });
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const words = (n: number) => (WORDS[n] ?? String(n)).toUpperCase();

const SIDE = {
  left: {
    lateral: concept(SCT, '7771000', 'Left'),
    breast: concept(SCT, '80248007', 'Left breast structure'),
    word: 'LEFT',
  },
  right: {
    lateral: concept(SCT, '24028007', 'Right'),
    breast: concept(SCT, '73056007', 'Right breast structure'),
    word: 'RIGHT',
  },
};
const QUADRANT = {
  UOQ: ['76365002', 'Structure of upper outer quadrant of breast'],
  UIQ: ['77831004', 'Structure of upper inner quadrant of breast'],
  LOQ: ['33564002', 'Structure of lower outer quadrant of breast'],
  LIQ: ['19100000', 'Structure of lower inner quadrant of breast'],
} as const;
const GRADE = {
  1: ['LA27837-6', 'Nottingham grade 1'],
  2: ['LA27824-4', 'Nottingham grade 2'],
  3: ['LA27801-2', 'Nottingham grade 3'],
} as const;
const POSITIVE = concept(LOINC, 'LA6576-8', 'Positive');
const NEGATIVE = concept(LOINC, 'LA6577-6', 'Negative');

type Concept = ReturnType<typeof concept>;

/** A final laboratory Observation of the patient, on a specimen when one is named. */
function observation(
  patient: string,
  suffix: string,
  code: Concept,
  value: Json,
  specimen: string | undefined,
  when: string,
  issued: string,
): Resource {
  return {
    resourceType: 'Observation',
    id: `${patient}-${suffix}`,
    status: 'final',
    category: LAB,
    code,
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: when,
    issued,
    ...value,
    ...(specimen ? { specimen: { reference: `Specimen/${specimen}` } } : {}),
  };
}

function pnText(totalPositive: number, worst: 'itc' | 'micro' | 'macro'): string {
  if (totalPositive === 0) return worst === 'itc' ? 'pN0(i+)' : 'pN0';
  if (totalPositive >= 10) return 'pN3a';
  if (totalPositive >= 4) return 'pN2a';
  return worst === 'micro' ? 'pN1mi' : 'pN1a';
}

/** The sentinel node part of the report, wording the method of detection as pathologists do. */
function sentinelLine(p: SyntheticPatient): string {
  const deposit = `LARGEST DEPOSIT ${p.largestDepositMm} MM`;
  if (p.burden === 'itc') {
    return `ISOLATED TUMOR CELLS IN ${words(p.slnItcOnly)} OF ${words(p.slnExamined)} LYMPH NODES (${p.slnItcOnly}/${p.slnExamined}), DETECTED BY CYTOKERATIN IMMUNOHISTOCHEMISTRY.`;
  }
  const kind = p.burden === 'micro' ? 'MICROMETASTATIC CARCINOMA' : 'METASTATIC CARCINOMA';
  const fraction = `IN ${words(p.slnPositive)} OF ${words(p.slnExamined)} LYMPH NODES (${p.slnPositive}/${p.slnExamined})`;
  const method = !p.methodStated
    ? ''
    : p.detectionMethod === 'serial-he'
      ? ', IDENTIFIED ONLY ON DEEPER LEVELS'
      : p.detectionMethod === 'ihc'
        ? ', DETECTED ONLY BY CYTOKERATIN IMMUNOHISTOCHEMISTRY'
        : p.detectionMethod === 'routine-he'
          ? ', SEEN ON ROUTINE H&E SECTIONS'
          : '';
  return `${kind} ${fraction}, ${deposit}${method}.`;
}

function sentinelReport(p: SyntheticPatient): string {
  const side = SIDE[p.side].word;
  const frozen = p.detectionMethod === 'frozen-section' && p.methodStated && p.burden !== 'itc';
  const macro = p.burden === 'macro' ? p.slnPositive : 0;
  const micro = p.burden === 'micro' ? p.slnPositive : 0;
  return [
    'SURGICAL PATHOLOGY REPORT',
    ...(frozen
      ? [
          '',
          'INTRAOPERATIVE CONSULTATION:',
          `B1. ${side} AXILLARY SENTINEL LYMPH NODE #1, FROZEN SECTION: POSITIVE FOR METASTATIC CARCINOMA.`,
        ]
      : []),
    '',
    'FINAL DIAGNOSIS:',
    `A. ${side} BREAST, LUMPECTOMY:`,
    `   - INVASIVE ${p.histologicType === 'lobular' ? 'LOBULAR CARCINOMA' : 'CARCINOMA OF NO SPECIAL TYPE (DUCTAL)'}, ${p.tumorSizeMm} MM.`,
    `B. ${side} AXILLARY SENTINEL LYMPH NODES, EXCISION:`,
    `   - ${sentinelLine(p)}`,
    '',
    'Regional Lymph Nodes',
    `  Number of Lymph Nodes with Macrometastases (greater than 2 mm): ${macro}`,
    `  Number of Lymph Nodes with Micrometastases (greater than 0.2 mm to 2 mm and / or greater than 200 cells): ${micro}`,
    `  Number of Lymph Nodes with Isolated Tumor Cells (0.2 mm or less OR 200 cells or less): ${p.slnItcOnly}`,
    `  Number of Sentinel Nodes Examined: ${p.slnExamined}`,
    `  Total Number of Lymph Nodes Examined (sentinel and non-sentinel): ${p.slnExamined}`,
    '',
  ].join('\n');
}

function dissectionReport(p: SyntheticPatient): string {
  const side = SIDE[p.side].word;
  const finding =
    p.alndPositive > 0
      ? `METASTATIC CARCINOMA IN ${p.alndPositive} OF ${p.alndExamined} LYMPH NODES (${p.alndPositive}/${p.alndExamined}).`
      : p.alndItcOnly > 0
        ? `ISOLATED TUMOR CELLS IN ${p.alndItcOnly} OF ${p.alndExamined} LYMPH NODES (${p.alndItcOnly}/${p.alndExamined}).`
        : `${p.alndExamined} LYMPH NODES, NEGATIVE FOR METASTATIC CARCINOMA (0/${p.alndExamined}).`;
  return [
    'SURGICAL PATHOLOGY REPORT',
    '',
    'FINAL DIAGNOSIS:',
    `C. ${side} AXILLARY CONTENTS, COMPLETION DISSECTION:`,
    `   - ${finding}`,
    '',
  ].join('\n');
}

export function patientResources(p: SyntheticPatient): Resource[] {
  const subject = { reference: `Patient/${p.id}` };
  const s = SIDE[p.side];
  const at = (day: string, time: string) => `${day}T${time}:00Z`;
  const slnTime = at(p.slnbDate, '09:40');
  const alndTime = at(p.alndDate, '10:00');
  const issuedSln = at(p.slnbDate, '16:00');
  const issuedAlnd = at(p.alndDate, '16:00');
  const birthYear = Number(p.slnbDate.slice(0, 4)) - p.ageYears - 1;
  const ids = {
    specSln: `${p.id}-spec-sln`,
    specBreast: `${p.id}-spec-breast`,
    specAlnd: `${p.id}-spec-alnd`,
  };
  const obs = (
    suffix: string,
    code: Concept,
    value: Json,
    specimen: string | undefined,
    when: string,
    issued: string,
  ) => observation(p.id, suffix, code, value, specimen, when, issued);
  // Every pathology result of the sentinel node biopsy shares its time and report issue time.
  const pathology = (suffix: string, code: Concept, value: Json, specimen: string) =>
    obs(suffix, code, value, specimen, slnTime, issuedSln);
  const breastObs: Resource[] = [
    pathology(
      'size',
      concept(LOINC, '44635-1', 'Invasive component size.maximum dimension [Length] in Breast tumor'),
      { valueQuantity: mm(p.tumorSizeMm) },
      ids.specBreast,
    ),
    pathology(
      'grade',
      concept(LOINC, '44648-4', 'Histologic grade [Score] in Breast cancer specimen by Nottingham'),
      { valueCodeableConcept: concept(LOINC, GRADE[p.grade][0], GRADE[p.grade][1]) },
      ids.specBreast,
    ),
    pathology(
      'nuclear',
      concept(LOINC, '44645-0', 'Nuclear pleomorphism [Score] in Breast cancer specimen by Nottingham'),
      { valueInteger: p.nuclearGrade },
      ids.specBreast,
    ),
    pathology(
      'lvi',
      concept(LOINC, '59544-7', 'Lymph-vascular invasion'),
      { valueCodeableConcept: p.lvi ? concept(SCT, '52101004', 'Present') : concept(SCT, '2667000', 'Absent') },
      ids.specBreast,
    ),
    pathology(
      'focality',
      concept(SCT, '1157128007', 'Qualitative distribution of primary malignant neoplasm of breast'),
      {
        valueCodeableConcept: p.multifocal
          ? concept(SCT, '399506006', 'Multifocal')
          : concept(SCT, '399389000', 'Unifocal'),
      },
      ids.specBreast,
    ),
    pathology(
      'er',
      concept(LOINC, '85337-4', 'Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain'),
      { valueCodeableConcept: p.erPositive ? POSITIVE : NEGATIVE },
      ids.specBreast,
    ),
    pathology(
      'pr',
      concept(LOINC, '85339-0', 'Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain'),
      { valueCodeableConcept: p.prPositive ? POSITIVE : NEGATIVE },
      ids.specBreast,
    ),
  ];
  const slnObs: Resource[] = [
    pathology(
      'sln-examined',
      concept(LOINC, '85347-3', 'Sentinel lymph nodes examined [#] in Cancer specimen by Light microscopy'),
      { valueQuantity: count(p.slnExamined) },
      ids.specSln,
    ),
    pathology(
      'sln-positive',
      concept(LOINC, '92832-5', 'Sentinel lymph nodes with metastasis [#] in Cancer specimen'),
      { valueQuantity: count(p.slnPositive) },
      ids.specSln,
    ),
    pathology(
      'deposit',
      concept(
        LOINC,
        '85351-5',
        'Lymph node metastatic deposit.max dimension [Length] in Cancer specimen by Light microscopy',
      ),
      { valueQuantity: mm(p.largestDepositMm) },
      ids.specSln,
    ),
  ];
  const cT = p.tumorSizeMm <= 20 ? 'cT1' : p.tumorSizeMm <= 50 ? 'cT2' : 'cT3';
  const clinical: Resource[] = [
    obs(
      'ct',
      concept(SCT, '399504009', 'cT category'),
      { valueCodeableConcept: { text: cT }, method: AJCC8 },
      undefined,
      `${p.slnbDate}`,
      issuedSln,
    ),
    obs(
      'cn',
      concept(SCT, '399534004', 'cN category'),
      { valueCodeableConcept: concept(SCT, '1229967007', 'cN0'), method: AJCC8 },
      undefined,
      `${p.slnbDate}`,
      issuedSln,
    ),
  ];
  const specimen = (id: string, note: string, collected: string, site: ReturnType<typeof concept>): Resource => ({
    resourceType: 'Specimen',
    id,
    status: 'available',
    type: concept('http://terminology.hl7.org/CodeSystem/v2-0487', 'TISS', 'Tissue'),
    subject,
    collection: { collectedDateTime: collected, bodySite: site },
    note: [{ text: note }],
  });
  const axilla = concept(SCT, '68171009', 'Axillary lymph node structure');
  const resources: Resource[] = [
    {
      resourceType: 'Patient',
      id: p.id,
      gender: 'female',
      birthDate: `${birthYear}-${p.slnbDate.slice(5, 10)}`,
    },
    {
      resourceType: 'Condition',
      id: `${p.id}-cancer`,
      extension: [
        {
          url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior',
          valueCodeableConcept:
            p.histologicType === 'ductal'
              ? concept(SCT, '82711006', 'Infiltrating duct carcinoma (morphologic abnormality)')
              : concept('http://terminology.hl7.org/CodeSystem/icd-o-3', '8520/3', 'Lobular carcinoma, NOS'),
        },
      ],
      clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active', 'Active'),
      verificationStatus: concept(
        'http://terminology.hl7.org/CodeSystem/condition-ver-status',
        'confirmed',
        'Confirmed',
      ),
      code: {
        ...concept(
          SCT,
          p.side === 'left' ? '353431000119107' : '353441000119101',
          `Primary malignant neoplasm of female ${p.side} breast`,
        ),
      },
      bodySite: [
        {
          ...concept(SCT, QUADRANT[p.quadrant][0], QUADRANT[p.quadrant][1]),
          extension: [
            {
              url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier',
              valueCodeableConcept: s.lateral,
            },
          ],
        },
      ],
      subject,
      onsetDateTime: p.slnbDate,
    },
    {
      resourceType: 'Procedure',
      id: `${p.id}-slnb`,
      status: 'completed',
      code: concept(SCT, '396487001', 'Sentinel lymph node biopsy (procedure)'),
      subject,
      performedDateTime: slnTime,
      bodySite: [
        {
          ...axilla,
          extension: [
            {
              url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier',
              valueCodeableConcept: s.lateral,
            },
          ],
        },
      ],
    },
    {
      resourceType: 'Procedure',
      id: `${p.id}-lumpectomy`,
      status: 'completed',
      code: concept(SCT, '392021009', 'Lumpectomy of breast (procedure)'),
      subject,
      performedDateTime: slnTime,
      bodySite: [s.breast],
    },
    {
      resourceType: 'Procedure',
      id: `${p.id}-alnd`,
      status: 'completed',
      code: concept(SCT, '234262008', 'Excision of axillary lymph node (procedure)'),
      subject,
      performedDateTime: alndTime,
      bodySite: [
        {
          ...axilla,
          extension: [
            {
              url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier',
              valueCodeableConcept: s.lateral,
            },
          ],
        },
      ],
    },
    specimen(ids.specSln, `${s.word} AXILLARY SENTINEL LYMPH NODE(S)`, slnTime, axilla),
    specimen(ids.specBreast, `${s.word} BREAST, LUMPECTOMY`, slnTime, s.breast),
    specimen(ids.specAlnd, `${s.word} AXILLARY CONTENTS, COMPLETION DISSECTION`, alndTime, axilla),
    ...breastObs,
    ...slnObs,
    ...clinical,
    {
      resourceType: 'DiagnosticReport',
      id: `${p.id}-sln-pathology`,
      status: 'final',
      category: PATHOLOGY,
      code: concept(LOINC, '60568-3', 'Pathology Synoptic report'),
      subject,
      effectiveDateTime: slnTime,
      issued: issuedSln,
      specimen: [{ reference: `Specimen/${ids.specBreast}` }, { reference: `Specimen/${ids.specSln}` }],
      result: [...breastObs, ...slnObs].map((o) => ({ reference: `Observation/${o.id as string}` })),
      presentedForm: [{ contentType: 'text/plain', data: base64(sentinelReport(p)) }],
    },
  ];
  resources.push(...axillaryUltrasound(p, subject, axilla));
  resources.push(...dissectionPathology(p, subject, ids.specAlnd, alndTime, issuedAlnd));
  return resources;
}

/**
 * The preoperative axillary ultrasound as radiology records it: an imaging Observation (method
 * Ultrasonography, body site axillary lymph nodes, a worded answer) or a radiology report whose
 * impression covers the breast mass and the axilla.
 */
function axillaryUltrasound(p: SyntheticPatient, subject: { reference: string }, axilla: Concept): Resource[] {
  const us = p.axillaryUltrasound;
  const side = SIDE[p.side];
  if (us.record === 'observation') {
    return [
      {
        resourceType: 'Observation',
        id: `${p.id}-axilla-us`,
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'imaging',
                display: 'Imaging',
              },
            ],
          },
        ],
        code: { text: 'Axillary lymph node assessment' },
        method: concept(SCT, '16310003', 'Ultrasonography'),
        bodySite: {
          ...axilla,
          extension: [
            {
              url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier',
              valueCodeableConcept: side.lateral,
            },
          ],
        },
        subject,
        effectiveDateTime: us.date,
        valueCodeableConcept: { text: us.suspicious ? 'Suspicious' : 'Not suspicious' },
      },
    ];
  }
  if (us.record === 'none') return [];
  const sideWord = p.side === 'left' ? 'left' : 'right';
  const nodes = us.suspicious
    ? `One ${sideWord} axillary lymph node with cortical thickening, suspicious for metastasis.`
    : `No suspicious ${sideWord} axillary lymph nodes.`;
  return [
    {
      resourceType: 'DiagnosticReport',
      id: `${p.id}-axilla-us`,
      status: 'final',
      category: [{ coding: [{ system: LOINC, code: 'LP29684-5', display: 'Radiology' }], text: 'Radiology' }],
      code: { text: `US BREAST AND AXILLA ${side.word}` },
      subject,
      effectiveDateTime: `${us.date}T11:00:00Z`,
      conclusion: `IMPRESSION: 1. Irregular mass in the ${sideWord} breast, highly suspicious for malignancy (BI-RADS 5). 2. ${nodes}`,
    },
  ];
}

/** The completion dissection's pathology, recorded as p.outcomeRecord says. */
function dissectionPathology(
  p: SyntheticPatient,
  subject: { reference: string },
  specAlnd: string,
  when: string,
  issued: string,
): Resource[] {
  if (p.outcomeRecord === 'none') return [];
  const total = p.slnPositive + p.alndPositive;
  const worst =
    p.alndPositive > 0 || p.burden === 'macro'
      ? p.burden === 'micro' && p.alndPositive === 0
        ? 'micro'
        : 'macro'
      : p.burden;
  const obs = (suffix: string, code: Concept, value: Json, specimen?: string) =>
    observation(p.id, suffix, code, value, specimen, when, issued);
  const pn = obs('pn-alnd', concept(SCT, '371494008', 'pN category'), {
    valueCodeableConcept: { text: pnText(total, worst) },
    method: AJCC8,
  });
  const results: Resource[] = [];
  // A count of all nodes is a case-level figure: tied to no specimen and listed in no report.
  const standalone: Resource[] = [];
  if (p.outcomeRecord === 'discrete') {
    results.push(
      obs(
        'alnd-examined',
        concept(LOINC, '21894-1', 'Regional lymph nodes examined [#] Specimen'),
        { valueQuantity: count(p.alndExamined) },
        specAlnd,
      ),
      obs(
        'alnd-positive',
        concept(LOINC, '21893-3', 'Regional lymph nodes positive [#] Specimen'),
        { valueQuantity: count(p.alndPositive) },
        specAlnd,
      ),
      pn,
    );
  } else if (p.outcomeRecord === 'all-nodes') {
    standalone.push(
      obs('all-nodes-positive', concept(LOINC, '92831-7', 'Lymph nodes with metastasis [#] in Cancer specimen'), {
        valueQuantity: count(total),
      }),
    );
    results.push(pn);
  }
  const report: Resource = {
    resourceType: 'DiagnosticReport',
    id: `${p.id}-alnd-pathology`,
    status: 'final',
    category: PATHOLOGY,
    code: concept(LOINC, '60568-3', 'Pathology Synoptic report'),
    subject,
    effectiveDateTime: when,
    issued,
    specimen: [{ reference: `Specimen/${specAlnd}` }],
    result: results.map((o) => ({ reference: `Observation/${o.id as string}` })),
  };
  if (p.outcomeRecord === 'report-text')
    report.presentedForm = [{ contentType: 'text/plain', data: base64(dissectionReport(p)) }];
  return [...standalone, ...results, report];
}
