// Reading a file of FHIR resources for the CLI: a Bundle of any type (nested bundles flattened,
// urn:uuid references rewritten to Type/id), a JSON array, one resource, or NDJSON.
import { isRecord } from '../domain/json.ts';
import { listPatients } from '../fhir/extract/index.ts';
import { decodeBase64Utf8 } from '../report/text.ts';

export class ResourceFileError extends Error {
  override readonly name = 'ResourceFileError';
}

function flattenBundle(bundle: Record<string, unknown>, out: unknown[], fullUrls: Map<string, string>): void {
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const resource = entry.resource;
    if (isRecord(resource) && resource.resourceType === 'Bundle') {
      flattenBundle(resource, out, fullUrls);
      continue;
    }
    if (resource === undefined) continue;
    if (isRecord(resource) && typeof entry.fullUrl === 'string' && typeof resource.resourceType === 'string') {
      // Transaction bundles refer to entries by fullUrl (urn:uuid:…); give such resources an id.
      if (typeof resource.id !== 'string' && entry.fullUrl.startsWith('urn:uuid:')) {
        resource.id = entry.fullUrl.slice('urn:uuid:'.length);
      }
      if (typeof resource.id === 'string') fullUrls.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
    }
    out.push(resource);
  }
}

function rewriteReferences(value: unknown, fullUrls: Map<string, string>, depth = 0): void {
  if (depth > 64 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, fullUrls, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(obj)) {
    if (key === 'reference' && typeof v === 'string' && fullUrls.has(v)) obj[key] = fullUrls.get(v);
    else rewriteReferences(v, fullUrls, depth + 1);
  }
}

/** Resources from the text of a JSON or NDJSON file. Throws ResourceFileError with a one-line reason. */
export function parseResources(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) throw new ResourceFileError('the file is empty');
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    isJson = false;
  }
  if (!isJson) return parseNdjson(trimmed);
  if (Array.isArray(parsed)) return parsed;
  if (!isRecord(parsed) || typeof parsed.resourceType !== 'string') {
    throw new ResourceFileError('expected a FHIR Bundle, a FHIR resource, an array of resources or NDJSON');
  }
  if (parsed.resourceType !== 'Bundle') return [parsed];
  const out: unknown[] = [];
  const fullUrls = new Map<string, string>();
  flattenBundle(parsed, out, fullUrls);
  if (fullUrls.size > 0) rewriteReferences(out, fullUrls);
  return out;
}

function parseNdjson(text: string): unknown[] {
  const out: unknown[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line));
    } catch {
      throw new ResourceFileError(`line ${i + 1} is not JSON (expected a Bundle or NDJSON of resources)`);
    }
  });
  return out;
}

/** The patient to score: the one asked for, or the only one in the file. Throws listing them otherwise. */
export function pickPatient(resources: readonly unknown[], requested?: string): string {
  const patients = listPatients(resources);
  if (requested) {
    const ref = requested.startsWith('Patient/') ? requested : `Patient/${requested}`;
    if (!patients.includes(ref)) {
      throw new ResourceFileError(`patient ${requested} is not in the file (found: ${patients.join(', ') || 'none'})`);
    }
    return ref;
  }
  if (patients.length === 0) throw new ResourceFileError('no patient in the file');
  if (patients.length > 1) {
    throw new ResourceFileError(`the file holds several patients (${patients.join(', ')}); choose one with --patient`);
  }
  return patients[0]!;
}

/** Text (and XML) of Binary resources in the file, keyed as attachments refer to them ("Binary/id"). */
export function binariesIn(resources: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of resources) {
    if (!isRecord(r) || r.resourceType !== 'Binary' || typeof r.id !== 'string' || typeof r.data !== 'string') continue;
    // Report text and CAP SDC forms (XML); other binaries (PDF, images) are not read.
    if (typeof r.contentType === 'string' && !/^text\/|xml/i.test(r.contentType)) continue;
    const text = decodeBase64Utf8(r.data);
    if (text !== undefined) out[`Binary/${r.id}`] = text;
  }
  return out;
}
