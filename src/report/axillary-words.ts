// The words that tell the two axillary operations apart, in a Procedure's code text, a Specimen's
// description or a report part's heading: the sentinel node biopsy, and the axillary dissection
// whose nodes are not sentinel nodes. One reading for the extraction, the report-text reader and
// the validation outcomes (src/fhir/extract/procedure-reading.ts applies it to resources).
import { allMatches } from './matches.ts';

/** "sentinel", but not "non-sentinel" (nor "nonsentinel", "non sentinel"). */
export const SENTINEL_WORDS = /(?<!non[- ]?)sentinel/i;

/** A sentinel node biopsy named as an operation ("Sentinel lymph node biopsy", "SLNB"). */
const SENTINEL_PROCEDURE = /(?<!non[- ]?)sentinel (lymph )?nodes?|sentinel lymphadenectomy|\bSLNB\b/i;

/** An axillary dissection named as an operation, or its specimen named by its contents. */
const ALND_WORDS =
  /axillary (lymph node )?(dissection|clearance)|excision of axillary lymph node|axillary contents|completion (axillary )?(lymph node )?dissection|\bALND\b/i;

/** Nodes that are not sentinel nodes: a specimen or report part of the dissection. */
const NON_SENTINEL_SPECIMEN = new RegExp(`${ALND_WORDS.source}|non[- ]?sentinel|\\blevels? (I|1|II|2)\\b`, 'i');

/** "without axillary dissection", "no ALND", "axillary dissection not performed". */
const NEGATED_BEFORE = /\b(without|no|not|omit(ted|ting)?|omission of|avoid(ed|ing)?)\b[^.;,]{0,24}$/i;
const NEGATED_AFTER = /^[^.;,]{0,12}\b(not (performed|done)|omitted|deferred|declined)\b/i;

/** The global form of each (non-global) word pattern, built once: report lines are read by the thousand. */
const GLOBAL_FORMS = new Map<RegExp, RegExp>();

/** Some match of `words` in `text` is not negated. */
function affirmed(words: RegExp, text: string): boolean {
  // Most lines name neither operation: one plain test settles them.
  if (!words.test(text)) return false;
  let all = GLOBAL_FORMS.get(words);
  if (!all) GLOBAL_FORMS.set(words, (all = new RegExp(words.source, 'gi')));
  for (const m of allMatches(all, text)) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    if (!NEGATED_BEFORE.test(before) && !NEGATED_AFTER.test(after)) return true;
  }
  return false;
}

/** The text names a sentinel node biopsy ("Sentinel lymph node biopsy with axillary dissection" names both). */
export function namesSentinelBiopsy(text: string): boolean {
  return affirmed(SENTINEL_PROCEDURE, text);
}

/** The text names an axillary dissection that was done (not "without axillary dissection"). */
export function namesAxillaryDissection(text: string): boolean {
  return affirmed(ALND_WORDS, text);
}

/**
 * The text names nodes of the dissection and not the sentinel nodes: "LEFT AXILLARY CONTENTS,
 * COMPLETION DISSECTION", "non-sentinel lymph nodes", "level I and II lymph nodes". A text that also
 * names the sentinel nodes ("sentinel and non-sentinel") is not only the dissection.
 */
export function namesDissectionNodes(text: string): boolean {
  return namesNonSentinelNodes(text) && !SENTINEL_WORDS.test(text);
}

/**
 * The text names the sentinel nodes and no others: "Sentinel lymph node #1", not "Non-sentinel
 * lymph nodes", "sentinel and non-sentinel", nor "axillary contents after a positive sentinel node".
 */
export function namesSentinelNodesOnly(text: string): boolean {
  return SENTINEL_WORDS.test(text) && !namesNonSentinelNodes(text);
}

/** The text names nodes that are not sentinel nodes, alone or with sentinel nodes ("sentinel and non-sentinel"). */
export function namesNonSentinelNodes(text: string): boolean {
  return affirmed(NON_SENTINEL_SPECIMEN, text);
}
