// What the report-text rules share while reading one report: the findings so far, the lines not
// read, the node counts waiting for the sentinel rules, and the context (part, DCIS section).
import type { InputName, InputValue, Side } from '../domain/vocabulary.ts';
import { parseSide } from './phrases.ts';
import { namesNonSentinelNodes, SENTINEL_WORDS } from './axillary-words.ts';

/** `dissection`: nodes that are not sentinel nodes (axillary contents, non-sentinel nodes). */
export type SpecimenKind = 'sentinel' | 'dissection' | 'axillary' | 'core' | 'excision';

export interface ReportFinding {
  input: InputName;
  value: InputValue;
  /** The exact line(s) of the report the value was read from. */
  lines: string[];
  /** Part letter (A, B…) when the report has parts. */
  part?: string;
  side?: Side;
  specimenKind?: SpecimenKind;
  /** Lower = more specific measure of the same thing (HER2 ISH over IHC; grade over total score). */
  rank?: number;
  note?: string;
  /** Read with the side the report states (a clock position): void when the side is contradicted. */
  sideDependent?: true;
}

export interface ReportParse {
  findings: ReportFinding[];
  unread: { line: string; reason: string }[];
}

export interface Part {
  letter?: string;
  side?: Side;
  kind?: SpecimenKind;
  /** The part's heading as written ("LEFT AXILLARY CONTENTS, COMPLETION DISSECTION"). */
  heading?: string;
}

export interface Counted {
  n: number;
  line: string;
}

/** Raw synoptic node counts before the rules that turn them into sentinel counts. */
export interface NodeCounts {
  slnExamined?: Counted;
  slnPositive?: Counted;
  totalExamined?: Counted;
  macro?: Counted;
  micro?: Counted;
  itc?: Counted;
}

/** Node counts read from one part's free text ("metastatic carcinoma in one of two lymph nodes (1/2)"). */
export interface PartNodes {
  part: Part;
  examined?: number;
  positive?: number;
  itc?: number;
  burden?: 'itc' | 'micro' | 'macro';
  lines: string[];
}

export function partFrom(letter: string, description: string): Part {
  const part: Part = { letter: letter.toUpperCase(), heading: description.trim() };
  const side = parseSide(description);
  if (side) part.side = side;
  const sentinel = SENTINEL_WORDS.test(description);
  // A part of sentinel and non-sentinel nodes together is neither.
  if (namesNonSentinelNodes(description)) part.kind = sentinel ? 'axillary' : 'dissection';
  else if (sentinel) part.kind = 'sentinel';
  else if (/axill|lymph node/i.test(description)) part.kind = 'axillary';
  else if (/core|needle biopsy/i.test(description)) part.kind = 'core';
  else if (/breast|lumpectomy|mastectomy|excision/i.test(description)) part.kind = 'excision';
  return part;
}

export class ParseState {
  readonly findings: ReportFinding[] = [];
  readonly unread: ReportParse['unread'] = [];
  readonly counts: NodeCounts = {};
  readonly partNodes: PartNodes[] = [];
  readonly clockSites: { hours: number; line: string; part: Part }[] = [];
  readonly mentionsSentinel: boolean;
  readonly mentionsNonSentinel: boolean;
  /** Parts by letter, to tell a finding's part. */
  readonly parts = new Map<string, Part>();
  /** The first line saying the report covers nodes of the dissection (a heading, the specimen). */
  coversDissection: string | undefined;
  part: Part = {};
  /** Inside a DCIS section, whose nuclear grade is not the invasive tumour's. */
  inDcis = false;

  constructor(text: string) {
    this.mentionsNonSentinel = /axillary (lymph node )?dissection|axillary contents|non-?sentinel/i.test(text);
    this.mentionsSentinel = SENTINEL_WORDS.test(text);
  }

  add(input: InputName, value: InputValue, line: string, extra: Partial<ReportFinding> = {}): void {
    if (input !== 'nuclearGrade') this.inDcis = false;
    const finding: ReportFinding = { input, value, lines: [line], ...extra };
    if (this.part.letter && !finding.part) finding.part = this.part.letter;
    if (this.part.side && !finding.side) finding.side = this.part.side;
    if (this.part.kind && !finding.specimenKind) finding.specimenKind = this.part.kind;
    this.findings.push(finding);
  }

  /** A finding whose lines and context are given in full (sums over parts, clock sites). */
  push(finding: ReportFinding): void {
    this.findings.push({ ...finding, lines: [...new Set(finding.lines)] });
  }

  cannot(line: string, what: string): void {
    this.unread.push({ line, reason: `${what} not read confidently` });
  }

  skip(line: string, reason: string): void {
    this.unread.push({ line, reason });
  }
}
