// The few unknowns that change which model applies or which form is used, asked once at the top
// in plain words instead of a warning under every model. An answer is a what-if edit.
import type { ClinicalFacts } from '../../domain/facts.ts';
import type { Overrides } from '../../domain/overrides.ts';
import type { InputName, InputValue } from '../../domain/vocabulary.ts';
import type { Assessment } from '../../models/evaluate.ts';

export interface PromptChoice {
  label: string;
  set: Partial<Record<InputName, InputValue>>;
}

export interface Prompt {
  id: string;
  question: string;
  /** What the card does while it is not answered. */
  unanswered: string;
  choices: PromptChoice[];
  /** The inputs an answer sets (all reset together). */
  inputs: InputName[];
  /** Model warnings this prompt says once for all models. */
  replaces: RegExp;
  /** The choice in force, when the answer is a what-if edit. */
  answer?: PromptChoice;
}

const missing = (facts: ClinicalFacts, name: InputName) => facts[name].status === 'missing';

function answerOf(choices: PromptChoice[], overrides: Overrides, inputs: InputName[]): PromptChoice | undefined {
  if (!inputs.some((n) => overrides[n] !== undefined)) return undefined;
  return choices.find((c) => inputs.every((n) => overrides[n] === c.set[n]));
}

function withAnswer(p: Omit<Prompt, 'answer'>, overrides: Overrides): Prompt {
  const answer = answerOf(p.choices, overrides, p.inputs);
  return answer ? { ...p, answer } : p;
}

const NEOADJUVANT: Omit<Prompt, 'answer'> = {
  id: 'neoadjuvant',
  question: 'Was systemic therapy given before surgery?',
  unanswered: 'Not recorded — the models assume not; none of them applies if it was.',
  choices: [
    { label: 'No', set: { neoadjuvantTherapy: false } },
    { label: 'Yes', set: { neoadjuvantTherapy: true } },
  ],
  inputs: ['neoadjuvantTherapy'],
  replaces: /^Systemic therapy before surgery is not recorded/,
};

const CLINICAL_N: Omit<Prompt, 'answer'> = {
  id: 'clinical-n',
  question: 'Were the axillary nodes clinically negative before surgery?',
  unanswered: 'Not recorded — the models were built in clinically node-negative (cN0) patients.',
  choices: [
    { label: 'Yes (cN0)', set: { clinicalN: 'cN0' } },
    { label: 'No, palpable nodes (cN1)', set: { clinicalN: 'cN1' } },
  ],
  inputs: ['clinicalN'],
  replaces: /^Clinical nodal status is not recorded/,
};

const FROZEN_SECTION: Omit<Prompt, 'answer'> = {
  id: 'frozen-section',
  question: 'Was a frozen section of the sentinel node done?',
  unanswered: 'Not recorded — it decides which form of the MSKCC nomogram applies.',
  choices: [
    { label: 'Yes, positive', set: { frozenSectionInfo: 'available', detectionMethod: 'frozen-section' } },
    { label: 'Yes, negative', set: { frozenSectionInfo: 'available', detectionMethod: undefined } },
    { label: 'Not done', set: { frozenSectionInfo: 'unavailable', detectionMethod: undefined } },
  ],
  inputs: ['frozenSectionInfo', 'detectionMethod'],
  replaces: /^$/,
};

const DETECTION: Omit<Prompt, 'answer'> = {
  id: 'detection',
  question: 'How was the metastasis found?',
  unanswered: 'Not recorded — the MSKCC nomogram needs the method that first showed it.',
  choices: [
    { label: 'Routine H&E', set: { detectionMethod: 'routine-he' } },
    { label: 'Deeper levels (serial H&E)', set: { detectionMethod: 'serial-he' } },
    { label: 'Immunohistochemistry', set: { detectionMethod: 'ihc' } },
  ],
  inputs: ['detectionMethod'],
  replaces: /^$/,
};

/**
 * The prompts for this patient: asked from the record (so an answered one stays, marked and
 * resettable), only while a model could still use the answer.
 */
export function promptsFor(
  record: ClinicalFacts,
  facts: ClinicalFacts,
  overrides: Overrides,
  a: Pick<Assessment, 'models'>,
): Prompt[] {
  const out: Prompt[] = [];
  const anyModel = a.models.some((m) => m.result !== 'not-applicable') || overrides.neoadjuvantTherapy !== undefined;
  if (missing(record, 'neoadjuvantTherapy') && anyModel) out.push(withAnswer(NEOADJUVANT, overrides));
  if (missing(record, 'clinicalN') && a.models.some((m) => m.warnings.some((w) => CLINICAL_N.replaces.test(w))))
    out.push(withAnswer(CLINICAL_N, overrides));
  const mskcc = a.models.some((m) => m.id.startsWith('mskcc') && m.result !== 'not-applicable');
  if (!mskcc || !missing(record, 'detectionMethod')) return out;
  if (missing(record, 'frozenSectionInfo')) {
    const fs = FROZEN_SECTION;
    const answer = fs.choices.find(
      (c) =>
        overrides.frozenSectionInfo === c.set.frozenSectionInfo &&
        (c.set.detectionMethod !== 'frozen-section' || overrides.detectionMethod === 'frozen-section'),
    );
    out.push(answer ? { ...fs, answer } : fs);
  }
  const fsDone = facts.frozenSectionInfo.status === 'present';
  if (fsDone && (facts.detectionMethod.status !== 'present' || facts.detectionMethod.value !== 'frozen-section'))
    out.push(withAnswer(DETECTION, overrides));
  return out;
}
