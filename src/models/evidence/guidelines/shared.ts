import type { ClinicalFacts } from '../../../domain/facts.ts';
import { isTrue } from '../read.ts';
import type { Tri } from '../types.ts';

/**
 * "No neoadjuvant chemotherapy": the input covers endocrine therapy too, so "yes" does not
 * say it was chemotherapy (unknown); "no" settles it.
 */
export function chemoBeforeSurgery(facts: ClinicalFacts): Tri {
  return isTrue(facts, 'neoadjuvantTherapy') === false ? false : undefined;
}
