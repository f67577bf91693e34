// The CapabilityStatement served at /metadata: what this sandbox really supports, nothing more.
import { getSearchParameters } from '@medplum/core';
import type { CapabilityStatement } from '@medplum/fhirtypes';
import type { ModeRules } from './vendor-modes.ts';

/** Types served, with the interactions allowed on each. */
export const SERVED_TYPES: Record<string, ('read' | 'search-type' | 'create')[]> = {
  Patient: ['read', 'search-type'],
  Practitioner: ['read', 'search-type'],
  Encounter: ['read', 'search-type'],
  Observation: ['read', 'search-type'],
  DiagnosticReport: ['read', 'search-type'],
  Condition: ['read', 'search-type'],
  Procedure: ['read', 'search-type'],
  Specimen: ['read', 'search-type'],
  MedicationRequest: ['read', 'search-type'],
  MedicationAdministration: ['read', 'search-type'],
  Medication: ['read'],
  DocumentReference: ['read', 'search-type'],
  Binary: ['read'],
  RiskAssessment: ['read', 'search-type', 'create'],
};

type Interaction = 'read' | 'search-type' | 'create';

/** The types a vendor mode serves: its own removals, and create only where the mode accepts it. */
export function servedTypes(rules: Pick<ModeRules, 'notServed' | 'creatable'>): Record<string, Interaction[]> {
  const out: Record<string, Interaction[]> = {};
  for (const [type, interactions] of Object.entries(SERVED_TYPES)) {
    if (rules.notServed.includes(type)) continue;
    const base = interactions.filter((i) => i !== 'create');
    out[type] = rules.creatable.includes(type) ? [...base, 'create'] : base;
  }
  return out;
}

const ADVERTISED_PARAMS = [
  '_id',
  '_count',
  '_sort',
  'patient',
  'subject',
  'code',
  'category',
  'date',
  'status',
  'encounter',
  'identifier',
  'name',
  'birthdate',
  'gender',
  'specimen',
  'based-on',
];

export function capabilityStatement(
  fhirBase: string,
  ehrOrigin: string,
  rules: Pick<ModeRules, 'notServed' | 'creatable' | 'searchParams' | 'label'>,
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    software: { name: `Nodal Risk sandbox EHR (${rules.label})` },
    implementation: { description: 'Local sandbox FHIR R4 server (synthetic data only)', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${ehrOrigin}/auth/authorize` },
                { url: 'token', valueUri: `${ehrOrigin}/auth/token` },
              ],
            },
          ],
        },
        resource: Object.entries(servedTypes(rules)).map(([type, interactions]) => {
          const params = getSearchParameters(type) ?? {};
          const declared = rules.searchParams[type] ?? ADVERTISED_PARAMS;
          return {
            type: type as NonNullable<NonNullable<CapabilityStatement['rest']>[number]['resource']>[number]['type'],
            interaction: interactions.map((code) => ({ code })),
            searchParam: interactions.includes('search-type')
              ? declared
                  .filter((p) => p.startsWith('_') || params[p])
                  .map((name) => ({
                    name,
                    type:
                      name === '_count'
                        ? ('number' as const)
                        : name === '_sort'
                          ? ('string' as const)
                          : (params[name]?.type ?? 'token'),
                  }))
              : [],
          };
        }),
      },
    ],
  };
}
