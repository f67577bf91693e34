// The ONE list of FHIR searches Nodal Risk needs (design.md "One pipeline"; fhir-mapping.md §5
// "Query strategy"). Data only: the app renders them into fetches, the CDS service into prefetch
// templates. Codes come from codes.ts so the searches and the extractor cannot drift apart.
import {
  OBSERVATION_CODES,
  PATHOLOGY_CATEGORY,
  PATHOLOGY_REPORT_CODES,
  SYSTEM,
  type SystemName,
} from './codes.ts';

/** Stands for the patient id inside a parameter value. */
export const PATIENT_PLACEHOLDER = '{patient}';

export interface FhirQuery {
  /** Stable name, used as the CDS prefetch key. */
  id: string;
  resourceType: string;
  /** Search parameters in order; a value may contain PATIENT_PLACEHOLDER. */
  params: ReadonlyArray<readonly [name: string, value: string]>;
  /** Why this search exists (shown in docs and the CDS discovery). */
  purpose: string;
}

function tokens(system: SystemName, codes: Iterable<string>): string {
  return [...codes].map((code) => `${SYSTEM[system]}|${code}`).join(',');
}

function observationCodes(system: SystemName): string[] {
  // Serum HER2 codes are known only to be ignored; do not fetch them.
  return Object.entries(OBSERVATION_CODES[system] ?? {})
    .filter(([, concept]) => concept !== 'her2Serum' && concept !== 'her2Other')
    .map(([code]) => code);
}

const byPatient = ['patient', PATIENT_PLACEHOLDER] as const;

export const QUERIES: readonly FhirQuery[] = [
  {
    id: 'patient',
    resourceType: 'Patient',
    params: [['_id', PATIENT_PLACEHOLDER]],
    purpose: 'birth date and sex',
  },
  {
    id: 'observationsLoinc',
    resourceType: 'Observation',
    // No category: pathology Observations carry laboratory, imaging (Synthea) or none (§8 pitfall 2).
    params: [byPatient, ['code', tokens('loinc', observationCodes('loinc'))]],
    purpose: 'discrete pathology, receptor, node and TNM results coded with LOINC',
  },
  {
    id: 'observationsSnomed',
    resourceType: 'Observation',
    params: [byPatient, ['code', tokens('snomed', observationCodes('snomed'))]],
    purpose: 'mCODE TNM categories and MII/SNOMED-coded pathology results',
  },
  {
    id: 'observationsCap',
    resourceType: 'Observation',
    // CAP eCC system URIs vary (§4), so search by code alone.
    params: [byPatient, ['code', observationCodes('cap').join(',')]],
    purpose: 'CAP eCC synoptic answers (Cancer Pathology Data Sharing IG)',
  },
  {
    id: 'pathologyReportsByCategory',
    resourceType: 'DiagnosticReport',
    params: [
      byPatient,
      [
        'category',
        [
          `${SYSTEM.loinc}|${PATHOLOGY_CATEGORY.loinc}`,
          ...PATHOLOGY_CATEGORY.v2.map((code) => `${SYSTEM.v2_0074}|${code}`),
        ].join(','),
      ],
    ],
    purpose: 'pathology reports (text in presentedForm, conclusion or narrative results)',
  },
  {
    id: 'pathologyReportsByCode',
    resourceType: 'DiagnosticReport',
    // Category-free fallback: EHR-local categories are common (§5 Epic, §8 pitfall 2).
    params: [byPatient, ['code', tokens('loinc', Object.keys(PATHOLOGY_REPORT_CODES))]],
    purpose: 'pathology reports whose category is local or missing',
  },
  {
    id: 'pathologyDocuments',
    resourceType: 'DocumentReference',
    params: [byPatient, ['type', tokens('loinc', Object.keys(PATHOLOGY_REPORT_CODES))]],
    purpose: 'pathology reports filed as documents',
  },
  {
    id: 'conditions',
    resourceType: 'Condition',
    params: [byPatient],
    purpose: 'laterality, quadrant, histology and diagnosis date of the breast cancer',
  },
  {
    id: 'procedures',
    resourceType: 'Procedure',
    params: [byPatient],
    purpose: 'sentinel node biopsy date, axillary dissection, breast surgery, chemotherapy',
  },
  {
    id: 'specimens',
    resourceType: 'Specimen',
    params: [byPatient],
    purpose: 'which specimen (side, core biopsy or excision) a result belongs to',
  },
  {
    id: 'medicationRequests',
    resourceType: 'MedicationRequest',
    params: [byPatient],
    purpose: 'systemic therapy before surgery (neoadjuvant)',
  },
  {
    id: 'medicationAdministrations',
    resourceType: 'MedicationAdministration',
    params: [byPatient],
    purpose: 'systemic therapy before surgery (neoadjuvant)',
  },
];

// Keep the separators of FHIR token lists readable; escape everything else.
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%7C/gi, '|').replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

function render(query: FhirQuery, patient: string, encode: (v: string) => string): string {
  const search = query.params
    .map(([name, value]) => `${name}=${value.split(PATIENT_PLACEHOLDER).map(encode).join(patient)}`)
    .join('&');
  return `${query.resourceType}?${search}`;
}

/** Relative search URL for one patient, e.g. "Observation?patient=p1&code=http://loinc.org|85337-4,…". */
export function queryUrl(query: FhirQuery, patientId: string): string {
  return render(query, encodeURIComponent(patientId), encodeValue);
}

/** The same search as a CDS Hooks prefetch template ("{{context.patientId}}" for the patient). */
export function prefetchTemplate(query: FhirQuery): string {
  return render(query, '{{context.patientId}}', encodeValue);
}

/** All searches as a CDS Hooks `prefetch` object keyed by query id. */
export function prefetchTemplates(queries: readonly FhirQuery[] = QUERIES): Record<string, string> {
  return Object.fromEntries(queries.map((q) => [q.id, prefetchTemplate(q)]));
}
