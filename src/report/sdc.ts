// CAP electronic cancer checklists as IHE SDC XML (FormDesign with ListItem selected="true" and
// Response values), the most complete structured source a lab sends. Only selected answers and
// filled-in responses are read, each with its question; a form for another organ is refused.
// Pure: fast-xml-parser runs in browsers and Node alike.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isRecord } from '../domain/json.ts';
import type { ChecklistItem } from './checklist.ts';

export type SdcReading = { form: string; items: ChecklistItem[] } | { reason: string };

type XmlNode = Record<string, unknown>;

/** Large enough for any CAP form (the breast resection form is ~130 KB), small enough to bound the work. */
const MAX_XML_CHARS = 5_000_000;
const MAX_DEPTH = 200;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: true,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function attrs(node: XmlNode): Record<string, string> {
  const a = node[':@'];
  return isRecord(a) ? (a as Record<string, string>) : {};
}

function children(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const c = tag ? node[tag] : undefined;
  return Array.isArray(c) ? (c as XmlNode[]) : [];
}

/** CAP's "?" (optional item) and "#" (footnote) markers are not part of a title. */
function clean(title: string | undefined): string {
  return (title ?? '')
    .replace(/^\s*\?+/, '')
    .replace(/#+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The filled-in value of a response field ("9", "3 mm", a comment), if any. */
function responseOf(field: XmlNode | undefined): string | undefined {
  if (!field) return undefined;
  let value: string | undefined;
  let units: string | undefined;
  const visit = (n: XmlNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const tag = tagOf(n);
    const a = attrs(n);
    if (tag === 'ResponseUnits' && a.val) units = a.val;
    else if (tag && tag !== 'TextAfterResponse' && a.val !== undefined && a.val !== '' && value === undefined)
      value = a.val;
    for (const c of children(n)) visit(c, depth + 1);
  };
  visit(field, 0);
  return value === undefined ? undefined : units && !value.endsWith(units) ? `${value} ${units}` : value;
}

function findChild(node: XmlNode, tag: string): XmlNode | undefined {
  return children(node).find((c) => tagOf(c) === tag);
}

/** Walks the form: questions, their selected list items (and what those open), and free responses. */
function collect(node: XmlNode, question: string | undefined, items: ChecklistItem[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const tag = tagOf(node);
  const a = attrs(node);
  if (tag === 'Question') {
    const title = clean(a.title);
    const direct = responseOf(findChild(node, 'ResponseField'));
    if (direct !== undefined)
      items.push({ question: title, answer: direct, line: `${title}: ${direct}`, kind: 'answer', response: direct });
    for (const c of children(node)) collect(c, title, items, depth + 1);
    return;
  }
  if (tag === 'ListItem') {
    if (a.selected !== 'true') return; // an option not chosen, and everything beneath it
    const title = clean(a.title);
    const response = responseOf(findChild(node, 'ListItemResponseField'));
    const answer = response !== undefined ? `${title}: ${response}` : title;
    const item: ChecklistItem = { answer, line: question ? `${question}: ${answer}` : answer, kind: 'answer' };
    if (question) item.question = question;
    if (response !== undefined) item.response = response;
    items.push(item);
    for (const c of children(node)) collect(c, question, items, depth + 1);
    return;
  }
  for (const c of children(node)) collect(c, question, items, depth + 1);
}

function findForm(nodes: XmlNode[], depth = 0): XmlNode | undefined {
  if (depth > 6) return undefined;
  for (const n of nodes) {
    if (tagOf(n) === 'FormDesign') return n;
    const inner = findForm(children(n), depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/** Reads a CAP SDC form; a reason instead when the XML cannot be read or is not a breast form. */
export function readSdcForm(xml: string): SdcReading {
  if (xml.length > MAX_XML_CHARS)
    return { reason: `SDC XML of ${xml.length} characters is larger than this reader accepts` };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { reason: `XML attachment is not well-formed (${valid.err.msg}, line ${valid.err.line})` };
  let nodes: XmlNode[];
  try {
    nodes = parser.parse(xml) as XmlNode[];
  } catch (error) {
    return { reason: `XML attachment cannot be read (${(error as Error).message})` };
  }
  const form = findForm(nodes);
  if (!form) return { reason: 'XML attachment is not an SDC form (no FormDesign)' };
  const a = attrs(form);
  const title = clean(a.formTitle) || clean(a.lineage) || clean(a.ID) || 'untitled form';
  if (!/breast/i.test(`${a.formTitle ?? ''} ${a.lineage ?? ''} ${a.ID ?? ''}`)) {
    return { reason: `SDC form "${title}" is not a breast cancer form: nothing read from it` };
  }
  const items: ChecklistItem[] = [];
  collect(form, undefined, items, 0);
  if (items.length === 0) return { reason: `SDC form "${title}" has no selected answer` };
  return { form: title, items };
}
