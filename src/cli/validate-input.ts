// Bulk FHIR input for `nodal-risk validate`: NDJSON files (one per resource type, all patients
// mixed, as a Bulk Data $export writes them) or Bundle JSON files, grouped per patient without
// holding the cohort in memory. Resources are streamed line by line into hash partitions by
// patient on disk; each partition is then small enough to group in memory. Small inputs stay in
// one in-memory partition. Unreadable lines and resources without a patient are reported, never fatal.
import {
  closeSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { patientLink, PatientLinks } from '../fhir/extract/patient.ts';
import { isRecord, str, field, type Json } from '../domain/json.ts';
import { normaliseReference, resourceRef } from '../fhir/fields.ts';
import { CliUsageError } from './errors.ts';
import { parseResources, ResourceFileError } from './read-resources.ts';
import { RESOURCE_TYPE, SUBJECT, TopLevelScan, topLevelFieldsOf, type TopLevelFields } from './top-level-fields.ts';

export interface InputProblem {
  reason: string;
}

export interface PatientResources {
  /** Patient.id (without "Patient/"). */
  patient: string;
  resources: unknown[];
}

/** Bytes of input per on-disk partition; a partition is parsed whole, so this bounds memory. */
const PARTITION_BYTES = 32 * 1024 * 1024;
const FLUSH_BYTES = 1 << 20;
const FIRST_FLUSH_BYTES = 1 << 16;

/** Every NDJSON/JSON file named, directories expanded (sorted, so runs are reproducible). */
export function inputFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new CliUsageError(`cannot read --ndjson ${path}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      const names = readdirSync(path)
        .filter((n) => /\.(ndjson|jsonl|json)$/i.test(n))
        .sort();
      if (names.length === 0) throw new CliUsageError(`--ndjson ${path}: no .ndjson or .json files in the directory`);
      out.push(...names.map((n) => join(path, n)));
    } else out.push(path);
  }
  return out;
}

/** A line is judged alone: no Patient resources to resolve identifiers or urn:uuid against (shared; its memo is bounded). */
const NO_OTHER_RESOURCES = new PatientLinks([]);

/**
 * The patient a resource belongs to, from its top-level fields: subject/patient, a Patient's own id,
 * a Binary's securityContext. Whole resources are read through topLevelFieldsOf: patientLink then
 * sees objects of one shape, a scanned line's, and V8 optimises it once, not again for each shape
 * of resource.
 */
export function patientOf(fields: TopLevelFields): string | undefined {
  const link = patientLink(fields, NO_OTHER_RESOURCES);
  if (link) return link.slice('Patient/'.length);
  const context = str(field(fields.securityContext, 'reference'));
  if (fields.resourceType === 'Binary' && context) {
    const ref = normaliseReference(context);
    if (ref.startsWith('Patient/')) return ref.slice('Patient/'.length);
  }
  return undefined;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Where a resource came from, for the reasons of skipped lines: a file and its line or Bundle entry. */
interface Place {
  file: number;
  entry: boolean;
  n: number;
}

function describePlace(names: readonly string[], { file, entry, n }: Place): string {
  return `${names[file]} ${entry ? 'entry' : 'line'} ${n}`;
}

interface Sink {
  /** Whether add() needs the parsed resource (the disk sink keeps the JSON text and parses it when the patient is read). */
  readonly wantsResource: boolean;
  /** One resource of patient number `patient`: parsed (memory sink) or its JSON text `text[start, end)` (disk sink). */
  add(patient: number, resource: unknown, text: Uint8Array, start: number, end: number, place: Place): void;
  finish(): void;
  patients(): Iterable<PatientResources>;
  dispose(): void;
}

function memorySink(ids: readonly string[]): Sink {
  const groups = new Map<string, unknown[]>();
  return {
    wantsResource: true,
    add(number, resource) {
      const patient = ids[number]!;
      const list = groups.get(patient);
      if (list) list.push(resource);
      else groups.set(patient, [resource]);
    },
    finish() {},
    *patients() {
      for (const patient of [...groups.keys()].sort()) yield { patient, resources: groups.get(patient)! };
    },
    dispose() {
      groups.clear();
    },
  };
}

/**
 * A partition record: five little-endian uint32 (text bytes, patient number, file, entry flag,
 * line or entry number), then the resource's JSON text as read: lines are copied as bytes, never
 * decoded and re-encoded.
 */
const HEADER_BYTES = 20;

function diskSink(count: number, names: readonly string[], ids: readonly string[], problems: InputProblem[]): Sink {
  const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-validate-'));
  const files = Array.from({ length: count }, (_, i) => join(dir, `part-${i}.bin`));
  const fds = files.map((f) => openSync(f, 'w+', 0o600));
  // The partitions hold patients' records: their names are removed at once and the files live on
  // through their descriptors only, so a run that is killed (Ctrl-C, out of memory) leaves no
  // patient data on disk. Where an open file cannot be removed, dispose() removes it.
  try {
    for (const f of files) unlinkSync(f);
    rmdirSync(dir);
  } catch {
    // left for dispose()
  }
  /** Closes partition i once (its descriptor is then -1). */
  const close = (i: number) => {
    if (fds[i]! >= 0) closeSync(fds[i]!);
    fds[i] = -1;
  };
  const buffers = files.map(() => Buffer.allocUnsafe(FLUSH_BYTES));
  const used = new Array<number>(count).fill(0);
  const partitionOf: number[] = []; // by patient number
  // Each buffer is flushed first when it holds 64 KB (a few hundred lines into the file), then
  // when it is full: add() then makes its first flush before V8 optimises it (a call first reached in
  // optimised code, a megabyte of lines later, would de-optimise it).
  const limit = new Array<number>(count).fill(FIRST_FLUSH_BYTES);
  const flush = (i: number) => {
    if (used[i]! > 0) writeSync(fds[i]!, buffers[i]!, 0, used[i]!);
    used[i] = 0;
    limit[i] = FLUSH_BYTES;
  };
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  return {
    wantsResource: false,
    add(number, _resource, text, start, end, place) {
      const i = (partitionOf[number] ??= hash(ids[number]!) % count);
      const size = HEADER_BYTES + end - start;
      if (used[i]! + size > limit[i]!) flush(i);
      const big = size > FLUSH_BYTES; // a resource larger than the buffer is written straight through
      const buffer = big ? header : buffers[i]!;
      const at = big ? 0 : used[i]!;
      putU32(buffer, at, end - start);
      putU32(buffer, at + 4, number);
      putU32(buffer, at + 8, place.file);
      putU32(buffer, at + 12, place.entry ? 1 : 0);
      putU32(buffer, at + 16, place.n);
      if (big) {
        writeSync(fds[i]!, header);
        writeSync(fds[i]!, text, start, end - start);
        return;
      }
      buffer.set(text.subarray(start, end), at + HEADER_BYTES);
      used[i] = at + size;
    },
    finish() {
      files.forEach((_, i) => flush(i));
    },
    // Each step is its own function: V8 then optimises each once, rather than re-optimising one
    // long generator as its later steps are first reached.
    *patients() {
      let space: Buffer = Buffer.allocUnsafe(0); // reused: fresh memory for every partition costs page faults
      for (let i = 0; i < fds.length; i++) {
        const size = fstatSync(fds[i]!).size;
        if (space.length < size) space = Buffer.allocUnsafe(Math.ceil(size * 1.25));
        readInto(fds[i]!, space, size);
        close(i);
        const data = space.subarray(0, size);
        // Each patient's JSON is parsed only when that patient is read, so the parsed resources of
        // one patient at a time are alive.
        const groups = new Map<number, number[]>();
        recordsByPatient(data, groups);
        const unusable: Unusable[] = [];
        for (const number of [...groups.keys()].sort((a, b) => byCodeUnits(ids[a]!, ids[b]!))) {
          const patient = ids[number]!;
          const resources = readRecords(data, groups.get(number)!, patient, names, unusable);
          if (resources.length > 0) yield { patient, resources };
        }
        // In the order of the input, as the reasons of the first pass are.
        unusable.sort((a, b) => a.at - b.at);
        for (const u of unusable) problems.push({ reason: u.reason });
      }
    },
    dispose() {
      fds.forEach((_, i) => close(i));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The offsets of a partition's records, by patient number, into `groups` (empty). The map is made
 * by the caller: V8 gives a function its type feedback only after it has run for a while, and a map
 * made here, on the first call without feedback, de-optimised this function on its second call.
 */
function recordsByPatient(data: Buffer, groups: Map<number, number[]>): void {
  // A patient's records mostly follow one another (an export writes a patient's resources of one
  // type together): the list of the previous record is reused without a look-up.
  let last = -1;
  let list: number[] = [];
  for (let at = 0; at < data.length; at += HEADER_BYTES + u32(data, at)) {
    const number = u32(data, at + 4);
    if (number !== last) {
      last = number;
      const known = groups.get(number);
      if (known) list = known;
      else groups.set(number, (list = []));
    }
    list.push(at);
  }
}

/** A partition record that did not parse into the patient's resource, at its offset. */
interface Unusable {
  at: number;
  reason: string;
}

/** One patient's resources from their records; records that cannot be used go to `unusable`. */
function readRecords(
  data: Buffer,
  offsets: readonly number[],
  patient: string,
  names: readonly string[],
  unusable: Unusable[],
): unknown[] {
  const resources: unknown[] = [];
  const check = new PatientCheck(patient);
  for (const at of offsets) {
    const text = data.toString('utf8', at + HEADER_BYTES, at + HEADER_BYTES + u32(data, at));
    const resource = parsedResource(text, check);
    if (typeof resource !== 'string') resources.push(resource);
    else unusable.push({ at, reason: `${describePlace(names, placeOf(data, at))}: ${resource}` });
  }
  return resources;
}

function placeOf(data: Buffer, at: number): Place {
  return { file: u32(data, at + 8), entry: u32(data, at + 12) === 1, n: u32(data, at + 16) };
}

// Record headers are read and written byte by byte: Buffer's readUInt32LE/writeUInt32LE check
// their arguments on every call, and a partition holds hundreds of thousands of records.
function putU32(b: Buffer, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
  b[at + 2] = (value >>> 16) & 0xff;
  b[at + 3] = value >>> 24;
}

function u32(b: Buffer, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
}

/** Reads the first `size` bytes of an open file into `buffer`. */
function readInto(fd: number, buffer: Buffer, size: number): void {
  for (let at = 0; at < size;) {
    const read = readSync(fd, buffer, at, size - at, at);
    if (read === 0) throw new Error('a partition file ended early');
    at += read;
  }
}

/** The order of Array.prototype.sort without a comparator (UTF-16 code units). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The line's resource, or why it cannot be used (the first pass read only its top-level fields). */
export function parsedResource(line: string, check: PatientCheck): Record<string, unknown> | string {
  let resource: unknown;
  try {
    resource = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (!isRecord(resource) || typeof resource.resourceType !== 'string') return 'not a FHIR resource';
  // Never expected: the fields read in the first pass are the ones JSON.parse gives.
  if (!check.isPatients(resource)) return 'its patient reference reads differently in full; not used';
  return resource;
}

/**
 * Whether resources read back are one patient's, exactly as patientOf says. A patient's records
 * mostly repeat one subject reference: once patientOf has read a reference as this patient's (a
 * resource neither a Patient nor a Binary, whose patient is then its subject reference's alone),
 * the same reference text is this patient's again, compared as text. That saves a Map look-up,
 * which hashes the fresh string, on every record.
 */
export class PatientCheck {
  /** A subject reference patientOf read as this patient's; undefined until one is seen. */
  private reference: string | undefined;

  constructor(private readonly patient: string) {}

  isPatients(resource: Json): boolean {
    const subject = resource.subject;
    if (
      this.reference !== undefined &&
      resource.resourceType !== 'Patient' &&
      isRecord(subject) &&
      subject.reference === this.reference
    )
      return true;
    if (patientOf(topLevelFieldsOf(resource)) !== this.patient) return false;
    const type = resource.resourceType;
    const reference = isRecord(subject) ? str(subject.reference) : undefined;
    if (reference !== undefined && type !== 'Patient' && type !== 'Binary') this.reference = reference;
    return true;
  }
}

export interface GroupedInput {
  patients: Iterable<PatientResources>;
  /** How many distinct patients the input names. */
  patientCount: number;
  /** Unreadable input; lines the first pass could not judge are added while `patients` is read. */
  problems: InputProblem[];
  /** Closes the partition files and removes any left with a name. */
  dispose(): void;
}

/** Reads every input file once and groups the resources by patient. */
export async function groupByPatient(
  paths: readonly string[],
  partitionBytes = PARTITION_BYTES,
): Promise<GroupedInput> {
  const files = inputFiles(paths);
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  const partitions = Math.ceil(bytes / partitionBytes);
  const problems: InputProblem[] = [];
  const names = files.map((f) => basename(f));
  // Patients numbered in order of appearance: partition records carry the number, not the id.
  const numbers = new Map<string, number>();
  const ids: string[] = [];
  const sink = partitions <= 1 ? memorySink(ids) : diskSink(partitions, names, ids, problems);
  /** The number of the resource's patient, or -1 when it has none (the reason is then in problems). */
  const patientNumber = (resource: unknown, place: Place): number => {
    if (!isRecord(resource) || typeof resource.resourceType !== 'string') {
      problems.push({ reason: `${describePlace(names, place)}: not a FHIR resource` });
      return -1;
    }
    return fieldsNumber(topLevelFieldsOf(resource), place);
  };
  /** The number of the patient of a resource's top-level fields, as patientNumber. */
  const fieldsNumber = (fields: TopLevelFields, place: Place): number => {
    const patient = patientOf(fields);
    if (!patient) {
      problems.push({ reason: `${describePlace(names, place)}: ${resourceRef(fields)} has no patient reference` });
      return -1;
    }
    let number = numbers.get(patient);
    if (number === undefined) {
      number = ids.push(patient) - 1;
      numbers.set(patient, number);
    }
    return number;
  };
  const scan = new TopLevelScan();
  const subjects = new SubjectNumbers();
  // One line handler for every file (the file it is reading in `fileIndex`): a new closure per file
  // would make V8 re-optimise the line loop for each file. One place for every line too: add() and
  // the reasons read it at once.
  let fileIndex = 0;
  const place: Place = { file: 0, entry: false, n: 0 };
  const onLine = (bytes: Buffer, start: number, end: number, lineNo: number) => {
    place.file = fileIndex;
    place.n = lineNo;
    // One call of add() for every way a line's patient is found: a call first reached after V8 has
    // optimised the line handler (the first known subject comes with the second file) would
    // de-optimise it.
    const number = lineNumber(bytes, start, end);
    if (number >= 0) sink.add(number, parsedLine, bytes, start, end, place);
  };
  /** The parsed line, when the patient of the line handled last was read from a full parse. */
  let parsedLine: unknown;
  /** The patient number of a line (-1: skipped, the reason in problems, or a blank line). */
  const lineNumber = (bytes: Buffer, start: number, end: number): number => {
    parsedLine = undefined;
    // The disk sink needs only whose the line is: read from its bytes, the line is never decoded here.
    if (!sink.wantsResource && scan.scan(bytes, start, end)) {
      const known = subjects.numberOf(scan);
      if (known >= 0) return known;
      const fields = scan.fields();
      if (typeof fields.resourceType === 'string') {
        const number = fieldsNumber(fields, place);
        subjects.remember(scan, number);
        return number;
      }
    }
    const line = bytes.toString('utf8', start, end);
    if (!line.trim()) return -1;
    try {
      parsedLine = JSON.parse(line);
    } catch {
      problems.push({ reason: `${describePlace(names, place)}: not valid JSON` });
      return -1;
    }
    return patientNumber(parsedLine, place);
  };
  try {
    files.forEach((file, index) => {
      fileIndex = index;
      if (/\.json$/i.test(file) && !looksLikeNdjson(file)) {
        let resources: unknown[];
        try {
          resources = parseResources(readFileSync(file, 'utf8'));
        } catch (e) {
          if (!(e instanceof ResourceFileError)) throw e;
          problems.push({ reason: `${names[fileIndex]}: ${e.message}` });
          return;
        }
        resources.forEach((r, i) => {
          const entry: Place = { file: fileIndex, entry: true, n: i + 1 };
          const number = patientNumber(r, entry);
          if (number < 0) return;
          const text = sink.wantsResource ? NO_TEXT : Buffer.from(JSON.stringify(r));
          sink.add(number, r, text, 0, text.length, entry);
        });
        return;
      }
      forEachLine(file, onLine);
    });
    sink.finish();
  } catch (e) {
    sink.dispose();
    throw e;
  }
  return { patients: sink.patients(), patientCount: ids.length, problems, dispose: () => sink.dispose() };
}

const NO_TEXT = new Uint8Array(0);

const PATIENT_TYPE = Buffer.from('Patient', 'latin1');
const BINARY_TYPE = Buffer.from('Binary', 'latin1');

/**
 * Patient numbers by subject reference, for lines whose patient patientOf reads from that reference
 * alone: a subject `{"reference":"…"}` with a plain, non-empty string, in a resource that is neither
 * a Patient (whose own id says) nor a Binary (whose securityContext may). The previous line's
 * reference is compared by its bytes (an export writes a patient's resources of one type one after
 * another), others are looked up by their text: one entry per patient, as the patient numbers keep.
 */
class SubjectNumbers {
  private readonly byText = new Map<string, number>();
  private last = Buffer.alloc(64);
  private lastLength = -1;
  private lastNumber = -1;

  /** The scanned line's patient number when its subject is known, else -1. */
  numberOf(scan: TopLevelScan): number {
    const start = scan.referenceStart(SUBJECT);
    if (start < 0 || !subjectAlone(scan)) return -1;
    const end = scan.referenceEnd(SUBJECT);
    const line = scan.scanned();
    // Another subject than the last becomes the last, its number looked up (-1 when unknown: the
    // caller then reads the line's fields and remember() replaces it). One way out for both: a step
    // reached only for a repeated subject, which the first file may never have, would be reached
    // first in optimised code and de-optimise numberOf.
    if (!this.isLast(line, start, end))
      this.keepLast(line, start, end, this.byText.get(line.toString('utf8', start, end)) ?? -1);
    return this.lastNumber;
  }

  /** Whether line[start, end) holds the bytes of the last subject. */
  private isLast(line: Buffer, start: number, end: number): boolean {
    if (end - start !== this.lastLength) return false;
    let n = 0;
    while (n < this.lastLength && line[start + n] === this.last[n]) n++;
    return n === this.lastLength;
  }

  /** Remembers the scanned line's subject and its patient's number (-1: none, not remembered). */
  remember(scan: TopLevelScan, number: number): void {
    const start = scan.referenceStart(SUBJECT);
    if (number < 0 || start < 0 || !subjectAlone(scan)) return;
    const end = scan.referenceEnd(SUBJECT);
    const line = scan.scanned();
    this.byText.set(line.toString('utf8', start, end), number);
    this.keepLast(line, start, end, number);
  }

  private keepLast(line: Buffer, start: number, end: number, number: number): void {
    if (end - start > this.last.length) this.last = Buffer.alloc(2 * (end - start));
    line.copy(this.last, 0, start, end);
    this.lastLength = end - start;
    this.lastNumber = number;
  }
}

/** Whether the scanned line's patient is read from its subject reference alone (see SubjectNumbers). */
function subjectAlone(scan: TopLevelScan): boolean {
  return (
    scan.referenceEnd(SUBJECT) > scan.referenceStart(SUBJECT) &&
    scan.isPlainString(RESOURCE_TYPE) &&
    !scan.isString(RESOURCE_TYPE, PATIENT_TYPE) &&
    !scan.isString(RESOURCE_TYPE, BINARY_TYPE)
  );
}

/**
 * Calls back with each line of a file (1-based numbers) as its bytes `bytes[start, end)` (valid
 * during the call only), reading 4 MB at a time; lines split on bytes, so no UTF-8 sequence is cut.
 * A CR before the newline is not part of the line.
 */
type LineHandler = (bytes: Buffer, start: number, end: number, lineNo: number) => void;

function forEachLine(file: string, onLine: LineHandler): void {
  const fd = openSync(file, 'r');
  let buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
  let kept = 0; // bytes of an unfinished line at the start of the buffer
  const lines = new LineCount();
  try {
    for (;;) {
      if (kept === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2); // a line longer than the buffer
        buffer.copy(bigger, 0, 0, kept);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, kept, buffer.length - kept, null);
      const end = kept + read;
      if (read === 0) {
        if (end > 0) emitLine(onLine, buffer, 0, end, lines.next());
        break;
      }
      const start = emitLines(onLine, buffer, end, lines);
      kept = end - start;
      buffer.copy(buffer, 0, start, end);
    }
  } finally {
    closeSync(fd);
  }
}

/** The number of the lines of a file emitted so far. */
class LineCount {
  private n = 0;
  next(): number {
    return ++this.n;
  }
}

// The loop over a buffer's lines is a function of its own: V8 optimises it while it runs (on-stack
// replacement), and the steps around it (a file's end, the next file's buffer), first reached
// after that, would otherwise de-optimise it, file after file.
/** Emits the complete lines in `buffer[0, end)`; returns where the unfinished rest starts. */
function emitLines(onLine: LineHandler, buffer: Buffer, end: number, lines: LineCount): number {
  // One search for the first line and the next: a search before the loop, run on the first call
  // before V8 gave this function type feedback, de-optimised it on a later call.
  for (let start = 0; ;) {
    const newline = buffer.indexOf(10, start);
    if (newline < 0 || newline >= end) return start;
    emitLine(onLine, buffer, start, newline, lines.next());
    start = newline + 1;
  }
}

/** One line without the CR of a CRLF line end. */
function emitLine(onLine: LineHandler, buffer: Buffer, start: number, end: number, lineNo: number): void {
  onLine(buffer, start, end > start && buffer[end - 1] === 13 ? end - 1 : end, lineNo);
}

/** A .json file holding one resource per line rather than one JSON document. */
function looksLikeNdjson(file: string): boolean {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(64 * 1024);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const first = buffer.subarray(0, read).toString('utf8').split('\n')[0]!.trim();
  if (!first.startsWith('{')) return false;
  try {
    const parsed = JSON.parse(first) as unknown;
    return isRecord(parsed) && parsed.resourceType !== 'Bundle';
  } catch {
    return false;
  }
}
