// What every reader of Procedures shares (the app's extraction, the dissection reader, validation
// outcomes): the statuses of a done procedure, its date, the words naming an axillary dissection.
import { field, type Json } from '../../domain/json.ts';
import { isoDate } from '../fields.ts';

export const DONE_PROCEDURE = new Set(['completed', 'in-progress']);
/** Words naming an axillary dissection in a Procedure's code text. */
export const ALND_PROCEDURE_WORDS = /axillary (lymph node )?dissection|excision of axillary lymph node/i;

export function performedDate(p: Json): string | undefined {
  return isoDate(p.performedDateTime) ?? isoDate(field(p.performedPeriod, 'start'));
}
