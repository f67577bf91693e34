// CAP checklists rendered as text or HTML: each question is followed by its answer options, the
// chosen ones marked (✓ ☒ ☑ [x] (X) _X_ "X") and the others left unmarked (__ ☐ [ ] or nothing).
// Only marked options are answers; an unmarked option is a choice the pathologist did NOT make
// and must never become a fact. Pure: lines in, question/answer items out.
import { splitLines } from './text.ts';

/** A line of a checklist as the report parser reads it. */
export interface ChecklistItem {
  /** The question a marked option answers ("Specimen Laterality"), when one precedes it. */
  question?: string;
  /** The chosen answer without its mark, or the whole line for a "Label: value" line. */
  answer: string;
  /** The line as written (with its mark) and its question, for provenance. */
  line: string;
  kind: 'answer' | 'labelled';
  /** A filled-in value of the answer (SDC forms), read before the answer's words. */
  response?: string;
}

export interface ChecklistReading {
  items: ChecklistItem[];
  unread: { line: string; reason: string }[];
}

const MARKED = /^(?:[✓✔☒☑✗✘⊠■]|\[\s*[xX✓✔]\s*\]|\(\s*[xX✓✔]\s*\)|_+\s*[xX]\s*_+|"[xX]"|[xX](?=\s+[A-Z0-9(<>]))\s*/u;
const UNMARKED = /^(?:_{2,}|[☐□○◯]|\[\s*\]|\(\s*\))\s*/u;

/** Leading list bullets and CAP's "+" (optional item) and "?" (question) markers are not marks. */
function stripBullet(line: string): string {
  return line.replace(/^(?:[-–•*+?#]\s+|\+(?=\S))/, '').trim();
}

type LineKind = { kind: 'marked'; rest: string } | { kind: 'unmarked'; rest: string } | { kind: 'plain'; rest: string };

function classify(body: string): LineKind {
  const m = MARKED.exec(body);
  if (m && body.slice(m[0].length).trim()) return { kind: 'marked', rest: body.slice(m[0].length).trim() };
  const u = UNMARKED.exec(body);
  // A rule of underscores alone is a separator line, not an option.
  const rest = u ? body.slice(u[0].length).trim() : '';
  if (u && /[^_\s]/.test(rest)) return { kind: 'unmarked', rest };
  return { kind: 'plain', rest: body };
}

/** First characters a bullet (stripBullet) or a mark (MARKED, UNMARKED) can start with. */
export const BULLET_START = '-–•*+?#';
const MARK_START = '✓✔☒☑✗✘⊠■☐□○◯[(_"xX';

function countMarks(lines: readonly string[]): { marked: number; unmarked: number } {
  let marked = 0;
  let unmarked = 0;
  for (const raw of lines) {
    // Most lines of a report start with neither a bullet nor a mark: a character test settles
    // them without the regular expressions, with the same answer.
    const line = raw.trim();
    if (!line) continue;
    const body = BULLET_START.includes(line[0]!) ? stripBullet(line) : line;
    if (!body || !MARK_START.includes(body[0]!)) continue;
    const c = classify(body);
    if (c.kind === 'unmarked') unmarked++;
    if (c.kind === 'marked') marked++;
  }
  return { marked, unmarked };
}

/**
 * A rendered checklist: option lines with an unmarked token (__, ☐, [ ], ( )) beside others, or
 * at least two marked lines (the style that leaves unchosen options blank). A synoptic
 * "Label: value" report has neither.
 */
export function isRenderedChecklist(text: string): boolean {
  return isRenderedChecklistLines(splitLines(text));
}

/** isRenderedChecklist of a text already split at its line ends. */
export function isRenderedChecklistLines(lines: readonly string[]): boolean {
  const { marked, unmarked } = countMarks(lines);
  return (unmarked > 0 && marked + unmarked >= 2) || marked >= 2;
}

/** "Histologic Type (Note B)" → "Histologic Type"; a trailing colon goes too. */
function questionText(body: string): string {
  return body
    .replace(/\s*\((?:note|notes)\s+[A-Z](?:\s*(?:,|and)\s*[A-Z])*\)\s*/gi, ' ')
    .replace(/[:#*]+\s*$/, '')
    .trim();
}

function hasLabelShape(body: string): boolean {
  const i = body.lastIndexOf(':');
  return i > 0 && body.slice(i + 1).trim().length > 0 && !/\d:\d/.test(body.slice(i - 1, i + 2));
}

/**
 * The answers a checklist holds. A plain line directly followed by an option is a question; a
 * plain line among options with no mark of its own is an unmarked ("blank") option and is skipped
 * like any other unmarked one. Plain "Label: value" lines outside option lists are read as such.
 */
export function readChecklist(
  text: string,
  ruleOf: (question: string) => string | undefined = () => undefined,
): ChecklistReading {
  const lines = splitLines(text)
    .map((raw) => raw.trim())
    .filter((l) => l.length > 0)
    .map((line) => ({ line, body: stripBullet(line) }))
    .filter((l) => l.body.length > 0);
  const kinds = lines.map((l) => classify(l.body));
  // Without unmarked tokens, unchosen options are plain lines among the chosen ones.
  const blankStyle = !kinds.some((k) => k.kind === 'unmarked');
  const items: ChecklistItem[] = [];
  let question: string | undefined;
  let questionRule: string | undefined;
  const ask = (q: string) => {
    question = questionText(q);
    questionRule = ruleOf(question);
  };
  let marked = 0;
  for (let i = 0; i < lines.length; i++) {
    const { line, body } = lines[i]!;
    const k = kinds[i]!;
    const next = kinds[i + 1]?.kind;
    if (k.kind !== 'plain' && (next === 'marked' || next === 'unmarked') && !hasLabelShape(k.rest)) {
      // An option that opens options of its own ("✓ HER2 (by immunohistochemistry)" then "✓ Negative
      // (Score 0)") asks a new question when it names another item than the one being answered.
      const rule = ruleOf(questionText(k.rest));
      if (rule && rule !== questionRule) {
        ask(k.rest);
        continue;
      }
    }
    if (k.kind === 'marked') {
      marked++;
      const item: ChecklistItem = { answer: k.rest, line: question ? `${question}: ${line}` : line, kind: 'answer' };
      if (question) item.question = question;
      items.push(item);
      continue;
    }
    if (k.kind === 'unmarked') continue;
    const afterOption = i > 0 && kinds[i - 1]!.kind !== 'plain';
    if (blankStyle && afterOption && next !== 'marked') continue; // an unchosen option written without a mark
    if (next === 'marked' || next === 'unmarked') {
      ask(body);
      continue;
    }
    if (hasLabelShape(body)) items.push({ answer: body, line, kind: 'labelled' });
    else ask(body);
  }
  const unread =
    marked === 0 ? [{ line: lines[0]?.line ?? '', reason: 'checklist without any marked answer: nothing read' }] : [];
  return { items, unread };
}
