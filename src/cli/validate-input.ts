// Bulk FHIR input for `nodal-risk validate`: NDJSON files (one per resource type, all patients
// mixed, as a Bulk Data $export writes them) or Bundle JSON files, grouped per patient without
// holding the cohort in memory. Resources are streamed line by line into hash partitions by
// patient on disk; each partition is then small enough to group in memory. Small inputs stay in
// one in-memory partition. Unreadable lines and resources without a patient are reported, never fatal.
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { patientLink } from '../fhir/extract/patient.ts';
import { isRecord, str, field } from '../domain/json.ts';
import { normaliseReference, resourceRef } from '../fhir/fields.ts';
import { CliUsageError } from './errors.ts';
import { parseResources, ResourceFileError } from './read-resources.ts';
import { topLevelFields } from './top-level-fields.ts';

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

/** The patient a resource belongs to: subject/patient, a Patient's own id, a Binary's securityContext. */
export function patientOf(resource: Record<string, unknown>): string | undefined {
  const link = patientLink(resource);
  if (link) return link.slice('Patient/'.length);
  const context = str(field(resource.securityContext, 'reference'));
  if (resource.resourceType === 'Binary' && context) {
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

interface Sink {
  /** Whether add() needs the parsed resource (the disk sink parses the line once, when it reads it back). */
  readonly wantsResource: boolean;
  add(patient: string, resource: unknown, line: string, where: string): void;
  finish(): void;
  patients(): Iterable<PatientResources>;
  dispose(): void;
}

function memorySink(): Sink {
  const groups = new Map<string, unknown[]>();
  return {
    wantsResource: true,
    add(patient, resource) {
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

function diskSink(count: number, problems: InputProblem[]): Sink {
  const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-validate-'));
  const files = Array.from({ length: count }, (_, i) => join(dir, `part-${i}.ndjson`));
  const fds = files.map((f) => openSync(f, 'w', 0o600));
  const buffers: string[][] = files.map(() => []);
  const sizes = new Array<number>(count).fill(0);
  const flush = (i: number) => {
    if (buffers[i]!.length === 0) return;
    writeSync(fds[i]!, buffers[i]!.join(''));
    buffers[i] = [];
    sizes[i] = 0;
  };
  return {
    wantsResource: false,
    add(patient, _resource, line, where) {
      const i = hash(patient) % count;
      // The patient id and where the line came from travel with it, so the second pass needs no lookup.
      const record = `${JSON.stringify(patient)}\t${JSON.stringify(where)}\t${line}\n`;
      buffers[i]!.push(record);
      sizes[i]! += record.length;
      if (sizes[i]! > FLUSH_BYTES) flush(i);
    },
    finish() {
      files.forEach((_, i) => flush(i));
      fds.forEach((fd) => closeSync(fd));
    },
    *patients() {
      for (const file of files) {
        const groups = new Map<string, unknown[]>();
        for (const record of readFileSync(file, 'utf8').split('\n')) {
          if (!record) continue;
          const tab = record.indexOf('\t');
          const tab2 = record.indexOf('\t', tab + 1);
          const patient = JSON.parse(record.slice(0, tab)) as string;
          const resource = parsedResource(record.slice(tab2 + 1), patient);
          if (typeof resource === 'string') {
            problems.push({ reason: `${JSON.parse(record.slice(tab + 1, tab2)) as string}: ${resource}` });
            continue;
          }
          const list = groups.get(patient);
          if (list) list.push(resource);
          else groups.set(patient, [resource]);
        }
        rmSync(file, { force: true });
        for (const patient of [...groups.keys()].sort()) yield { patient, resources: groups.get(patient)! };
      }
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The line's resource, or why it cannot be used (the first pass read only its top-level fields). */
function parsedResource(line: string, patient: string): Record<string, unknown> | string {
  let resource: unknown;
  try {
    resource = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (!isRecord(resource) || typeof resource.resourceType !== 'string') return 'not a FHIR resource';
  // Never expected: the fields read in the first pass are the ones JSON.parse gives.
  if (patientOf(resource) !== patient) return 'its patient reference reads differently in full; not used';
  return resource;
}

export interface GroupedInput {
  patients: Iterable<PatientResources>;
  /** How many distinct patients the input names. */
  patientCount: number;
  /** Unreadable input; lines the first pass could not judge are added while `patients` is read. */
  problems: InputProblem[];
  /** Removes the partition files. */
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
  const sink = partitions <= 1 ? memorySink() : diskSink(partitions, problems);
  const seen = new Set<string>();
  const take = (resource: unknown, line: string, where: string) => {
    if (!isRecord(resource) || typeof resource.resourceType !== 'string') {
      problems.push({ reason: `${where}: not a FHIR resource` });
      return;
    }
    const patient = patientOf(resource);
    if (!patient) problems.push({ reason: `${where}: ${resourceRef(resource)} has no patient reference` });
    else {
      seen.add(patient);
      sink.add(patient, resource, line, where);
    }
  };
  try {
    for (const file of files) {
      const name = basename(file);
      if (/\.json$/i.test(file) && !looksLikeNdjson(file)) {
        let resources: unknown[];
        try {
          resources = parseResources(readFileSync(file, 'utf8'));
        } catch (e) {
          if (!(e instanceof ResourceFileError)) throw e;
          problems.push({ reason: `${name}: ${e.message}` });
          continue;
        }
        resources.forEach((r, i) => take(r, JSON.stringify(r), `${name} entry ${i + 1}`));
        continue;
      }
      forEachLine(file, (line, lineNo) => {
        if (!line.trim()) return;
        const where = `${name} line ${lineNo}`;
        const fields = sink.wantsResource ? undefined : topLevelFields(line);
        if (fields && typeof fields.resourceType === 'string') return take(fields, line, where);
        let resource: unknown;
        try {
          resource = JSON.parse(line);
        } catch {
          problems.push({ reason: `${where}: not valid JSON` });
          return;
        }
        take(resource, line, where);
      });
    }
    sink.finish();
  } catch (e) {
    sink.dispose();
    throw e;
  }
  return { patients: sink.patients(), patientCount: seen.size, problems, dispose: () => sink.dispose() };
}

/** Calls back with each line of a file (1-based numbers), reading 4 MB at a time; lines split on bytes, so no UTF-8 sequence is cut. */
function forEachLine(file: string, onLine: (line: string, lineNo: number) => void): void {
  const fd = openSync(file, 'r');
  let buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
  let kept = 0; // bytes of an unfinished line at the start of the buffer
  let lineNo = 0;
  const emit = (text: string) => onLine(text.endsWith('\r') ? text.slice(0, -1) : text, ++lineNo);
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
        if (end > 0) emit(buffer.toString('utf8', 0, end));
        break;
      }
      const lastNewline = buffer.lastIndexOf(10, end - 1);
      if (lastNewline < 0) {
        kept = end;
        continue;
      }
      const lines = buffer.toString('utf8', 0, lastNewline).split('\n');
      for (const line of lines) emit(line);
      kept = end - lastNewline - 1;
      buffer.copy(buffer, 0, lastNewline + 1, end);
    }
  } finally {
    closeSync(fd);
  }
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
