// Which way "Save to chart" goes on this EHR, read from its CapabilityStatement and the granted
// scopes: a RiskAssessment where the server takes one, else a DocumentReference clinical note,
// else nothing (the card says why and offers print).
import { declaresInteraction } from '../../fhir/queries.ts';
import { canCreate } from '../load/scopes.ts';

export type SaveBranch =
  { kind: 'risk-assessment' } | { kind: 'document-reference' } | { kind: 'none'; reason: string };

export interface BranchInputs {
  /** The registration for this EHR allows write-back. */
  enabled: boolean;
  /** The server's CapabilityStatement; undefined when it could not be read. */
  capabilityStatement: unknown;
  grantedScope: string | undefined;
}

export function saveBranch({ enabled, capabilityStatement, grantedScope }: BranchInputs): SaveBranch {
  if (!enabled)
    return { kind: 'none', reason: 'saving to the chart is not enabled for this EHR in the Nodal Risk registration' };
  if (capabilityStatement === undefined)
    return { kind: 'none', reason: 'the EHR did not say (CapabilityStatement) what it accepts from apps' };
  const takes = (type: string) => declaresInteraction(capabilityStatement, type, 'create');
  if (takes('RiskAssessment') && canCreate(grantedScope, 'RiskAssessment')) return { kind: 'risk-assessment' };
  if (takes('DocumentReference') && canCreate(grantedScope, 'DocumentReference')) return { kind: 'document-reference' };
  if (takes('RiskAssessment') || takes('DocumentReference'))
    return { kind: 'none', reason: 'the EHR did not grant Nodal Risk permission to save' };
  return {
    kind: 'none',
    reason: 'this EHR accepts neither a RiskAssessment nor a clinical note (DocumentReference) from apps',
  };
}
