// The FHIR searches Nodal Risk needs, as one plan per kind of server (docs/architecture.md;
// docs/fhir-mapping.md §5 "Query strategy"). Data only: the app renders them into fetches, the CDS
// service into prefetch templates. Codes come from codes.ts so the searches and the extractor
// cannot drift apart. Vendor rules behind each plan: docs/deploy-epic.md, docs/deploy-oracle.md.
import { OBSERVATION_CODES, PATHOLOGY_CATEGORY, PATHOLOGY_REPORT_CODES, SYSTEM, type SystemName } from './codes.ts';
import { lookup } from './extract/coding.ts';
import { isRecord } from '../domain/json.ts';
import { isPathologyReport } from './extract/reports.ts';

/** Stands for the patient id inside a parameter value. */
export const PATIENT_PLACEHOLDER = '{patient}';

/** What the server is, as far as its searches go: named in the app registration, else read from its CapabilityStatement. */
export type VendorProfile = 'epic' | 'oracle' | 'generic';

/** Which part of a wider result the extraction can use (kept on the client, not asked of the server). */
export type KeepRule = 'observation-codes' | 'pathology-reports' | 'pathology-documents';

export interface FhirQuery {
  /** Stable name, used as the CDS prefetch key. */
  id: string;
  resourceType: string;
  /** Search parameters in order; a value may contain PATIENT_PLACEHOLDER. */
  params: ReadonlyArray<readonly [name: string, value: string]>;
  /** Why this search exists (shown in docs, the CDS discovery and the card's search notice). */
  purpose: string;
  /** The search asks the server for more than needed; keep only this on the client. */
  keep?: KeepRule;
  /** The next form of the same search, sent once when the server refuses this one with 400. */
  fallback?: FhirQuery;
}

export interface QueryPlan {
  /** Where the plan came from: a named vendor profile, or the server's CapabilityStatement. */
  source: VendorProfile | 'capability';
  searches: readonly FhirQuery[];
  /** Searches this server cannot run (not served or no declared parameter fits), with the reason. */
  unsupported: ReadonlyArray<{ query: FhirQuery; reason: string }>;
}

function tokens(system: SystemName, codes: Iterable<string>): string {
  return [...codes].map((code) => `${SYSTEM[system]}|${code}`).join(',');
}

/** Observation.code → concept, without the serum HER2 codes that are known only to be ignored. */
function isWantedObservationCode(concept: string): boolean {
  return concept !== 'her2Serum' && concept !== 'her2Other';
}

function observationCodes(system: SystemName): string[] {
  return Object.entries(OBSERVATION_CODES[system] ?? {})
    .filter(([, concept]) => isWantedObservationCode(concept))
    .map(([code]) => code);
}

const byPatient = ['patient', PATIENT_PLACEHOLDER] as const;
const pathologyReportTypes = tokens('loinc', Object.keys(PATHOLOGY_REPORT_CODES));

// Shared shapes. A fallback is the same search asked more broadly, filtered on the client.
const observationsByLabCategory: FhirQuery = {
  id: 'observationsLaboratory',
  resourceType: 'Observation',
  params: [byPatient, ['category', 'laboratory']],
  purpose: 'laboratory results (pathology, receptors, nodes), filtered by code in the app',
  keep: 'observation-codes',
};
const allReports: FhirQuery = {
  id: 'diagnosticReports',
  resourceType: 'DiagnosticReport',
  params: [byPatient],
  purpose: 'diagnostic reports, pathology ones kept in the app',
  keep: 'pathology-reports',
};
const allDocuments: FhirQuery = {
  id: 'documents',
  resourceType: 'DocumentReference',
  params: [byPatient],
  purpose: 'documents, pathology reports kept in the app',
  keep: 'pathology-documents',
};

const patient: FhirQuery = {
  id: 'patient',
  resourceType: 'Patient',
  params: [['_id', PATIENT_PLACEHOLDER]],
  purpose: 'birth date and sex',
};
const conditions: FhirQuery = {
  id: 'conditions',
  resourceType: 'Condition',
  params: [byPatient],
  purpose: 'laterality, quadrant, histology and diagnosis date of the breast cancer',
};
const procedures: FhirQuery = {
  id: 'procedures',
  resourceType: 'Procedure',
  params: [byPatient],
  purpose: 'sentinel node biopsy date, axillary dissection, breast surgery, chemotherapy',
};
const medicationRequests: FhirQuery = {
  id: 'medicationRequests',
  resourceType: 'MedicationRequest',
  params: [byPatient],
  purpose: 'systemic therapy before surgery (neoadjuvant)',
};
const medicationAdministrations: FhirQuery = {
  id: 'medicationAdministrations',
  resourceType: 'MedicationAdministration',
  params: [byPatient],
  purpose: 'systemic therapy before surgery (neoadjuvant)',
};

function withCount(query: FhirQuery, count: number): FhirQuery {
  return {
    ...query,
    params: [...query.params, ['_count', String(count)]],
    ...(query.fallback ? { fallback: withCount(query.fallback, count) } : {}),
  };
}

/** The plan for a server we know nothing about: standard FHIR R4 searches, each with a broader fallback. */
export const QUERIES: readonly FhirQuery[] = [
  patient,
  {
    id: 'observationsLoinc',
    resourceType: 'Observation',
    // No category: pathology Observations carry laboratory, imaging (Synthea) or none (§8 pitfall 2).
    params: [byPatient, ['code', tokens('loinc', observationCodes('loinc'))]],
    purpose: 'discrete pathology, receptor, node and TNM results coded with LOINC',
    fallback: observationsByLabCategory,
  },
  {
    id: 'observationsSnomed',
    resourceType: 'Observation',
    params: [byPatient, ['code', tokens('snomed', observationCodes('snomed'))]],
    purpose: 'mCODE TNM categories and MII/SNOMED-coded pathology results',
    fallback: observationsByLabCategory,
  },
  {
    id: 'observationsCap',
    resourceType: 'Observation',
    // CAP eCC system URIs vary (§4), so search by code alone.
    params: [byPatient, ['code', observationCodes('cap').join(',')]],
    purpose: 'CAP eCC synoptic answers (Cancer Pathology Data Sharing IG)',
    fallback: observationsByLabCategory,
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
    fallback: allReports,
  },
  {
    id: 'pathologyReportsByCode',
    resourceType: 'DiagnosticReport',
    // Category-free fallback: EHR-local categories are common (§5 Epic, §8 pitfall 2).
    params: [byPatient, ['code', pathologyReportTypes]],
    purpose: 'pathology reports whose category is local or missing',
    fallback: allReports,
  },
  {
    id: 'pathologyDocuments',
    resourceType: 'DocumentReference',
    params: [byPatient, ['type', pathologyReportTypes]],
    purpose: 'pathology reports filed as documents',
    fallback: allDocuments,
  },
  conditions,
  procedures,
  medicationRequests,
  medicationAdministrations,
];

// Epic (docs/deploy-epic.md): an Observation search needs category or code, and results filed under
// local codes miss a LOINC list, so ask by category and keep the codes in the app; clinical notes
// need category=clinical-reference.
const EPIC: readonly FhirQuery[] = [
  patient,
  observationsByLabCategory,
  {
    ...observationsByLabCategory,
    id: 'observationsImaging',
    params: [byPatient, ['category', 'imaging']],
    purpose: 'imaging measurements (tumour size), filtered by code in the app',
  },
  allReports,
  { ...allDocuments, params: [byPatient, ['category', 'clinical-reference']] },
  conditions,
  procedures,
  medicationRequests,
  medicationAdministrations,
];

// Oracle Health (docs/deploy-oracle.md): code lists are accepted; pages are short by default
// (Observation 50, max 200; DiagnosticReport and DocumentReference 10, max 100) and are followed
// by their next links only; no documented category value for pathology reports.
const ORACLE: readonly FhirQuery[] = [
  patient,
  ...QUERIES.filter((q) => q.resourceType === 'Observation').map((q) => withCount(q, 200)),
  withCount(allReports, 100),
  withCount(QUERIES.find((q) => q.id === 'pathologyDocuments') as FhirQuery, 100),
  conditions,
  procedures,
  medicationRequests,
  medicationAdministrations,
];

const PLANS: Record<VendorProfile, readonly FhirQuery[]> = { epic: EPIC, oracle: ORACLE, generic: QUERIES };

export function planFor(profile: VendorProfile): QueryPlan {
  return { source: profile, searches: PLANS[profile], unsupported: [] };
}

/** Every resource type any plan reads (for the scopes to request), plus Specimen and Binary read by reference. */
export function readResourceTypes(): string[] {
  const types = Object.values(PLANS).flatMap((plan) =>
    plan.flatMap((q) => [q.resourceType, ...(q.fallback ? [q.fallback.resourceType] : [])]),
  );
  return [...new Set([...types, 'Specimen', 'Binary'])];
}

// ---- Plans derived from a CapabilityStatement ------------------------------------------------

/** Declared search parameters per served resource type. */
export function declaredSearches(capabilityStatement: unknown): Map<string, Set<string>> | undefined {
  if (
    !isRecord(capabilityStatement) ||
    capabilityStatement.resourceType !== 'CapabilityStatement' ||
    !Array.isArray(capabilityStatement.rest)
  )
    return undefined;
  const out = new Map<string, Set<string>>();
  for (const rest of capabilityStatement.rest) {
    if (!isRecord(rest) || rest.mode !== 'server' || !Array.isArray(rest.resource)) continue;
    for (const r of rest.resource) {
      if (!isRecord(r) || typeof r.type !== 'string') continue;
      const interactions = Array.isArray(r.interaction)
        ? r.interaction.map((i) => (isRecord(i) ? i.code : undefined))
        : [];
      if (!interactions.includes('search-type')) continue;
      const names = Array.isArray(r.searchParam)
        ? r.searchParam.map((p) => (isRecord(p) ? p.name : undefined)).filter((n): n is string => typeof n === 'string')
        : [];
      out.set(r.type, new Set(names));
    }
  }
  return out;
}

/** Whether a server declares interaction `code` (e.g. "create") on a resource type. */
export function declaresInteraction(capabilityStatement: unknown, resourceType: string, code: string): boolean {
  if (!isRecord(capabilityStatement) || !Array.isArray(capabilityStatement.rest)) return false;
  return capabilityStatement.rest.some(
    (rest) =>
      isRecord(rest) &&
      rest.mode === 'server' &&
      Array.isArray(rest.resource) &&
      rest.resource.some(
        (r) =>
          isRecord(r) &&
          r.type === resourceType &&
          Array.isArray(r.interaction) &&
          r.interaction.some((i) => isRecord(i) && i.code === code),
      ),
  );
}

// `_count` only sizes pages; a server that does not declare it just uses its own page size.
const fits = (query: FhirQuery, declared: Map<string, Set<string>>) =>
  query.params.every(
    ([name]) => name === '_count' || declared.get(query.resourceType)?.has(name.split(':')[0] ?? name) === true,
  );

/**
 * The generic plan narrowed to what a server declares: each search in the first form whose
 * parameters are all declared (the search, then its fallback), or listed as unsupported.
 */
export function planFromCapabilities(capabilityStatement: unknown): QueryPlan | undefined {
  const declared = declaredSearches(capabilityStatement);
  if (!declared) return undefined;
  const searches: FhirQuery[] = [];
  const unsupported: { query: FhirQuery; reason: string }[] = [];
  const seen = new Set<string>();
  for (const query of QUERIES) {
    const form = [query, query.fallback].find((q): q is FhirQuery => q !== undefined && fits(q, declared));
    if (!form) {
      const reason = declared.has(query.resourceType)
        ? `the EHR does not declare searching ${query.resourceType} by ${query.params.map(([n]) => n).join(' and ')}`
        : `the EHR does not offer searching ${query.resourceType}`;
      unsupported.push({ query, reason });
    } else if (!seen.has(form.id)) {
      seen.add(form.id);
      // A fallback already chosen needs no fallback of its own; a direct form keeps its fallback only if that fits too.
      const fallback = form === query && query.fallback && fits(query.fallback, declared) ? query.fallback : undefined;
      const { fallback: _drop, ...rest } = form;
      searches.push(fallback ? { ...rest, fallback } : rest);
    }
  }
  return { source: 'capability', searches, unsupported };
}

// ---- Keeping what the extraction can use -------------------------------------------------------

/** Whether a resource returned by a broad search is one the extraction can use. */
export function keeps(rule: KeepRule | undefined, resource: unknown): boolean {
  if (rule === undefined) return true;
  if (!isRecord(resource)) return false;
  switch (rule) {
    case 'observation-codes': {
      const found = lookup(resource.code, OBSERVATION_CODES);
      return found !== undefined && isWantedObservationCode(found.value);
    }
    case 'pathology-reports':
      return isPathologyReport(resource);
    case 'pathology-documents':
      return isPathologyReport(resource, 'type');
  }
}

// ---- Specimens, read by reference ---------------------------------------------------------------

/** Ids of the specimens that reports and observations cite (Specimen is searchable by `_id` only on Epic and Oracle). */
export function specimenIds(resources: readonly unknown[]): string[] {
  const ids = new Set<string>();
  for (const r of resources) {
    if (!isRecord(r) || (!Array.isArray(r.specimen) && !isRecord(r.specimen))) continue;
    for (const ref of Array.isArray(r.specimen) ? r.specimen : [r.specimen]) {
      const m =
        isRecord(ref) && typeof ref.reference === 'string'
          ? /^Specimen\/([A-Za-z0-9.-]{1,64})$/.exec(ref.reference)
          : null;
      if (m?.[1]) ids.add(m[1]);
    }
  }
  return [...ids];
}

/** `Specimen?_id=a,b,…` in batches, for the specimens cited by id. */
export function specimenSearches(ids: readonly string[], batch = 20): FhirQuery[] {
  const out: FhirQuery[] = [];
  for (let i = 0; i < ids.length; i += batch) {
    out.push({
      id: `specimens${i / batch + 1}`,
      resourceType: 'Specimen',
      params: [['_id', ids.slice(i, i + batch).join(',')]],
      purpose: 'which specimen (side, core biopsy or excision) a result belongs to',
    });
  }
  return out;
}

// ---- URLs -----------------------------------------------------------------------------------------

/** Percent-encodes a query value exactly as URLSearchParams does (`|` → %7C, `,` → %2C, `/` → %2F). */
export function encodeQueryValue(value: string): string {
  return new URLSearchParams([['v', value]]).toString().slice(2);
}

function render(query: FhirQuery, patient: string): string {
  const search = query.params
    .map(
      ([name, value]) =>
        `${encodeQueryValue(name)}=${value.split(PATIENT_PLACEHOLDER).map(encodeQueryValue).join(patient)}`,
    )
    .join('&');
  return `${query.resourceType}?${search}`;
}

/** Relative search URL for one patient, e.g. "Observation?patient=p1&code=http%3A%2F%2Floinc.org%7C85337-4%2C…". */
export function queryUrl(query: FhirQuery, patientId: string): string {
  return render(query, encodeQueryValue(patientId));
}

/** The same search as a CDS Hooks prefetch template ("{{context.patientId}}" for the patient). */
export function prefetchTemplate(query: FhirQuery): string {
  return render(query, '{{context.patientId}}');
}

/** All searches as a CDS Hooks `prefetch` object keyed by query id. */
export function prefetchTemplates(queries: readonly FhirQuery[] = QUERIES): Record<string, string> {
  return Object.fromEntries(queries.map((q) => [q.id, prefetchTemplate(q)]));
}
