// The services this CDS Hooks endpoint offers (discovery) and what each one needs. Discovery is
// answered per caller: it needs the client's signed JWT like every other call, so the service
// knows which trusted client asks, and advertises prefetch templates in that client's vendor
// plan (cds-trust.json `vendor`; docs/deploy-epic.md §5, deploy-oracle.md §5).
import { planFor, prefetchTemplates, type VendorProfile } from '../fhir/queries.ts';
import type { HookName } from './request-schema.ts';

export interface ServiceDefinition {
  id: string;
  hook: HookName;
  title: string;
  description: string;
  usageRequirements: string;
}

const USAGE =
  "Read access to the patient's Patient, Observation, DiagnosticReport, DocumentReference, Condition, Procedure, Specimen, MedicationRequest and MedicationAdministration resources (prefetch or fhirAuthorization).";

export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 'nodal-risk-order-select',
    hook: 'order-select',
    title: 'Nodal Risk: further axillary disease when ALND is selected',
    description:
      'When an axillary lymph node dissection is selected after a positive sentinel node biopsy, shows the published models’ estimate of further nodal disease and the trial evidence for the situation.',
    usageRequirements: USAGE,
  },
  {
    id: 'nodal-risk-order-sign',
    hook: 'order-sign',
    title: 'Nodal Risk: further axillary disease when ALND is signed',
    description:
      'When an axillary lymph node dissection order is signed, shows the estimate of further nodal disease and the trial evidence for the situation.',
    usageRequirements: USAGE,
  },
  {
    id: 'nodal-risk-patient-view',
    hook: 'patient-view',
    title: 'Nodal Risk: positive sentinel node awaiting an axillary decision',
    description:
      'When the chart of a patient with a positive sentinel node and no axillary dissection yet is opened, shows the estimate of further nodal disease and the trial evidence.',
    usageRequirements: USAGE,
  },
];

export const SERVICES_BY_ID: ReadonlyMap<string, ServiceDefinition> = new Map(SERVICES.map((s) => [s.id, s]));

const discoveryByVendor = new Map<VendorProfile, string>();

/** The discovery document for a client of this vendor (generic when it names none), serialised once per vendor. */
export function discoveryJson(vendor: VendorProfile = 'generic'): string {
  let json = discoveryByVendor.get(vendor);
  if (json === undefined) {
    const prefetch = prefetchTemplates(planFor(vendor).searches);
    json = JSON.stringify({
      services: SERVICES.map(({ id, hook, title, description, usageRequirements }) => ({
        id,
        hook,
        title,
        description,
        prefetch,
        usageRequirements,
      })),
    });
    discoveryByVendor.set(vendor, json);
  }
  return json;
}
