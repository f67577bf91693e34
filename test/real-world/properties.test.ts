// Issue 11's properties, through the public pipeline only: an unmarked checklist option never
// becomes a fact; shuffling the resources or adding another patient's resources never changes the
// chosen patient's facts; an age never depends on "today".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClinicalFacts, Fact } from '../../src/domain/facts.ts';
import { INPUT_NAMES, type InputName, type InputValue } from '../../src/domain/vocabulary.ts';
import { assessResources } from '../../src/pipeline.ts';
import { loadRealWorldFixture, realWorldFixtureIds, type RealWorldFixture } from './score.ts';

const fixtures = realWorldFixtureIds().map(loadRealWorldFixture);

function assess(
  resources: unknown[],
  patientId: string,
  binaries: Record<string, string>,
  now = new Date(),
): ClinicalFacts {
  return assessResources(structuredClone(resources), { patientId, now, binaries }).inputs;
}

/** What a clinician sees of a fact: its status and value(s), not the order of its sources. */
function shown(fact: Fact): string {
  if (fact.status === 'present') return `present ${JSON.stringify(fact.value)}`;
  if (fact.status === 'conflict')
    return `conflict ${fact.candidates
      .map((c) => JSON.stringify(c.value))
      .sort()
      .join(' | ')}`;
  return 'missing';
}

function shownFacts(facts: ClinicalFacts): Record<string, string> {
  return Object.fromEntries(INPUT_NAMES.map((n) => [n, shown(facts[n] as Fact)]));
}

/** The inputs whose shown fact changed, as "input: before -> after". */
function changes(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} -> ${after[k]}`);
}

// ---- 1. Unmarked checklist options ---------------------------------------------------------

interface Option {
  text: string;
  /** What the option states when it is marked (nothing for options never marked here). */
  means?: { input: InputName; value: InputValue };
}

interface Question {
  label: string;
  options: Option[];
}

// Answer texts as CAP breast resection checklists word them.
const QUESTIONS: Question[] = [
  {
    label: 'Procedure',
    options: [
      { text: 'Excision (less than total mastectomy)', means: { input: 'breastSurgery', value: 'breast-conserving' } },
      {
        text: 'Total mastectomy (including nipple-sparing and skin-sparing mastectomy)',
        means: { input: 'breastSurgery', value: 'mastectomy' },
      },
    ],
  },
  {
    label: 'Specimen Laterality',
    options: [
      { text: 'Right', means: { input: 'laterality', value: 'right' } },
      { text: 'Left', means: { input: 'laterality', value: 'left' } },
      { text: 'Not specified' },
    ],
  },
  {
    label: 'Tumor Site',
    options: [
      { text: 'Upper outer quadrant', means: { input: 'quadrant', value: 'UOQ' } },
      { text: 'Lower inner quadrant', means: { input: 'quadrant', value: 'LIQ' } },
      { text: 'Central', means: { input: 'quadrant', value: 'central' } },
    ],
  },
  {
    label: 'Histologic Type',
    options: [
      { text: 'Invasive carcinoma of no special type (ductal)', means: { input: 'histologicType', value: 'ductal' } },
      { text: 'Invasive lobular carcinoma', means: { input: 'histologicType', value: 'lobular' } },
      {
        text: 'Invasive carcinoma with mixed ductal and lobular features',
        means: { input: 'histologicType', value: 'mixed' },
      },
    ],
  },
  {
    label: 'Overall Grade',
    options: [
      { text: 'Grade 1 (scores of 3, 4, or 5)', means: { input: 'grade', value: 1 } },
      { text: 'Grade 2 (scores of 6 or 7)', means: { input: 'grade', value: 2 } },
      { text: 'Grade 3 (scores of 8 or 9)', means: { input: 'grade', value: 3 } },
    ],
  },
  {
    label: 'Tumor Focality',
    options: [
      { text: 'Single focus of invasive carcinoma', means: { input: 'multifocal', value: false } },
      { text: 'Multiple foci of invasive carcinoma', means: { input: 'multifocal', value: true } },
      { text: 'Cannot be determined' },
    ],
  },
  {
    label: 'Lymphovascular Invasion',
    options: [
      { text: 'Not identified', means: { input: 'lvi', value: false } },
      { text: 'Present', means: { input: 'lvi', value: true } },
      { text: 'Cannot be determined' },
    ],
  },
  {
    label: 'Modified Classification',
    options: [
      { text: 'Not applicable' },
      { text: 'y (post-neoadjuvant therapy)', means: { input: 'neoadjuvantTherapy', value: true } },
      { text: 'r (recurrence)' },
    ],
  },
  {
    label: 'pN Category',
    options: [
      {
        text: 'pN0: No regional lymph node metastasis identified or ITCs only',
        means: { input: 'slnPositive', value: 0 },
      },
      { text: 'pN1mi: Micrometastases (approximately 200 cells, larger than 0.2 mm, but none larger than 2.0 mm)' },
      {
        text: 'pN3b: pN1a or pN2a in the presence of cN2b (positive internal mammary nodes by imaging); or pN2a in the presence of pN1b',
      },
      {
        text: 'pN2b: Metastases in clinically detected internal mammary lymph nodes with or without microscopic confirmation; with pathologically negative axillary lymph nodes',
      },
    ],
  },
  {
    label: 'Extranodal Extension',
    options: [
      { text: 'Not identified', means: { input: 'extranodalExtension', value: false } },
      { text: 'Present, 2 mm or less', means: { input: 'extranodalExtension', value: true } },
    ],
  },
  {
    label: 'Estrogen Receptor (ER) Status',
    options: [
      {
        text: 'Positive (greater than 10% of cells demonstrate nuclear positivity)',
        means: { input: 'erStatus', value: 'positive' },
      },
      {
        text: 'Low Positive (1-10% of cells with nuclear positivity)',
        means: { input: 'erStatus', value: 'low-positive' },
      },
      { text: 'Negative', means: { input: 'erStatus', value: 'negative' } },
    ],
  },
  {
    label: 'HER2 (by immunohistochemistry)',
    options: [
      { text: 'Negative (Score 0)', means: { input: 'her2Status', value: 'negative' } },
      { text: 'Equivocal (Score 2+)', means: { input: 'her2Status', value: 'equivocal' } },
      { text: 'Positive (Score 3+)', means: { input: 'her2Status', value: 'positive' } },
    ],
  },
];

const MARKED = ['✓', '☒', '[x]', '(X)', 'X'];
const UNMARKED = ['__', '☐', '[ ]', ''];

interface Checklist {
  /** Per question: the index of the marked option, or -1 when none is marked. */
  marked: number[];
  markedSign: string[];
  unmarkedSign: string[];
  html: boolean;
}

const checklistArb: fc.Arbitrary<Checklist> = fc.record({
  marked: fc.tuple(...QUESTIONS.map((q) => fc.integer({ min: -1, max: q.options.length - 1 }))),
  markedSign: fc.array(fc.constantFrom(...MARKED), { minLength: QUESTIONS.length, maxLength: QUESTIONS.length }),
  unmarkedSign: fc.array(fc.constantFrom(...UNMARKED), { minLength: 40, maxLength: 40 }),
  html: fc.boolean(),
});

function render(c: Checklist): string {
  let u = 0;
  const lines: string[] = [];
  QUESTIONS.forEach((q, qi) => {
    lines.push(c.html ? `<p><b>${q.label}</b></p><p style="margin-left: 20px;">` : `${q.label}`);
    q.options.forEach((o, oi) => {
      const sign = oi === c.marked[qi] ? c.markedSign[qi]! : c.unmarkedSign[u++ % c.unmarkedSign.length]!;
      lines.push(
        c.html
          ? `<span style="display: inline-block; width: 20px;">${sign}</span> ${o.text}<br/>`
          : `  ${sign} ${o.text}`,
      );
    });
    if (c.html) lines.push('</p>');
  });
  const body = lines.join('\n');
  return c.html
    ? `<div xmlns="http://www.w3.org/1999/xhtml"><p><b>INVASIVE CARCINOMA OF THE BREAST: Resection</b></p>\n${body}</div>`
    : `INVASIVE CARCINOMA OF THE BREAST: Resection\n${body}\n`;
}

function checklistResources(c: Checklist): unknown[] {
  const text = render(c);
  return [
    { resourceType: 'Patient', id: 'p-checklist', gender: 'female', birthDate: '1960-05-01' },
    {
      resourceType: 'DiagnosticReport',
      id: 'r-checklist',
      status: 'final',
      category: [{ coding: [{ system: 'http://loinc.org', code: 'LP7839-6', display: 'Pathology' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '60568-3', display: 'Pathology Synoptic report' }] },
      subject: { reference: 'Patient/p-checklist' },
      effectiveDateTime: '2025-03-18',
      presentedForm: [
        { contentType: c.html ? 'text/html' : 'text/plain', data: Buffer.from(text, 'utf8').toString('base64') },
      ],
    },
  ];
}

/** Facts the marked options allow. */
function allowed(c: Checklist): Map<InputName, Set<InputValue>> {
  const out = new Map<InputName, Set<InputValue>>();
  QUESTIONS.forEach((q, qi) => {
    const means = c.marked[qi]! >= 0 ? q.options[c.marked[qi]!]!.means : undefined;
    if (means) out.set(means.input, new Set([...(out.get(means.input) ?? []), means.value]));
  });
  return out;
}

describe('a rendered checklist', () => {
  it('never turns an unmarked option into a fact', () => {
    fc.assert(
      fc.property(checklistArb, (c) => {
        const facts = assess(checklistResources(c), 'p-checklist', {});
        const ok = allowed(c);
        for (const name of INPUT_NAMES) {
          const fact = facts[name] as Fact;
          if (fact.status !== 'present') continue;
          // Not read from the checklist: sex and age come from the Patient (the age anchor has its own property below);
          // slnNegative and nodalBurden are derived from the counts checked here.
          if (name === 'sex' || name === 'ageYears' || name === 'slnNegative' || name === 'nodalBurden') continue;
          // Derived facts (e.g. multicentric = false from a single focus, slnMacroCount 0 from 0 positive
          // nodes) follow from the facts checked here: a wrong one would need a wrong source fact.
          if (fact.origin === 'derived') continue;
          const values = ok.get(name);
          expect(values?.has(fact.value), `${name} = ${JSON.stringify(fact.value)} from\n${render(c)}`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

// ---- 2. Order and other patients' resources ------------------------------------------------

/** The same record as another patient: every id, reference and patient identifier renamed. */
function asAnotherPatient(resources: unknown[], tag: string): unknown[] {
  const rename = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => rename(v));
    if (typeof value !== 'object' || value === null) {
      if (typeof value !== 'string') return value;
      if (key === 'id') return `${tag}${value}`;
      if (key === 'url' && value.startsWith('Binary/')) return `Binary/${tag}${value.slice('Binary/'.length)}`;
      if (key === 'reference') {
        const urn = /^urn:uuid:(.+)$/.exec(value);
        if (urn) return `urn:uuid:${tag}${urn[1]}`;
        const rel = /^([A-Z][A-Za-z]+)\/([^/?]+)$/.exec(value);
        if (rel) return `${rel[1]}/${tag}${rel[2]}`;
      }
      return value;
    }
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = rename(v, k);
    if (obj.resourceType === 'Patient' && Array.isArray(obj.identifier)) {
      out.identifier = (obj.identifier as Record<string, unknown>[]).map((i) => ({
        ...i,
        value: `${tag}${String(i.value)}`,
      }));
    }
    return out;
  };
  return resources.map((r) => rename(structuredClone(r)));
}

function baseline(f: RealWorldFixture): Record<string, string> {
  return shownFacts(assess(f.resources, f.expected.patientId, f.binaries));
}

describe.each(fixtures.map((f) => [f.id, f] as const))('the chosen patient of %s', (_id, f) => {
  const before = baseline(f);

  it('keeps the same facts whatever the order of the resources', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...f.resources.keys()], { minLength: f.resources.length, maxLength: f.resources.length }),
        (order) => {
          const shuffled = order.map((i) => f.resources[i]);
          expect(changes(before, shownFacts(assess(shuffled, f.expected.patientId, f.binaries))).join('\n')).toBe('');
        },
      ),
      { numRuns: 8 },
    );
  });

  it("keeps the same facts when another patient's resources are added", () => {
    // Every other fixture, renamed into a distinct patient, added before the chosen patient's resources.
    const changed = fixtures
      .filter((o) => o.id !== f.id)
      .flatMap((other) => {
        const tag = `other-${other.id}-`;
        const extra = asAnotherPatient(other.resources, tag);
        const binaries = {
          ...f.binaries,
          ...Object.fromEntries(
            Object.entries(other.binaries).map(([k, v]) => [k.replace('Binary/', `Binary/${tag}`), v]),
          ),
        };
        const after = shownFacts(assess([...extra, ...f.resources], f.expected.patientId, binaries));
        return changes(before, after).map((c) => `with ${other.id}: ${c}`);
      });
    expect(changed.join('\n')).toBe('');
  });

  it('never computes an age against today', () => {
    const at = (iso: string) =>
      shown(assess(f.resources, f.expected.patientId, f.binaries, new Date(iso)).ageYears as Fact);
    expect(at('2031-07-01T00:00:00Z')).toBe(at('2061-01-15T00:00:00Z'));
  });
});
