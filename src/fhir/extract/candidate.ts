// A candidate value for one input, before the rules decide between candidates (resolve.ts).
import type { IgnoredItem, Source } from '../../domain/facts.ts';
import { validateInputValue } from '../../domain/validate.ts';
import type { InputName, InputValue, Side } from '../../domain/vocabulary.ts';

/** Result status as far as choosing goes: amended/corrected supersede final; preliminary loses to final. */
export type ResultStatus = 'final' | 'amended' | 'preliminary';

export interface Candidate {
  input: InputName;
  value: InputValue;
  origin: 'fhir' | 'report-text';
  source: Source;
  /** More sources for a value read from several places at once (e.g. macro + micro counts). */
  moreSources?: Source[];
  status: ResultStatus;
  /** When the result was issued (Observation.issued), where stated: an amendment replaces only what came before it. */
  issued?: string;
  /** Results from different specimens (or dates) are never blended: amendments and ranks apply within one key. */
  specimen?: string;
  side?: Side;
  /** Lower = more specific measure of the same thing, compared within one specimen. */
  rank?: number;
  note?: string;
  /** Read with a side (a clock position → quadrant): dropped when the sources disagree on the side. */
  sideDependent?: true;
}

/** The provenance of a value from anything that names its resource and, optionally, code, date and text. */
export function sourceFrom(x: { reference: string; code?: string; date?: string; text?: string }): Source {
  const s: Source = { reference: x.reference };
  if (x.code) s.code = x.code;
  if (x.date) s.date = x.date;
  if (x.text) s.text = x.text;
  return s;
}

/**
 * A copy with every field, in one order: extractors build candidates with different fields in
 * different orders, and the rules that read them all (resolve.ts) then meet one shape of object,
 * not a new one in some late record that makes V8 optimise them again. Absent fields are undefined,
 * which every reader takes as absent.
 */
function sameShape(c: Candidate): Candidate {
  return {
    input: c.input,
    value: c.value,
    origin: c.origin,
    source: c.source,
    moreSources: c.moreSources,
    status: c.status,
    issued: c.issued,
    specimen: c.specimen,
    side: c.side,
    rank: c.rank,
    note: c.note,
    sideDependent: c.sideDependent,
  };
}

/** Collects candidates and skipped items; candidate values are checked against the vocabulary. */
export class Collector {
  readonly candidates: Candidate[] = [];
  readonly ignored: IgnoredItem[] = [];
  /** Notes every value read from a resource must carry (e.g. how its patient link was made). */
  private readonly disclosures = new Map<string, string>();

  disclose(reference: string, note: string): void {
    this.disclosures.set(reference, note);
  }

  add(candidate: Candidate): void {
    const disclosure = this.disclosures.size > 0 ? this.#disclosureOf(candidate) : undefined;
    if (disclosure) candidate.note = candidate.note ? `${candidate.note}; ${disclosure}` : disclosure;
    try {
      candidate.value = validateInputValue(candidate.input, candidate.value);
    } catch (error) {
      this.ignore(candidate.source.reference, (error as Error).message);
      return;
    }
    this.candidates.push(sameShape(candidate));
  }

  /** The first source's disclosure, in source order. */
  #disclosureOf(candidate: Candidate): string | undefined {
    const own = this.disclosures.get(candidate.source.reference);
    if (own) return own;
    for (const s of candidate.moreSources ?? []) {
      const note = this.disclosures.get(s.reference);
      if (note) return note;
    }
    return undefined;
  }

  ignore(reference: string, reason: string): void {
    this.ignored.push({ reference, reason });
  }
}

/** FHIR Observation/DiagnosticReport status → how it counts, or a reason to skip it. */
export function readStatus(status: unknown): ResultStatus | { skip: string } {
  switch (status) {
    case 'final':
      return 'final';
    case 'amended':
    case 'corrected':
    case 'appended':
      return 'amended';
    case 'preliminary':
    case 'partial':
      return 'preliminary';
    case 'entered-in-error':
    case 'cancelled':
    case 'registered':
      return { skip: `status ${status}` };
    case undefined:
      return { skip: 'no status' };
    default:
      return { skip: typeof status === 'string' ? `status ${status}` : `status is not a code (${typeof status})` };
  }
}
