// Pathology report text → findings (docs/fhir-mapping.md §6): CAP synoptic "Label: value" lines of
// all protocol versions (label-rules.ts), the free-text phrases pathologists write
// (free-text.ts), and CAP checklists rendered with marks (checklist.ts), of which only the marked
// answers are read. Each finding keeps the exact line(s) it came from. Lines that look like an
// item but cannot be read confidently are reported as unread.
import { BULLET_START, isRenderedChecklistLines, readChecklist, type ChecklistItem } from './checklist.ts';
import { splitLines } from './text.ts';
import { readFreeText } from './free-text.ts';
import { readLabelled, ruleFor } from './label-rules.ts';
import { finishClockSites, finishNodeCounts } from './node-totals.ts';
import { ParseState, partFrom, type ReportParse } from './state.ts';
import { keepSentinelScope, noteDissectionHeading } from './dissection-scope.ts';

export type { ReportFinding, ReportParse, SpecimenKind } from './state.ts';

const PART_HEADER = /^(?:part\s+)?([A-H])(?:[.):]|\s*[-–])\s+(\S.*)$/i;
const PART_WORD = /^part\s+([A-H])\b[.:]?\s*(.*)$/i;
/** Fred Hutch template "Sentinel nodes with carcinoma: X / Total sentinel nodes: Y" (§6). */
const HUTCH = /sentinel nodes? with carcinoma[\s:]+(\d{1,3})\s*\/\s*total sentinel nodes?[\s:]+(\d{1,3})/i;

/**
 * Whether PART_WORD or PART_HEADER can match at `at`: "part" in either case, or a letter A–H
 * followed by ".", ")", ":", a dash or white space (a character outside ASCII may be either dash or
 * space: such a line is left to the expressions). Most synoptic labels start with A–H too.
 */
export function mayBePartHeader(body: string, at = 0): boolean {
  // Only indices inside the text are read: a read past the end makes V8 re-optimise the callers.
  // Either heading takes a letter and at least two characters more.
  if (body.length < at + 3) return false;
  const first = body.charCodeAt(at) | 0x20; // ASCII lower case
  if (first === 0x70) {
    const part = body.length > at + 3 && lower(body, at + 1) === 0x61 && lower(body, at + 2) === 0x72;
    return part && lower(body, at + 3) === 0x74;
  }
  if (first < 0x61 || first > 0x68) return false; // a–h
  const next = body.charCodeAt(at + 1);
  return next === 0x2e || next === 0x29 || next === 0x3a || next === 0x2d || next <= 0x20 || next > 0x7f;
}

/** The ASCII lower case of the character at `i` ("A" and "a" alone give "a"). */
const lower = (text: string, i: number): number => text.charCodeAt(i) | 0x20;

/** An ASCII digit (a NaN code, past either end of the string, is none). */
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Splits "Label: value" at the last colon that is not inside a time ("10:30"). */
export function splitLabel(line: string): { label: string; value: string } | undefined {
  for (let i = line.lastIndexOf(':'); i > 0; i = line.lastIndexOf(':', i - 1)) {
    if (isDigit(line.charCodeAt(i - 1)) && isDigit(line.charCodeAt(i + 1))) continue;
    const label = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (!label) return undefined;
    return { label, value };
  }
  return undefined;
}

export interface ParseOptions {
  /** Why the whole report is about the completion dissection (from its FHIR context), if it is. */
  dissection?: string | undefined;
}

export function parseReportText(text: string, options: ParseOptions = {}): ReportParse {
  const st = new ParseState(text);
  const lines = splitLines(text);
  if (isRenderedChecklistLines(lines)) readChecklistAnswers(text, st);
  else for (const rawLine of lines) readLine(rawLine, st);
  finishNodeCounts(st);
  finishClockSites(st);
  keepSentinelScope(st, options.dissection);
  return { findings: st.findings, unread: st.unread };
}

function readLine(rawLine: string, st: ParseState): void {
  const line = rawLine.trim();
  if (!line) {
    st.inDcis = false;
    return;
  }
  // A line is read by a chain of expressions; where a character test shows one cannot match, it is
  // not run (each test below is what its expression needs first, so the answers are the same).
  const body = BULLET_START.includes(line[0]!) ? line.replace(/^[\s\-–•*+?#]+/, '').trim() : line;
  if (!body) return;
  const hutch = body.includes('/') ? HUTCH.exec(body) : null;
  if (hutch) {
    st.counts.slnPositive = { n: Number(hutch[1]), line };
    st.counts.slnExamined = { n: Number(hutch[2]), line };
    return;
  }
  const header = mayBePartHeader(body) ? (PART_WORD.exec(body) ?? PART_HEADER.exec(body)) : null;
  if (header) {
    st.part = partFrom(header[1]!, header[2] ?? '');
    st.parts.set(st.part.letter!, st.part);
    noteDissectionHeading(line, header[2] ?? '', '', st);
    st.inDcis = false;
    readFreeText(header[2] ?? '', line, st);
    return;
  }
  const split = splitLabel(body);
  if (split) noteDissectionHeading(line, split.label, split.value, st);
  if (!split?.value && /synoptic|case summary|checklist|cancer protocol/i.test(body)) {
    st.part = {};
    return;
  }
  if (split && split.value && readLabelled(split.label, split.value, line, st)) return;
  if (split && !split.value) {
    // A section heading ("Ductal Carcinoma In Situ:") sets context for the lines below it.
    st.inDcis = /DCIS|in situ/i.test(split.label);
    return;
  }
  readFreeText(body, line, st);
}

function readChecklistAnswers(text: string, st: ParseState): void {
  const { items, unread } = readChecklist(text, (q) => ruleFor(q)?.label);
  for (const u of unread) st.skip(u.line, u.reason);
  readAnswers(items, st);
}

/** Findings from the selected answers of a structured form (an SDC form or a rendered checklist). */
export function parseAnswers(items: ChecklistItem[], options: ParseOptions = {}): ReportParse {
  const st = new ParseState(items.map((i) => i.line).join('\n'));
  readAnswers(items, st);
  finishNodeCounts(st);
  finishClockSites(st);
  keepSentinelScope(st, options.dissection);
  return { findings: st.findings, unread: st.unread };
}

/**
 * Only chosen answers and plain "Label: value" lines are read; an answer is read under its own
 * label when it has one, else under its question (its filled-in value first), else as free text.
 * Unchosen options never reach a rule.
 */
function readAnswers(items: ChecklistItem[], st: ParseState): void {
  for (const item of items) {
    if (item.kind === 'labelled') {
      const split = splitLabel(item.answer);
      if (split?.value) readLabelled(split.label, split.value, item.line, st);
      continue;
    }
    // A fill-in answer names its own item ("Greatest dimension … (mm)): 13.0 mm"); else the question does.
    const own = splitLabel(item.answer);
    if (own?.value && readLabelled(own.label, own.value, item.line, st)) continue;
    if (item.question && item.response !== undefined && readLabelled(item.question, item.response, item.line, st))
      continue;
    if (item.question && readLabelled(item.question, item.answer, item.line, st)) continue;
    readFreeText(item.answer, item.line, st);
  }
}
