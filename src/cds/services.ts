// The services this CDS Hooks endpoint offers (discovery) and what each one needs.
import { PREFETCH } from './prefetch.ts';
import type { HookName } from './request-schema.ts';

export interface ServiceDefinition {
  id: string;
  hook: HookName;
  title: string;
  description: string;
  prefetch: Record<string, string>;
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
    prefetch: PREFETCH,
    usageRequirements: USAGE,
  },
  {
    id: 'nodal-risk-order-sign',
    hook: 'order-sign',
    title: 'Nodal Risk: further axillary disease when ALND is signed',
    description:
      'When an axillary lymph node dissection order is signed, shows the estimate of further nodal disease and the trial evidence for the situation.',
    prefetch: PREFETCH,
    usageRequirements: USAGE,
  },
  {
    id: 'nodal-risk-patient-view',
    hook: 'patient-view',
    title: 'Nodal Risk: positive sentinel node awaiting an axillary decision',
    description:
      'When the chart of a patient with a positive sentinel node and no axillary dissection yet is opened, shows the estimate of further nodal disease and the trial evidence.',
    prefetch: PREFETCH,
    usageRequirements: USAGE,
  },
];

export const SERVICES_BY_ID: ReadonlyMap<string, ServiceDefinition> = new Map(SERVICES.map((s) => [s.id, s]));

/** The discovery document, serialised once. */
export const DISCOVERY_JSON = JSON.stringify({ services: SERVICES });
