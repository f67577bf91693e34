// Synoptic "Label: value" items as a table of small rules: the first rule whose pattern matches
// the label reads the value. Each rule is testable on its own (test/report/label-rules.test.ts).
import type { InputName, InputValue } from '../domain/vocabulary.ts';
import { burdenFromPn, clinicalValue, isPostNeoadjuvant, leadingTnm, parseTnm, type TnmCategory } from './tnm.ts';
import {
  gradeFromTotalScore,
  parseBreastSurgery,
  parseClock,
  parseComponentScore,
  parseCount,
  parseErStatus,
  parseFocality,
  parseGrade,
  parseHer2Status,
  parseHistologicType,
  parseLengthMm,
  parsePercent,
  parsePresence,
  parsePrStatus,
  parseQuadrantWords,
  parseSide,
} from './phrases.ts';
import type { NodeCounts, ParseState } from './state.ts';

export interface LabelRule {
  /** Short name of the item, for tests and messages. */
  label: string;
  /** Tested against the lower-cased label. */
  pattern: RegExp;
  /** The label must not match this (e.g. "non-sentinel" for a sentinel count). */
  unless?: RegExp;
  /** The input the rule gives, or what it is for when it gives none. */
  input: InputName | 'context' | 'not an input';
  /** What the item means, in words. */
  meaning: string;
  read: (value: string, line: string, st: ParseState, label: string) => void;
}

/** A reader that gives one input from a phrase parser, or reports the line as not read. */
function phrase<V extends InputValue>(
  input: InputName,
  what: string,
  parse: (v: string) => V | undefined,
  extra?: { note?: string },
) {
  return (value: string, line: string, st: ParseState) => {
    const v = parse(value);
    if (v !== undefined) st.add(input, v, line, extra ?? {});
    else st.cannot(line, what);
  };
}

function length(input: InputName, what: string) {
  return (value: string, line: string, st: ParseState) => {
    const r = parseLengthMm(value);
    if (r && 'mm' in r) st.add(input, r.mm, line);
    else st.cannot(line, what);
  };
}

function count(key: keyof NodeCounts, what = 'lymph node count') {
  return (value: string, line: string, st: ParseState) => {
    const n = parseCount(value);
    if (n !== undefined) st.counts[key] = { n, line };
    else st.cannot(line, what);
  };
}

function bareGrade(value: string): 1 | 2 | 3 | undefined {
  const m = /^\s*([123])\b(?!\s*\/)/.exec(value);
  return m ? (Number(m[1]) as 1 | 2 | 3) : undefined;
}

/** Reads one TNM category: post-neoadjuvant prefix, (m) suffix, the nodal burden of pN, cT/cN. */
export function readTnm(t: TnmCategory, line: string, st: ParseState): void {
  if (isPostNeoadjuvant(t)) st.add('neoadjuvantTherapy', true, line, { note: `post-neoadjuvant staging ${t.text}` });
  const pathologic = t.prefix.endsWith('p');
  if (t.axis === 'T' && pathologic && t.suffixes.includes('(m)')) {
    st.add('multifocal', true, line, { note: `"(m)" suffix of ${t.text}` });
  }
  if (t.axis === 'N' && pathologic) {
    const burden = burdenFromPn(t);
    if (burden) st.add('nodalBurden', burden, line, { note: `from ${t.text}` });
    // pN0 (with or without ITCs) means no node holds a micro- or macrometastasis.
    if (t.category === 'N0' && !isPostNeoadjuvant(t) && (t.suffixes.includes('(sn)') || st.mentionsSentinel)) {
      st.add('slnPositive', 0, line, {
        note: `derived from ${t.text}: no node with a micro- or macrometastasis`,
        specimenKind: 'sentinel',
      });
    }
  }
  if (t.prefix === 'c') {
    const v = clinicalValue(t);
    if (v) st.add(t.axis === 'T' ? 'clinicalT' : 'clinicalN', v as InputValue, line);
  }
}

/**
 * The categories a staging value states. When the value starts with a category ("pN3b: Metastases
 * … in the presence of cN2b"), only that one counts: the rest is its definition.
 */
export function stagingTokens(value: string): TnmCategory[] {
  const lead = leadingTnm(value);
  return lead ? [lead] : parseTnm(value, false);
}

export const LABEL_RULES: readonly LabelRule[] = [
  {
    label: 'DCIS section',
    pattern: /\bdcis\b|carcinoma in situ|\bin situ\b(?! hybridi)/,
    unless: /invasive/,
    input: 'context',
    meaning: 'a DCIS item: the nuclear grade that follows is the DCIS grade',
    read: (value, _line, st) => {
      st.inDcis = parsePresence(value) !== false;
    },
  },
  {
    label: 'largest nodal deposit',
    pattern:
      /largest (nodal )?metastatic deposit|largest (nodal )?metastasis|size of (the )?largest (nodal )?(deposit|metastas)/,
    input: 'largestDepositMm',
    meaning: 'size of the largest nodal metastatic deposit',
    read: length('largestDepositMm', 'deposit size'),
  },
  {
    label: 'sentinel nodes examined',
    pattern: /^(?=.*sentinel)(?=.*(examined|removed|\btotal\b))/,
    unless: /non-?sentinel|with|positive|involved|metasta/,
    input: 'slnExamined',
    meaning: 'number of sentinel nodes examined',
    read: count('slnExamined', 'sentinel node count'),
  },
  {
    label: 'sentinel nodes with metastasis',
    pattern: /^(?=.*sentinel)(?=.*(with (carcinoma|metasta|tumou?r)|positive|involved))/,
    unless: /non-?sentinel/,
    input: 'slnPositive',
    meaning: 'number of sentinel nodes with metastasis',
    read: count('slnPositive', 'sentinel node count'),
  },
  {
    label: 'nodes with macrometastases',
    pattern: /macrometasta/,
    input: 'slnPositive',
    meaning: 'all nodes with a macrometastasis',
    read: count('macro'),
  },
  {
    label: 'nodes with micrometastases',
    pattern: /micrometasta/,
    input: 'slnPositive',
    meaning: 'all nodes with a micrometastasis',
    read: count('micro'),
  },
  {
    label: 'nodes with ITCs',
    pattern: /isolated tumou?r cells|\bitcs?\b/,
    input: 'slnItcOnly',
    meaning: 'all nodes with isolated tumour cells only',
    read: count('itc'),
  },
  {
    label: 'total nodes examined',
    pattern: /(total|number of) (number of )?(lymph )?nodes examined|^lymph nodes examined/,
    input: 'slnExamined',
    meaning: 'all nodes examined; sentinel only when it equals the sentinel count',
    read: count('totalExamined'),
  },
  {
    label: 'extranodal extension',
    pattern: /extranodal|extracapsular/,
    input: 'extranodalExtension',
    meaning: 'extranodal extension',
    read: phrase('extranodalExtension', 'extranodal extension', parsePresence),
  },
  {
    label: 'lymphovascular invasion',
    pattern: /lympho-?vascular|lymph-vascular|lymphatic (and ?\/? ?or|and|or) vascular|angiolymphatic|\blvi\b/,
    input: 'lvi',
    meaning: 'lymphovascular invasion',
    read: phrase('lvi', 'lymphovascular invasion', parsePresence),
  },
  {
    label: 'focality',
    pattern: /focality/,
    input: 'multifocal',
    meaning: 'single or multiple invasive foci',
    read: phrase('multifocal', 'focality', parseFocality),
  },
  {
    label: 'number of foci',
    pattern: /number of (invasive )?foci/,
    input: 'multifocal',
    meaning: 'two or more invasive foci are multifocal',
    read: (value, line, st) => {
      const n = parseCount(value);
      if (n !== undefined && n >= 1) st.add('multifocal', n >= 2, line);
      else st.cannot(line, 'number of foci');
    },
  },
  {
    label: 'additional dimension',
    pattern: /additional dimension/,
    input: 'not an input',
    meaning: 'a second dimension, not the size',
    read: () => {},
  },
  {
    label: 'tumour size',
    pattern:
      /tumou?r size|greatest dimension|largest invasive focus|size of invasive|invasive (tumou?r|carcinoma) size/,
    unless: /deposit|metasta|dcis|in situ/,
    input: 'tumorSizeMm',
    meaning: 'greatest dimension of the invasive tumour',
    read: length('tumorSizeMm', 'tumour size'),
  },
  {
    label: 'histologic type',
    pattern: /histologic(al)? type|tumou?r type/,
    input: 'histologicType',
    meaning: 'histologic type',
    read: phrase('histologicType', 'histologic type', parseHistologicType),
  },
  {
    label: 'nuclear pleomorphism',
    pattern: /nuclear pleomorphism/,
    input: 'nuclearGrade',
    meaning: 'Nottingham nuclear pleomorphism score',
    read: phrase('nuclearGrade', 'nuclear pleomorphism score', parseComponentScore, {
      note: 'Nottingham nuclear pleomorphism score',
    }),
  },
  {
    label: 'nuclear grade',
    pattern: /nuclear grade/,
    input: 'nuclearGrade',
    meaning: 'nuclear grade of the invasive tumour (not of DCIS)',
    read: (value, line, st) => {
      if (st.inDcis) return st.skip(line, 'nuclear grade of DCIS, not of the invasive tumour');
      phrase('nuclearGrade', 'nuclear grade', parseGrade)(value, line, st);
    },
  },
  {
    label: 'other Nottingham components',
    pattern: /tubul|glandular|mitotic/,
    input: 'not an input',
    meaning: 'tubule and mitotic scores',
    read: () => {},
  },
  {
    label: 'histologic grade',
    pattern: /\bgrade\b/,
    input: 'grade',
    meaning: 'Nottingham histologic grade',
    read: (value, line, st, label) => {
      if (st.inDcis) return;
      const v = parseGrade(value) ?? (/score/.test(label) ? undefined : bareGrade(value));
      if (v) st.add('grade', v, line);
      else st.cannot(line, 'histologic grade');
    },
  },
  {
    label: 'Nottingham total score',
    pattern: /(nottingham|total|combined|sbr) score/,
    input: 'grade',
    meaning: 'total score 3–5, 6–7, 8–9 → grade 1, 2, 3',
    read: (value, line, st) => {
      const m = /^\s*([3-9])\b(?:\s*\/\s*9)?/.exec(value);
      const v = m ? gradeFromTotalScore(Number(m[1])) : undefined;
      if (v) st.add('grade', v, line, { rank: 1, note: `from Nottingham total score ${m![1]}` });
      else st.cannot(line, 'Nottingham score');
    },
  },
  {
    label: 'tumour site',
    pattern: /tumou?r site|^site\b|^location\b|clock position/,
    input: 'quadrant',
    meaning: 'quadrant, or a clock position read with the side',
    read: (value, line, st) => {
      const q = parseQuadrantWords(value);
      const hours = parseClock(value);
      if (q) st.add('quadrant', q, line);
      else if (hours !== undefined) st.clockSites.push({ hours, line, part: st.part });
      else st.cannot(line, 'tumour site');
    },
  },
  {
    label: 'laterality',
    pattern: /laterality/,
    input: 'laterality',
    meaning: 'side of the specimen',
    read: phrase('laterality', 'laterality', parseSide),
  },
  {
    label: 'procedure',
    pattern: /^procedure\b|surgical procedure/,
    input: 'breastSurgery',
    meaning: 'breast-conserving surgery or mastectomy',
    read: (value, line, st) => {
      const v = parseBreastSurgery(value, true);
      if (v) st.add('breastSurgery', v, line);
    },
  },
  {
    label: 'treatment effect',
    pattern: /treatment effect|presurgical|neoadjuvant|preoperative (systemic )?therapy/,
    input: 'neoadjuvantTherapy',
    meaning: 'a stated response to presurgical therapy means it was given',
    read: (value, line, st) => {
      if (
        /no known (presurgical|preoperative|neoadjuvant)|no (prior )?(presurgical|preoperative|neoadjuvant)/i.test(
          value,
        )
      ) {
        st.add('neoadjuvantTherapy', false, line);
      } else if (/response|residual|treatment[- ]related|therapy[- ]related|post-?neoadjuvant/i.test(value)) {
        st.add('neoadjuvantTherapy', true, line);
      } else st.cannot(line, 'presurgical therapy');
    },
  },
  {
    label: 'Ki-67',
    pattern: /ki-?67|mib-?1/,
    input: 'ki67Percent',
    meaning: 'Ki-67 percentage',
    read: phrase('ki67Percent', 'Ki-67', parsePercent),
  },
  {
    label: 'receptor details',
    pattern: /percentage|intensity|allred|internal control|cep17|ratio|copy number|signals/,
    input: 'not an input',
    meaning: 'details of a receptor result, not its status',
    read: () => {},
  },
  {
    label: 'ER status',
    pattern: /estrogen|oestrogen|\ber\b/,
    unless: /progesterone|\bp[g]?r\b|her-?2/,
    input: 'erStatus',
    meaning: 'oestrogen receptor status',
    read: phrase('erStatus', 'ER status', parseErStatus),
  },
  {
    label: 'PR status',
    pattern: /progesterone|\bpg?r\b/,
    unless: /estrogen|oestrogen|her-?2/,
    input: 'prStatus',
    meaning: 'progesterone receptor status',
    read: phrase('prStatus', 'PR status', parsePrStatus),
  },
  {
    label: 'HER2 status',
    pattern: /her-?2|erbb2/,
    input: 'her2Status',
    meaning: 'HER2 status; ISH outranks IHC',
    read: (value, line, st, label) => {
      const v = parseHer2Status(value);
      const rank = /in situ hybridi[sz]ation|\bish\b|\bfish\b|\bcish\b|\bsish\b/.test(label)
        ? 1
        : /immunohisto|\bihc\b/.test(label)
          ? 2
          : 0;
      if (v) st.add('her2Status', v, line, { rank });
      else st.cannot(line, 'HER2 status');
    },
  },
  {
    label: 'regional lymph nodes',
    pattern: /^regional lymph nodes?( status)?$/,
    input: 'slnPositive',
    meaning: 'nodes "uninvolved by tumor cells": none positive, none with ITCs (sentinel nodes taken)',
    read: (value, line, st) => {
      if (!/uninvolved by tumou?r|all regional lymph nodes negative|negative for tumou?r/i.test(value)) return;
      if (!st.mentionsSentinel) return st.skip(line, 'uninvolved regional nodes, but no sentinel node is named');
      const note = `all nodes ${value.trim().toLowerCase()}`;
      st.add('slnPositive', 0, line, { specimenKind: 'sentinel', note });
      st.add('slnItcOnly', 0, line, { specimenKind: 'sentinel', note });
    },
  },
  {
    label: 'TNM descriptors',
    pattern: /tnm descriptors|modified classification/,
    input: 'multifocal',
    meaning: '"m" means multiple invasive foci; "y" means staging after presurgical therapy',
    read: (value, line, st) => {
      if (/^\s*\(?m\)?\b(?!\w)|multiple (foci|primary)/i.test(value) && !/not applicable/i.test(value)) {
        st.add('multifocal', true, line, { note: 'TNM descriptor "m"' });
      } else if (/^\s*\(?y\)?\b|post-?neoadjuvant/i.test(value)) {
        st.add('neoadjuvantTherapy', true, line, { note: 'TNM descriptor "y"' });
      }
    },
  },
  {
    label: 'TNM category',
    pattern:
      /\bp?[tn] (category|stage)|ptnm|stage classification|pathologic stage|primary tumou?r \(p?t\)|regional lymph nodes \(p?n\)|^\(?[pc]?[tn]\)?$/,
    input: 'nodalBurden',
    meaning: 'pT/pN/cT/cN categories: nodal burden, (m), post-neoadjuvant, clinical T/N',
    read: (value, line, st, label) => {
      const tokens = stagingTokens(value);
      const labelPrefix = /\bp[tn]\b|ptnm|patholog|\(p[tn]\)/.test(label)
        ? 'p'
        : /\bc[tn]\b|clinical/.test(label)
          ? 'c'
          : '';
      if (tokens.length === 0) return st.cannot(line, 'TNM category');
      for (const t of tokens) readTnm({ ...t, prefix: t.prefix || labelPrefix }, line, st);
    },
  },
];

// Reports repeat the same few dozen labels: each distinct label, as written, is lower-cased and
// matched against the rules once. Bounded, so a stream of unusual labels cannot grow it without limit.
const READING_OF_LABEL = new Map<string, { rule: LabelRule | undefined; lower: string }>();
const RULE_CACHE_SIZE = 2000;

function readingOf(label: string): { rule: LabelRule | undefined; lower: string } {
  let reading = READING_OF_LABEL.get(label);
  if (reading === undefined) {
    const lower = label.toLowerCase();
    reading = { rule: LABEL_RULES.find((r) => r.pattern.test(lower) && !r.unless?.test(lower)), lower };
    if (READING_OF_LABEL.size >= RULE_CACHE_SIZE) READING_OF_LABEL.clear();
    READING_OF_LABEL.set(label, reading);
  }
  return reading;
}

/** The rule for a label, if any. */
export function ruleFor(label: string): LabelRule | undefined {
  return readingOf(label).rule;
}

/** Reads a "Label: value" item; false when no rule knows the label. */
export function readLabelled(label: string, value: string, line: string, st: ParseState): boolean {
  const { rule, lower } = readingOf(label);
  if (!rule) return false;
  rule.read(value, line, st, lower);
  return true;
}
