// Sentences a pathologist writes outside the synoptic items: staging written in prose, "multiple
// foci of invasive carcinoma", node sentences with a fraction, and the method that found the
// sentinel metastasis. Each reader is a small rule of its own.
import { parseTnm } from './tnm.ts';
import { readTnm } from './label-rules.ts';
import type { HistologicType, Side } from '../domain/vocabulary.ts';
import { parseFraction, parseHistologicType, parseSide } from './phrases.ts';
import type { ParseState, PartNodes } from './state.ts';
import { SENTINEL_WORDS } from './axillary-words.ts';

export const NEGATIVE_NODE =
  /negative for (metastatic )?(carcinoma|tumou?r|malignancy)|no (evidence of )?(metasta|tumou?r|carcinoma)|benign/i;

export function readFreeText(body: string, line: string, st: ParseState): void {
  for (const t of parseTnm(body, true)) readTnm(t, line, st);
  if (/multifocal|multiple foci/i.test(body) && /invasive/i.test(body) && !/not|no evidence/i.test(body)) {
    st.add('multifocal', true, line);
  }
  const mentionsNodes = /lymph nodes?|\bnodes?\b|\bSLNs?\b/i.test(body);
  const sentinelContext =
    st.part.kind === 'sentinel' ||
    SENTINEL_WORDS.test(body) ||
    (!st.part.kind && st.mentionsSentinel && !st.mentionsNonSentinel);
  if (mentionsNodes && sentinelContext) readNodeSentence(body, line, st);
  if (mentionsNodes || st.part.kind === 'sentinel') readDetectionMethod(body, line, st);
}

/** "Metastatic carcinoma in one of two lymph nodes (1/2)", "ITCs only (0/2)", "negative (0/1)". */
export function readNodeSentence(body: string, line: string, st: ParseState): void {
  const fraction = parseFraction(body);
  if (!fraction) return;
  const entry: PartNodes = { part: { ...st.part }, examined: fraction.denominator, lines: [line] };
  const itc = /isolated tumou?r cells|\bITCs?\b/i.test(body);
  const metastatic = /metasta|carcinoma|positive/i.test(body.replace(/isolated tumou?r cells|\bITCs?\b/gi, ''));
  if (itc && /\bonly\b/i.test(body) && fraction.numerator === 0) {
    entry.positive = 0;
    entry.burden = 'itc';
  } else if (itc && !/micro|macro|metastatic carcinoma/i.test(body)) {
    entry.itc = fraction.numerator;
    entry.positive = 0;
    if (fraction.numerator > 0) entry.burden = 'itc';
  } else if (NEGATIVE_NODE.test(body) && fraction.numerator === 0) {
    // "negative for metastatic carcinoma (0/1)": nothing in these nodes, ITCs included.
    entry.positive = 0;
    entry.itc = 0;
  } else if (metastatic && !itc) {
    entry.positive = fraction.numerator;
    if (/macrometasta/i.test(body)) entry.burden = 'macro';
    else if (/micrometasta/i.test(body)) entry.burden = 'micro';
  } else {
    st.cannot(line, 'node count');
    return;
  }
  st.partNodes.push(entry);
}

const FOUND = String.raw`(?:detected|identified|seen|evident|present|found|demonstrated)\s+(?:only\s+)?`;
const POSITIVE =
  /positive|metastatic carcinoma|carcinoma (is )?present|metastas[ie]s (is |are )?(present|identified)|micrometasta|macrometasta/i;
const FROZEN = /frozen section|intra-?operative/i;
const ROUTINE_HE = new RegExp(
  `${FOUND}(?:on|in|by)\\s+(?:the\\s+)?(?:routine|standard|initial|permanent)?\\s*(?:h\\s*&\\s*e|h and e|hematoxylin[- ]and[- ]eosin)`,
  'i',
);
const SERIAL_HE = new RegExp(
  `${FOUND}(?:on|in)\\s+(?:the\\s+)?(?:deeper|serial|step|additional)\\s+(?:levels|sections)`,
  'i',
);
const IHC = new RegExp(
  `${FOUND}(?:by|on|with|in)\\s+(?:the\\s+)?(?:cytokeratin|keratin|pan-?cytokeratin|immunohisto|ihc|ae1\\/ae3|cam ?5\\.2)`,
  'i',
);
const FROZEN_NEGATIVE =
  /(frozen section|intra-?operative)[^.;]{0,60}\b(negative|benign|no (evidence of )?(metasta|tumou?r|carcinoma)|not (identified|seen))|(negative|benign|not (identified|seen))[^.;]{0,30}\b(on|by|at) (the )?(frozen|intra-?operative)/i;

interface DetectionRule {
  value: 'frozen-section' | 'routine-he' | 'serial-he' | 'ihc';
  meaning: string;
  test: (body: string) => boolean;
}

/**
 * Least sensitive first, as the method that counts is the least sensitive one that showed the
 * metastasis: a frozen section stated negative never counts as the finding method.
 */
export const DETECTION_RULES: readonly DetectionRule[] = [
  {
    value: 'frozen-section',
    meaning: 'seen at intraoperative frozen section',
    test: (b) => FROZEN.test(b) && POSITIVE.test(b) && !NEGATIVE_NODE.test(b) && !FROZEN_NEGATIVE.test(b),
  },
  {
    value: 'routine-he',
    meaning: 'seen on routine H&E sections, or on permanent sections after a negative frozen section',
    test: (b) =>
      ROUTINE_HE.test(b) ||
      (/\b(permanent|paraffin) sections?\b/i.test(b) &&
        POSITIVE.test(b) &&
        (FROZEN_NEGATIVE.test(b) || !FROZEN.test(b))),
  },
  {
    value: 'serial-he',
    meaning: 'seen on deeper, serial or step sections',
    test: (b) => SERIAL_HE.test(b),
  },
  {
    value: 'ihc',
    meaning: 'seen only with cytokeratin immunohistochemistry',
    test: (b) => IHC.test(b),
  },
];

export function readDetectionMethod(body: string, line: string, st: ParseState): void {
  const rule = DETECTION_RULES.find((r) => r.test(body));
  if (rule) st.add('detectionMethod', rule.value, line);
}

const BREAST = /\bbreast\b/i;
/** Where a statement's sentences end: after "." or ";", or at a line break. */
const SENTENCE_END = /(?<=[.;])\s+|\n+/;
const NEGATION = /\b(no|not|negative|without|absent|free of|history of)\b/i;
const INVASIVE_TYPE =
  /\b(invasive|infiltrating)\s+(?:mammary\s+|breast\s+)?(?:ductal|duct|lobular|carcinoma of no special type|carcinoma with (?:mixed )?ductal and lobular features|mucinous|tubular|micropapillary|metaplastic|cribriform|apocrine)[^.;\n]*/i;

/**
 * Side and histologic type stated unambiguously in a short statement (a report's conclusion, a
 * specimen's description): one side of one breast, one invasive type, no negation around it.
 */
export function statedSideAndHistology(text: string): {
  side?: Side;
  sideText?: string;
  histology?: HistologicType;
  histologyText?: string;
} {
  const out: { side?: Side; sideText?: string; histology?: HistologicType; histologyText?: string } = {};
  // What no sentence can match, the whole text cannot either: most texts name neither, so skip the split.
  if (!BREAST.test(text) && !INVASIVE_TYPE.test(text)) return out;
  // One loop over the sentences, no array of them: map/filter results come in more than one shape,
  // and a shape not seen before made V8 re-optimise this function (docs/validation.md "Speed").
  const sides = new Set<Side>();
  let sideText: string | undefined;
  const types = new Set<HistologicType>();
  let histologyText: string | undefined;
  for (const raw of text.split(SENTENCE_END)) {
    const s = raw.trim();
    if (!s) continue;
    if (BREAST.test(s)) {
      const side = parseSide(s);
      if (side) {
        sides.add(side);
        sideText ??= s;
      } else if (/\bleft\b.*\bright\b|\bright\b.*\bleft\b|bilateral/i.test(s)) sides.add('left').add('right');
    }
    const m = INVASIVE_TYPE.exec(s);
    if (!m || NEGATION.test(s.slice(0, m.index + m[0].length))) continue;
    const h = parseHistologicType(m[0]);
    if (h) {
      types.add(h);
      histologyText ??= s;
    }
  }
  if (sides.size === 1 && sideText) {
    out.side = [...sides][0]!;
    out.sideText = sideText;
  }
  if (types.size === 1 && histologyText) {
    out.histology = [...types][0]!;
    out.histologyText = histologyText;
  }
  return out;
}
