// Vendor modes of the sandbox FHIR server: each mounts the same data under its own base URL and
// enforces what Epic or Oracle Health document for the searches Nodal Risk sends. Every rule names
// its source; rules the vendor material does not settle are marked ASSUMPTION (docs/deploy-epic.md,
// docs/deploy-oracle.md list them).
import type { OperationOutcome } from '@medplum/fhirtypes';

export type VendorMode = 'generic' | 'epic' | 'oracle';
export const VENDOR_MODES: readonly VendorMode[] = ['generic', 'epic', 'oracle'];

export interface ModeRules {
  mode: VendorMode;
  label: string;
  /** Path of the FHIR base under the EHR origin. */
  basePath: string;
  /** An OperationOutcome (sent with 400) when a search breaks the vendor's parameter rules. */
  refuseSearch(resourceType: string, params: ReadonlyArray<[string, string]>): OperationOutcome | undefined;
  /** Page size for a search: the vendor's default when `_count` is absent, capped at its maximum. */
  pageSize(resourceType: string, requested: number | undefined): number;
  /** Next links are opaque (`pageContext`), and page URLs the client builds itself are refused. */
  opaquePaging: boolean;
  /** Binary: refuse this Accept header (status and outcome), or undefined to serve it. */
  refuseBinaryAccept(accept: string, contentType: string | undefined): OperationOutcome | undefined;
  /** Resource types dropped from the CapabilityStatement and not served. */
  notServed: readonly string[];
  /** Resource types whose `create` the server accepts. */
  creatable: readonly string[];
  /** Declared search parameters per type, where the vendor narrows the sandbox's own list. */
  searchParams: Readonly<Record<string, readonly string[]>>;
  /** Report documents are served as HTML with an RTF rendition beside them. */
  htmlAndRtfDocuments: boolean;
  /** Token policy of the vendor's authorization server. */
  token: { accessTtlSeconds?: number; rotateRefresh: boolean };
}

const DEFAULT_PAGE = 20;
const MAX_PAGE = 1000;
const has = (params: ReadonlyArray<[string, string]>, name: string) =>
  params.some(([k]) => k === name || k.startsWith(`${name}:`));

function fatal(
  code: NonNullable<OperationOutcome['issue']>[number]['code'],
  epicCode: string,
  display: string,
  diagnostics: string,
): OperationOutcome {
  // Epic error numbers and texts as listed in Epic's error-code tables; the coding system is not recorded there (ASSUMPTION: none sent).
  return {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'fatal', code, details: { coding: [{ code: epicCode, display }], text: display }, diagnostics },
    ],
  };
}

const GENERIC: ModeRules = {
  mode: 'generic',
  label: 'Generic FHIR R4',
  basePath: '/fhir',
  refuseSearch: () => undefined,
  pageSize: (_t, n) => Math.min(n ?? DEFAULT_PAGE, MAX_PAGE),
  opaquePaging: false,
  refuseBinaryAccept: () => undefined,
  notServed: [],
  creatable: ['RiskAssessment'],
  searchParams: {},
  htmlAndRtfDocuments: false,
  token: { rotateRefresh: true },
};

// Epic sources (docs/deploy-epic.md §6): EC capture of Epic's sandbox CapabilityStatement, EE Epic error-code list, NR mirror of Epic's search pages.
const EPIC_OBSERVATION_CATEGORIES = new Set([
  'laboratory',
  'vital-signs',
  'social-history',
  'core-characteristics',
  'LDA',
  'LDA-property',
  'LDA-assessment',
  'functional-mental-status',
  'periodontal',
  'labor-delivery',
  'newborn-delivery',
  'obstetrics-gynecology',
  'survey',
  'sdoh',
  'imaging',
]);

const EPIC: ModeRules = {
  mode: 'epic',
  label: 'Epic-like',
  basePath: '/epic/api/FHIR/R4',
  refuseSearch(type, params) {
    if (has(params, '_id')) return undefined; // EC: with _id "All others will be ignored."
    if (type === 'Observation') {
      // EE 59108 / yourphr #754: category or code must be given.
      if (!has(params, 'category') && !has(params, 'code'))
        return fatal(
          'required',
          '59108',
          'Required category or code missing',
          'Observation search needs category or code',
        );
      // EE 59111: a category outside Epic's list is fatal (EC lists the categories).
      const bad = params
        .filter(([k]) => k === 'category')
        .flatMap(([, v]) => v.split(','))
        .find((c) => !EPIC_OBSERVATION_CATEGORIES.has(c.split('|').at(-1) ?? c));
      if (bad !== undefined)
        return fatal('value', '59111', 'Invalid category', `category ${bad} is not a valid category option`);
    }
    // NR document-reference-search: category "Always \"clinical-reference\"", required. Error number: ASSUMPTION (59108 reused).
    if (
      type === 'DocumentReference' &&
      !params.some(([k, v]) => k === 'category' && v.split(',').includes('clinical-reference'))
    ) {
      return fatal(
        'required',
        '59108',
        'Required category missing',
        'DocumentReference search needs category=clinical-reference',
      );
    }
    // EC: Specimen declares only _id and _count. Refusing other parameters (rather than ignoring them) is an ASSUMPTION.
    if (type === 'Specimen')
      return fatal('not-supported', '4122', 'Unknown query parameter', 'Specimen can be searched by _id only');
    return undefined;
  },
  // Epic's default and maximum _count: NOT FOUND; the sandbox's own default applies (ASSUMPTION).
  pageSize: GENERIC.pageSize,
  opaquePaging: false,
  // Epic's Binary Accept behaviour: NOT FOUND; not emulated.
  refuseBinaryAccept: () => undefined,
  notServed: ['RiskAssessment'], // EC: RiskAssessment is not among the 59 types.
  // DocumentReference create is not documented in the Epic sources above; not offered here (ASSUMPTION), so the app's "no save" branch runs.
  creatable: [],
  searchParams: { Specimen: ['_id', '_count'] }, // EC (Specimen)
  htmlAndRtfDocuments: true, // NR: "Format/Content rules for the document (RTF vs HTML)"
  token: { rotateRefresh: true }, // token lifetime NOT FOUND: sandbox default
};

// Oracle sources (docs/deploy-oracle.md §6): CR github.com/cerner/fhir.cerner.com content, OD Oracle's Millennium R4 reference, CC capture of the live CapabilityStatement.
const ORACLE_PAGE: Record<string, { dflt: number; max: number }> = {
  Observation: { dflt: 50, max: 200 }, // CR observation.md "Defaults to 50 and maximum 200"
  DiagnosticReport: { dflt: 10, max: 100 }, // CR diagnostic-report.md "Defaults to `10` and a maximum of `100`"
  DocumentReference: { dflt: 10, max: 100 }, // CR document-reference.md "Defaults to `10` and maximum `100`"
  Patient: { dflt: 20, max: MAX_PAGE }, // CR patient.md "Defaults to `20`."; maximum NOT FOUND
};
// CR r4.md and each resource page: `_id` or `patient` (or `subject`) is required.
const ORACLE_NEEDS_PATIENT = new Set([
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'Condition',
  'Procedure',
  'MedicationRequest',
  'MedicationAdministration',
]);

function oracleRefusal(diagnostics: string): OperationOutcome {
  // CR r4.md: "Failing to send a required query parameter will result in a `400 Bad Request`" … "no supported search parameters provided".
  // The issue code is an ASSUMPTION.
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics }] };
}

const ORACLE: ModeRules = {
  mode: 'oracle',
  label: 'Oracle Health-like',
  basePath: '/oracle/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d',
  refuseSearch(type, params) {
    if (type === 'Specimen' && (params.length === 0 || params.some(([k]) => k !== '_id' && k !== '_count'))) {
      return oracleRefusal('no supported search parameters provided: Specimen is searched by _id only'); // OD op-specimen-get; CC
    }
    if (ORACLE_NEEDS_PATIENT.has(type) && !has(params, '_id') && !has(params, 'patient') && !has(params, 'subject')) {
      return oracleRefusal('no supported search parameters provided: _id or patient is required');
    }
    // Page URLs built by the client (offsets) are not Oracle's; only its next links page (CR r4.md). Refusing them is an ASSUMPTION.
    if (has(params, '_offset')) return oracleRefusal('unknown parameter _offset: follow the Link header values');
    return undefined;
  },
  pageSize(type, n) {
    const rule = ORACLE_PAGE[type] ?? { dflt: DEFAULT_PAGE, max: MAX_PAGE }; // other types: "Default values vary" (OD); sandbox default (ASSUMPTION)
    return Math.min(n ?? rule.dflt, rule.max);
  },
  opaquePaging: true, // CR r4.md example next link: pageContext=…&direction=NEXT
  refuseBinaryAccept(accept, contentType) {
    // CR binary.md: Accept must be application/fhir+json or the attachment's contentType; application/json is refused.
    const types = accept.split(',').map((t) => t.split(';')[0]?.trim().toLowerCase() ?? '');
    if (types.includes('application/fhir+json') || (contentType && types.includes(contentType.toLowerCase())))
      return undefined;
    // The status (406) is an ASSUMPTION: the source says only that the type is not accepted.
    return oracleRefusal(`Accept must be application/fhir+json or ${contentType ?? 'the attachment content type'}`);
  },
  notServed: ['RiskAssessment'], // CC resource list; CR scope list
  // CR document-reference.md documents "Create … POST /DocumentReference"
  // with MIME types including text/plain.
  creatable: ['DocumentReference'],
  searchParams: { Specimen: ['_id'] }, // OD op-specimen-get; CC
  htmlAndRtfDocuments: false,
  token: { accessTtlSeconds: 570, rotateRefresh: false }, // CR authorization.md: 570 s; "will not contain a new refresh token"
};

export const MODE_RULES: Record<VendorMode, ModeRules> = { generic: GENERIC, epic: EPIC, oracle: ORACLE };

export function parseVendorMode(value: unknown): VendorMode | undefined {
  return VENDOR_MODES.find((m) => m === value);
}
