// A readable summary of a FHIR resource for the "where did this come from" view.
// Input is untrusted JSON: every field is narrowed, and output is plain text lines.
import { isRecord, type Json } from '../../domain/json.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function concept(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  const text = str(v.text);
  if (text) return text;
  const codings = Array.isArray(v.coding) ? v.coding.filter(isRecord) : [];
  const parts = codings
    .map((c) => str(c.display) ?? [str(c.system), str(c.code)].filter(Boolean).join('|'))
    .filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

function codes(v: unknown): string | undefined {
  if (!isRecord(v) || !Array.isArray(v.coding)) return undefined;
  const parts = v.coding.filter(isRecord).map((c) => [str(c.system), str(c.code)].filter(Boolean).join('|'));
  return parts.filter(Boolean).join(', ') || undefined;
}

function quantity(v: unknown): string | undefined {
  if (!isRecord(v) || typeof v.value !== 'number') return undefined;
  return [String(v.value), str(v.unit) ?? str(v.code)].filter(Boolean).join(' ');
}

function valueOf(r: Json): string | undefined {
  if ('valueQuantity' in r) return quantity(r.valueQuantity);
  if ('valueCodeableConcept' in r) return concept(r.valueCodeableConcept);
  if ('valueString' in r) return str(r.valueString);
  if ('valueInteger' in r && typeof r.valueInteger === 'number') return String(r.valueInteger);
  if ('valueBoolean' in r && typeof r.valueBoolean === 'boolean') return r.valueBoolean ? 'true' : 'false';
  if ('valueRatio' in r && isRecord(r.valueRatio)) {
    const n = quantity(r.valueRatio.numerator);
    const d = quantity(r.valueRatio.denominator);
    return n && d ? `${n}/${d}` : undefined;
  }
  return undefined;
}

function date(r: Json): string | undefined {
  return (
    str(r.effectiveDateTime) ??
    (isRecord(r.effectivePeriod) ? str(r.effectivePeriod.start) : undefined) ??
    str(r.performedDateTime) ??
    (isRecord(r.performedPeriod) ? str(r.performedPeriod.start) : undefined) ??
    str(r.onsetDateTime) ??
    str(r.recordedDate) ??
    str(r.issued) ??
    str(r.date) ??
    str(r.authoredOn)
  );
}

export interface ResourceSummary {
  title: string;
  lines: [string, string][];
}

export function summarizeResource(resource: unknown, reference: string): ResourceSummary {
  if (!isRecord(resource))
    return { title: reference, lines: [['Note', 'The resource is no longer available in this session.']] };
  const lines: [string, string][] = [];
  const add = (label: string, value: string | undefined) => value && lines.push([label, value]);
  add('Type', str(resource.resourceType));
  add('What', concept(resource.code));
  add('Codes', codes(resource.code));
  add('Value', valueOf(resource));
  add(
    'Interpretation',
    Array.isArray(resource.interpretation)
      ? resource.interpretation.map(concept).filter(Boolean).join('; ')
      : undefined,
  );
  add('Status', str(resource.status));
  add('Date', date(resource));
  add(
    'Body site',
    Array.isArray(resource.bodySite)
      ? resource.bodySite.map(concept).filter(Boolean).join('; ')
      : concept(resource.bodySite),
  );
  add(
    'Specimen',
    isRecord(resource.specimen) ? (str(resource.specimen.display) ?? str(resource.specimen.reference)) : undefined,
  );
  add('Conclusion', str(resource.conclusion));
  if (Array.isArray(resource.component)) {
    for (const c of resource.component.filter(isRecord)) add(concept(c.code) ?? 'Component', valueOf(c));
  }
  add(
    'Note',
    Array.isArray(resource.note)
      ? resource.note
          .filter(isRecord)
          .map((n) => str(n.text))
          .filter(Boolean)
          .join(' ')
      : undefined,
  );
  return { title: reference, lines };
}
