// Which observed outcome a model predicts: any further node at completion ALND ("nsn"), or four
// or more involved nodes, pN2–3 ("pn2"). Read from the model's outcome wording, so a locally
// configured model of either endpoint is validated against the right outcome.
import type { ModelDefinition } from '../models/definition.ts';
import type { Outcome } from './outcomes.ts';

export type Endpoint = 'nsn' | 'pn2';

export function endpointOf(model: Pick<ModelDefinition, 'outcome'>): Endpoint {
  return /four or more|≥ ?4|pN2/i.test(model.outcome) ? 'pn2' : 'nsn';
}

/** The 0/1 outcome for an endpoint, or undefined when the record does not give it. */
export function outcomeFor(endpoint: Endpoint, outcome: Outcome): 0 | 1 | undefined {
  if (endpoint === 'nsn') return outcome.nsnPositive;
  return outcome.pn2 === undefined ? undefined : outcome.pn2 ? 1 : 0;
}
