// Words for the vocabulary's coded values, so the card never shows "UOQ" or "serial-he".
import { INPUTS, formatInputValue, isInputName, type InputName, type InputValue } from '../../domain/vocabulary.ts';

const WORDS: Partial<Record<InputName, Record<string, string>>> = {
  detectionMethod: {
    'frozen-section': 'frozen section',
    'routine-he': 'routine H&E',
    'serial-he': 'deeper levels (serial H&E)',
    ihc: 'immunohistochemistry',
  },
  quadrant: {
    UOQ: 'upper outer quadrant',
    UIQ: 'upper inner quadrant',
    LOQ: 'lower outer quadrant',
    LIQ: 'lower inner quadrant',
    central: 'central',
    'axillary-tail': 'axillary tail',
    overlapping: 'overlapping quadrants',
  },
  frozenSectionInfo: { available: 'frozen section done', unavailable: 'no frozen section' },
  menopausalStatus: { pre: 'premenopausal', post: 'postmenopausal', unknown: 'unknown' },
  nodalBurden: { itc: 'isolated tumour cells', micro: 'micrometastasis', macro: 'macrometastasis' },
  erStatus: { 'low-positive': 'low positive' },
  breastSurgery: { 'breast-conserving': 'breast-conserving surgery', mastectomy: 'mastectomy' },
  itcNodesAs: {
    'left-out': 'left out of both counts',
    negative: 'counted as negative',
    positive: 'counted as positive',
  },
  erLowPositiveAs: { positive: 'counted as positive', negative: 'counted as negative' },
  grade: { 1: 'grade 1', 2: 'grade 2', 3: 'grade 3' },
  nuclearGrade: { 1: 'grade 1', 2: 'grade 2', 3: 'grade 3' },
};

/** One value in words with its unit: "upper outer quadrant", "18 mm", "yes". */
export function valueWords(name: InputName, value: InputValue): string {
  return WORDS[name]?.[String(value)] ?? formatInputValue(name, value);
}

const TERM_WORDS: Record<string, string> = {
  '√ negative sentinel nodes': 'Negative sentinel nodes',
  'Pathological size': 'Tumour size',
};

/** A model term's label in words (the square-root transform is the model's business, not the reader's). */
export function termWords(label: string): string {
  return TERM_WORDS[label] ?? label;
}

/** Why a resource was not used, without internal input names or raw code strings. */
export function ignoredReasonWords(reason: string): string {
  const named = /^([A-Za-z0-9]+): (.*)$/.exec(reason);
  const text =
    named && isInputName(named[1] ?? '') ? `${INPUTS[named[1] as InputName].label}: ${named[2] ?? ''}` : reason;
  return text
    .replace(/unknown code http:\/\/loinc\.org\|([\w-]+)/g, 'a LOINC code ($1) that no model uses')
    .replace(/unknown code (\S+)\|([\w-]+)/g, 'a code ($2 in $1) that no model uses');
}
