// Pathology report text → findings (fhir-mapping.md §6): CAP synoptic "Label: value" lines of
// all protocol versions, and the free-text phrases pathologists write ("metastatic carcinoma in
// two of three lymph nodes (2/3)", "ITCs only (0/2)"). Each finding keeps the exact line(s) it came
// from. Lines that look like an item but cannot be read confidently are reported as unread.
import type { Quadrant, Side } from '../fhir/codes.ts';
import { burdenFromPn, clinicalValue, isPostNeoadjuvant, parseTnm } from '../fhir/extract/tnm.ts';
import type { InputName, InputValue } from '../domain/vocabulary.ts';
import {
  gradeFromTotalScore,
  parseBreastSurgery,
  parseClock,
  parseComponentScore,
  parseCount,
  parseErStatus,
  parseFocality,
  parseFraction,
  parseGrade,
  parseHer2Status,
  parseHistologicType,
  parseLengthMm,
  parsePercent,
  parsePresence,
  parsePrStatus,
  parseQuadrantWords,
  parseSide,
  quadrantFromClock,
} from './phrases.ts';

export type SpecimenKind = 'sentinel' | 'axillary' | 'core' | 'excision';

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
}

export interface ReportParse {
  findings: ReportFinding[];
  unread: { line: string; reason: string }[];
}

interface Part {
  letter?: string;
  side?: Side;
  kind?: SpecimenKind;
}

/** Raw node counts before the rules that turn them into sentinel counts. */
interface NodeCounts {
  slnExamined?: Counted;
  slnPositive?: Counted;
  totalExamined?: Counted;
  macro?: Counted;
  micro?: Counted;
  itc?: Counted;
}
interface Counted {
  n: number;
  line: string;
}
interface PartNodes {
  part: Part;
  examined?: number;
  positive?: number;
  itc?: number;
  burden?: 'itc' | 'micro' | 'macro';
  lines: string[];
}

const PART_HEADER = /^(?:part\s+)?([A-H])(?:[.):]|\s*[-–])\s+(\S.*)$/i;
const PART_WORD = /^part\s+([A-H])\b[.:]?\s*(.*)$/i;

function partFrom(letter: string, description: string): Part {
  const part: Part = { letter: letter.toUpperCase() };
  const side = parseSide(description);
  if (side) part.side = side;
  if (/sentinel/i.test(description)) part.kind = 'sentinel';
  else if (/axill|non-?sentinel|lymph node/i.test(description)) part.kind = 'axillary';
  else if (/core|needle biopsy/i.test(description)) part.kind = 'core';
  else if (/breast|lumpectomy|mastectomy|excision/i.test(description)) part.kind = 'excision';
  return part;
}

/** Splits "Label: value" at the last colon that is not inside a time ("10:30"). */
function splitLabel(line: string): { label: string; value: string } | undefined {
  for (let i = line.length - 1; i > 0; i--) {
    if (line[i] !== ':') continue;
    if (/\d/.test(line[i - 1] ?? '') && /\d/.test(line[i + 1] ?? '')) continue;
    const label = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (!label) return undefined;
    return { label, value };
  }
  return undefined;
}

const NEGATIVE_NODE = /negative for (metastatic )?(carcinoma|tumou?r|malignancy)|no (evidence of )?(metasta|tumou?r|carcinoma)|benign/i;

export function parseReportText(text: string): ReportParse {
  const findings: ReportFinding[] = [];
  const unread: ReportParse['unread'] = [];
  const counts: NodeCounts = {};
  const partNodes: PartNodes[] = [];
  const clockSites: { hours: number; line: string; part: Part }[] = [];
  const reportMentionsNonSentinel = /axillary (lymph node )?dissection|axillary contents|non-?sentinel/i.test(text);
  const reportMentionsSentinel = /sentinel/i.test(text);

  let part: Part = {};
  let inDcis = false;

  const add = (input: InputName, value: InputValue, line: string, extra: Partial<ReportFinding> = {}) => {
    if (input !== 'nuclearGrade') inDcis = false;
    const finding: ReportFinding = { input, value, lines: [line], ...extra };
    if (part.letter && !finding.part) finding.part = part.letter;
    if (part.side && !finding.side) finding.side = part.side;
    if (part.kind && !finding.specimenKind) finding.specimenKind = part.kind;
    findings.push(finding);
  };
  const cannot = (line: string, what: string) => unread.push({ line, reason: `${what} not read confidently` });

  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) {
      inDcis = false;
      continue;
    }
    const body = line.replace(/^[\s\-–•*+?#]+/, '').trim();
    if (!body) continue;

    const hutch = /sentinel nodes? with carcinoma[\s:]+(\d{1,3})\s*\/\s*total sentinel nodes?[\s:]+(\d{1,3})/i.exec(body);
    if (hutch) {
      // Fred Hutch template "Sentinel nodes with carcinoma: X / Total sentinel nodes: Y" (§6).
      counts.slnPositive = { n: Number(hutch[1]), line };
      counts.slnExamined = { n: Number(hutch[2]), line };
      continue;
    }
    const header = PART_WORD.exec(body) ?? PART_HEADER.exec(body);
    if (header) {
      part = partFrom(header[1]!, header[2] ?? '');
      inDcis = false;
      readFreeText(header[2] ?? '', line);
      continue;
    }
    if (/synoptic|case summary|checklist|cancer protocol/i.test(body) && !splitLabel(body)?.value) {
      part = {};
      continue;
    }

    const split = splitLabel(body);
    if (split && split.value && readLabelled(split.label, split.value, line)) continue;
    if (split && !split.value) {
      // A section heading ("Ductal Carcinoma In Situ:") sets context for the lines below it.
      inDcis = /DCIS|in situ/i.test(split.label);
      continue;
    }
    readFreeText(body, line);
  }

  finishNodeCounts();
  finishClockSites();
  return { findings, unread };

  function readLabelled(label: string, value: string, line: string): boolean {
    const l = label.toLowerCase();
    if (/\bdcis\b|carcinoma in situ|\bin situ\b(?! hybridi)/i.test(label) && !/invasive/i.test(label)) {
      inDcis = parsePresence(value) !== false;
      return true;
    }
    if (/largest (nodal )?metastatic deposit|largest (nodal )?metastasis|size of (the )?largest (nodal )?(deposit|metastas)/.test(l)) {
      const r = parseLengthMm(value);
      if (r && 'mm' in r) add('largestDepositMm', r.mm, line);
      else cannot(line, 'deposit size');
      return true;
    }
    if (/sentinel/.test(l) && !/non-?sentinel/.test(l) && /examined|removed|\btotal\b/.test(l) && !/with|positive|involved|metasta/.test(l)) {
      const n = parseCount(value);
      if (n !== undefined) counts.slnExamined = { n, line };
      else cannot(line, 'sentinel node count');
      return true;
    }
    if (/sentinel/.test(l) && !/non-?sentinel/.test(l) && /with (carcinoma|metasta|tumou?r)|positive|involved/.test(l)) {
      const n = parseCount(value);
      if (n !== undefined) counts.slnPositive = { n, line };
      else cannot(line, 'sentinel node count');
      return true;
    }
    if (/macrometasta/.test(l)) return countInto('macro', value, line);
    if (/micrometasta/.test(l)) return countInto('micro', value, line);
    if (/isolated tumou?r cells|\bitcs?\b/.test(l)) return countInto('itc', value, line);
    if (/(total|number of) (number of )?(lymph )?nodes examined|^lymph nodes examined/.test(l)) {
      return countInto('totalExamined', value, line);
    }
    if (/extranodal|extracapsular/.test(l)) {
      const v = parsePresence(value);
      if (v !== undefined) add('extranodalExtension', v, line);
      else cannot(line, 'extranodal extension');
      return true;
    }
    if (/lympho-?vascular|lymph-vascular|lymphatic (and ?\/? ?or|and|or) vascular|angiolymphatic|\blvi\b/.test(l)) {
      const v = parsePresence(value);
      if (v !== undefined) add('lvi', v, line);
      else cannot(line, 'lymphovascular invasion');
      return true;
    }
    if (/focality/.test(l)) {
      const v = parseFocality(value);
      if (v !== undefined) add('multifocal', v, line);
      else cannot(line, 'focality');
      return true;
    }
    if (/number of (invasive )?foci/.test(l)) {
      const n = parseCount(value);
      if (n !== undefined && n >= 1) add('multifocal', n >= 2, line);
      else cannot(line, 'number of foci');
      return true;
    }
    if (/additional dimension/.test(l)) return true;
    if (/tumou?r size|greatest dimension|largest invasive focus|size of invasive|invasive (tumou?r|carcinoma) size/.test(l) && !/deposit|metasta|dcis|in situ/.test(l)) {
      const r = parseLengthMm(value);
      if (r && 'mm' in r) add('tumorSizeMm', r.mm, line);
      else cannot(line, 'tumour size');
      return true;
    }
    if (/histologic(al)? type|tumou?r type/.test(l)) {
      const v = parseHistologicType(value);
      if (v) add('histologicType', v, line);
      else cannot(line, 'histologic type');
      return true;
    }
    if (/nuclear pleomorphism/.test(l)) {
      const v = parseComponentScore(value);
      if (v) add('nuclearGrade', v, line, { note: 'Nottingham nuclear pleomorphism score' });
      else cannot(line, 'nuclear pleomorphism score');
      return true;
    }
    if (/nuclear grade/.test(l)) {
      if (inDcis) {
        unread.push({ line, reason: 'nuclear grade of DCIS, not of the invasive tumour' });
        return true;
      }
      const v = parseGrade(value);
      if (v) add('nuclearGrade', v, line);
      else cannot(line, 'nuclear grade');
      return true;
    }
    if (/tubul|glandular|mitotic/.test(l)) return true; // Nottingham components other than nuclear: not inputs
    if (/\bgrade\b/.test(l) && !inDcis) {
      const v = parseGrade(value) ?? (/score/.test(l) ? undefined : bareGrade(value));
      if (v) add('grade', v, line);
      else cannot(line, 'histologic grade');
      return true;
    }
    if (/(nottingham|total|combined|sbr) score/.test(l)) {
      const m = /^\s*([3-9])\b(?:\s*\/\s*9)?/.exec(value);
      const v = m ? gradeFromTotalScore(Number(m[1])) : undefined;
      if (v) add('grade', v, line, { rank: 1, note: `from Nottingham total score ${m![1]}` });
      else cannot(line, 'Nottingham score');
      return true;
    }
    if (/tumou?r site|^site\b|^location\b/.test(l)) {
      const q = parseQuadrantWords(value);
      const hours = parseClock(value);
      if (q) add('quadrant', q, line);
      else if (hours !== undefined) clockSites.push({ hours, line, part });
      else cannot(line, 'tumour site');
      return true;
    }
    if (/laterality/.test(l)) {
      const side = parseSide(value);
      if (side) add('laterality', side, line);
      else cannot(line, 'laterality');
      return true;
    }
    if (/^procedure\b|surgical procedure/.test(l)) {
      const v = parseBreastSurgery(value, true);
      if (v) add('breastSurgery', v, line);
      return true;
    }
    if (/treatment effect|presurgical|neoadjuvant|preoperative (systemic )?therapy/.test(l)) {
      if (/no known (presurgical|preoperative|neoadjuvant)|no (prior )?(presurgical|preoperative|neoadjuvant)/i.test(value)) {
        add('neoadjuvantTherapy', false, line);
      } else if (/response|residual|treatment[- ]related|therapy[- ]related|post-?neoadjuvant/i.test(value)) {
        add('neoadjuvantTherapy', true, line);
      } else cannot(line, 'presurgical therapy');
      return true;
    }
    if (/ki-?67|mib-?1/.test(l)) {
      const v = parsePercent(value);
      if (v !== undefined) add('ki67Percent', v, line);
      else cannot(line, 'Ki-67');
      return true;
    }
    if (/percentage|intensity|allred|internal control|cep17|ratio|copy number|signals/.test(l)) return true;
    if (/estrogen|oestrogen|\ber\b/.test(l) && !/progesterone|\bp[g]?r\b|her-?2/.test(l)) {
      const v = parseErStatus(value);
      if (v) add('erStatus', v, line);
      else cannot(line, 'ER status');
      return true;
    }
    if (/progesterone|\bpg?r\b/.test(l) && !/estrogen|oestrogen|her-?2/.test(l)) {
      const v = parsePrStatus(value);
      if (v) add('prStatus', v, line);
      else cannot(line, 'PR status');
      return true;
    }
    if (/her-?2|erbb2/.test(l)) {
      const v = parseHer2Status(value);
      const rank = /in situ hybridi[sz]ation|\bish\b|\bfish\b|\bcish\b|\bsish\b/.test(l) ? 1 : /immunohisto|\bihc\b/.test(l) ? 2 : 0;
      if (v) add('her2Status', v, line, { rank });
      else cannot(line, 'HER2 status');
      return true;
    }
    if (/\bp?[tn] (category|stage)|ptnm|stage classification|pathologic stage|primary tumou?r \(p?t\)|regional lymph nodes \(p?n\)/.test(l)) {
      const tokens = parseTnm(`${value}`, false);
      const labelPrefix = /\bp[tn]\b|ptnm|patholog/.test(l) ? 'p' : /\bc[tn]\b|clinical/.test(l) ? 'c' : '';
      if (tokens.length === 0) {
        cannot(line, 'TNM category');
        return true;
      }
      for (const t of tokens) readTnm({ ...t, prefix: t.prefix || labelPrefix }, line);
      return true;
    }
    return false;
  }

  function bareGrade(value: string): 1 | 2 | 3 | undefined {
    const m = /^\s*([123])\b(?!\s*\/)/.exec(value);
    return m ? (Number(m[1]) as 1 | 2 | 3) : undefined;
  }

  function countInto(key: 'macro' | 'micro' | 'itc' | 'totalExamined', value: string, line: string): boolean {
    const n = parseCount(value);
    if (n !== undefined) counts[key] = { n, line };
    else cannot(line, 'lymph node count');
    return true;
  }

  function readTnm(t: ReturnType<typeof parseTnm>[number], line: string): void {
    if (isPostNeoadjuvant(t)) add('neoadjuvantTherapy', true, line, { note: `post-neoadjuvant staging ${t.text}` });
    const pathologic = t.prefix.endsWith('p');
    if (t.axis === 'T' && pathologic && t.suffixes.includes('(m)')) {
      add('multifocal', true, line, { note: `"(m)" suffix of ${t.text}` });
    }
    if (t.axis === 'N' && pathologic) {
      const burden = burdenFromPn(t);
      if (burden) add('nodalBurden', burden, line, { note: `from ${t.text}` });
    }
    if (t.prefix === 'c') {
      const v = clinicalValue(t);
      if (v) add(t.axis === 'T' ? 'clinicalT' : 'clinicalN', v as InputValue, line);
    }
  }

  function readFreeText(body: string, line: string): void {
    for (const t of parseTnm(body, true)) readTnm(t, line);
    if (/multifocal|multiple foci/i.test(body) && /invasive/i.test(body) && !/not|no evidence/i.test(body)) {
      add('multifocal', true, line);
    }
    const mentionsNodes = /lymph nodes?|\bnodes?\b|\bSLNs?\b/i.test(body);
    const sentinelContext =
      part.kind === 'sentinel' ||
      /sentinel/i.test(body) ||
      (!part.kind && reportMentionsSentinel && !reportMentionsNonSentinel);
    if (mentionsNodes && sentinelContext) readNodeSentence(body, line);
    if (mentionsNodes || part.kind === 'sentinel') readDetectionMethod(body, line);
  }

  function readNodeSentence(body: string, line: string): void {
    const fraction = parseFraction(body);
    if (!fraction) return;
    const entry: PartNodes = { part: { ...part }, examined: fraction.denominator, lines: [line] };
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
      cannot(line, 'node count');
      return;
    }
    partNodes.push(entry);
  }

  function readDetectionMethod(body: string, line: string): void {
    const positive = /positive|metastatic carcinoma|carcinoma (is )?present|metastasis (is )?(present|identified)/i;
    if (/frozen section|intra-?operative/i.test(body) && positive.test(body) && !NEGATIVE_NODE.test(body)) {
      add('detectionMethod', 'frozen-section', line);
    } else if (/(detected|identified|seen|evident)\s+(only\s+)?(by|on|with)\s+(cytokeratin|keratin|immunohisto|ihc)/i.test(body)) {
      add('detectionMethod', 'ihc', line);
    } else if (/(detected|identified|seen)\s+(only\s+)?(on|in)\s+(deeper|serial|step|additional)\s+(levels|sections)/i.test(body)) {
      add('detectionMethod', 'serial-he', line);
    }
  }

  /** Synoptic totals win over per-part sentences; per-part counts are summed only when every sentinel part gives them. */
  function finishNodeCounts(): void {
    part = {}; // totals belong to the case, not to the last part read
    const { slnExamined, slnPositive, totalExamined, macro, micro, itc } = counts;
    if (slnExamined) add('slnExamined', slnExamined.n, slnExamined.line, { specimenKind: 'sentinel' });
    // CAP's macro/micro/ITC counts cover all nodes; they are sentinel counts only when every node examined was a sentinel node.
    const allSentinel = slnExamined !== undefined && (totalExamined === undefined || totalExamined.n === slnExamined.n);
    if (allSentinel && (macro || micro || itc)) {
      if (macro && micro) {
        add('slnPositive', macro.n + micro.n, macro.line, { specimenKind: 'sentinel', note: 'nodes with macro- plus micrometastases' });
        last().lines.push(micro.line);
      }
      if (itc) add('slnItcOnly', itc.n, itc.line, { specimenKind: 'sentinel' });
      if (macro && macro.n > 0) add('nodalBurden', 'macro', macro.line, { note: 'a node with a macrometastasis' });
      else if (macro && micro && micro.n > 0) add('nodalBurden', 'micro', micro.line, { note: 'micrometastases, no macrometastasis' });
      else if (macro && micro && itc && itc.n > 0) add('nodalBurden', 'itc', itc.line, { note: 'ITC only' });
    } else if (macro || micro || itc) {
      for (const c of [macro, micro, itc]) if (c) unread.push({ line: c.line, reason: 'node category counts include non-sentinel nodes' });
    }
    if (slnPositive) {
      const itcKnown = allSentinel && itc !== undefined && itc.n > 0;
      if (itcKnown && !(macro && micro)) {
        unread.push({ line: slnPositive.line, reason: 'sentinel nodes "with metastasis" may include ITC-only nodes' });
      } else {
        add('slnPositive', slnPositive.n, slnPositive.line, { specimenKind: 'sentinel' });
      }
    }
    if (partNodes.length === 0) return;
    if (slnExamined || slnPositive) return; // the synoptic totals already say it
    const lines = partNodes.flatMap((p) => p.lines);
    const letters = partNodes.map((p) => p.part.letter).filter(Boolean);
    const note = partNodes.length > 1 ? `sum of sentinel parts ${letters.join(', ')}` : undefined;
    const sum = (key: 'examined' | 'positive' | 'itc') =>
      partNodes.every((p) => p[key] !== undefined) ? partNodes.reduce((s, p) => s + p[key]!, 0) : undefined;
    const extra = (): Partial<ReportFinding> => {
      const e: Partial<ReportFinding> = { specimenKind: 'sentinel' };
      if (note) e.note = note;
      if (partNodes.length === 1) {
        if (partNodes[0]!.part.letter) e.part = partNodes[0]!.part.letter;
        if (partNodes[0]!.part.side) e.side = partNodes[0]!.part.side;
      }
      return e;
    };
    const examined = sum('examined');
    const positive = sum('positive');
    const itcOnly = sum('itc');
    if (examined !== undefined) pushMulti('slnExamined', examined, lines, extra());
    if (positive !== undefined) pushMulti('slnPositive', positive, lines, extra());
    if (itcOnly !== undefined) pushMulti('slnItcOnly', itcOnly, lines, extra());
    const order = ['itc', 'micro', 'macro'] as const;
    const burdens = partNodes.map((p) => p.burden).filter((b) => b !== undefined);
    if (burdens.length > 0) {
      const worst = burdens.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
      // ITC is the worst category only if no part has an unspecified positive node.
      if (worst !== 'itc' || partNodes.every((p) => (p.positive ?? 0) === 0)) {
        pushMulti('nodalBurden', worst, partNodes.filter((p) => p.burden === worst).flatMap((p) => p.lines), extra());
      }
    }
  }

  function pushMulti(input: InputName, value: InputValue, lines: string[], extra: Partial<ReportFinding>): void {
    findings.push({ input, value, lines: [...new Set(lines)], ...extra });
  }

  function last(): ReportFinding {
    return findings[findings.length - 1]!;
  }

  function finishClockSites(): void {
    const stated = [...new Set(findings.filter((f) => f.input === 'laterality').map((f) => f.value as Side))];
    for (const site of clockSites) {
      const side = site.part.side ?? (stated.length === 1 ? stated[0] : undefined);
      const q: Quadrant | undefined = side ? quadrantFromClock(site.hours, side) : undefined;
      if (q && side) {
        findings.push({
          input: 'quadrant',
          value: q,
          lines: [site.line],
          side,
          note: `${site.hours} o'clock on the ${side} breast`,
          ...(site.part.letter ? { part: site.part.letter } : {}),
        });
      } else {
        unread.push({ line: site.line, reason: side ? 'clock position on a quadrant boundary' : 'clock position without a known side' });
      }
    }
  }
}
