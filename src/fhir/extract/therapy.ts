// Facts that come from clinical events: breast surgery type, neoadjuvant therapy and the side of the sentinel node biopsy.
import { sourceFrom, type Candidate } from './candidate.ts';
import type { Side } from '../../domain/vocabulary.ts';
import type { Context } from './context.ts';
import { dateMs } from '../fields.ts';
import type { BreastCancer } from './conditions.ts';
import type { ClinicalEvents, Event } from './procedures.ts';

/** Of two earliest events, the earlier; the first on a tie, as earliest() of both lists joined gives. */
export function earlierOf(a: Event | undefined, b: Event | undefined): Event | undefined {
  if (!a || !b) return a ?? b;
  return dateMs(b.date)! < dateMs(a.date)! ? b : a;
}

/** The event with the earliest full date. */
export function earliest(events: Event[]): Event | undefined {
  let best: Event | undefined;
  let bestMs = 0;
  for (const e of events) {
    const ms = dateMs(e.date);
    if (ms === undefined) continue;
    if (!best || ms < bestMs) {
      best = e;
      bestMs = ms;
    }
  }
  return best;
}

export function surgeryCandidates(events: ClinicalEvents, ctx: Context): void {
  for (const s of events.breastSurgeries) {
    if (!s.kind) continue;
    ctx.collector.add({
      input: 'breastSurgery',
      value: s.kind,
      origin: 'fhir',
      source: sourceFrom(s),
      status: 'final',
      ...(s.side ? { side: s.side } : {}),
    });
  }
  for (const b of events.sentinelBiopsies) {
    if (!b.side) continue;
    ctx.collector.add({
      input: 'laterality',
      value: b.side,
      origin: 'fhir',
      source: sourceFrom(b),
      status: 'final',
      side: b.side,
      note: 'side of the sentinel node biopsy',
    });
  }
}

/** A therapy started more than this long before surgery is not taken as treatment of this cancer. */
const NEOADJUVANT_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * Systemic therapy started before the first breast surgery (else axillary dissection, else the
 * sentinel node biopsy), within a year of it, means neoadjuvant therapy. Its absence proves
 * nothing, so this never states "false". A stopped request may never have been given, and agents
 * with other indications need a breast-cancer reason: both are asked about rather than assumed.
 */
export function neoadjuvantCandidates(events: ClinicalEvents, ctx: Context, sentinelPathology: Event[] = []): void {
  if (events.systemicTherapies.length === 0) return;
  const surgery =
    earliest(events.breastSurgeries) ?? earliest(events.axillaryDissections) ?? earliest(events.sentinelBiopsies);
  if (!surgery) {
    for (const t of events.systemicTherapies)
      ctx.collector.ignore(t.reference, 'neoadjuvantTherapy: no dated surgery to compare the therapy date with');
    return;
  }
  const surgeryMs = dateMs(surgery.date)!;
  const surgeryDay = surgery.date!.slice(0, 10);
  // Sentinel nodes examined before the therapy: the therapy may have followed a first operation.
  const sentinel = earlierOf(earliest(events.sentinelBiopsies), earliest(sentinelPathology));
  const sentinelMs = dateMs(sentinel?.date);
  for (const t of events.systemicTherapies) {
    const ms = dateMs(t.date);
    const skip = (why: string) => ctx.collector.ignore(t.reference, `neoadjuvantTherapy: ${why}`);
    if (ms === undefined) {
      skip('therapy without a full date');
      continue;
    }
    if (ms >= surgeryMs) continue;
    const day = t.date!.slice(0, 10);
    if (surgeryMs - ms > NEOADJUVANT_WINDOW_DAYS * DAY_MS) {
      skip(
        `${t.agent} on ${day} is more than a year before surgery on ${surgeryDay}; not taken as treatment of this cancer`,
      );
      continue;
    }
    if (sentinelMs !== undefined && sentinelMs < ms) {
      skip(
        `${t.agent} on ${day} follows the sentinel node biopsy or result of ${sentinel!.date!.slice(0, 10)} and precedes surgery on ${surgeryDay}: whether it was neoadjuvant cannot be told from the dates; ask the clinician`,
      );
      continue;
    }
    if (t.needsReason && !t.breastCancerReason) {
      skip(
        `${t.agent} on ${day}, before surgery on ${surgeryDay}, names no breast-cancer reason and has other uses: ask the clinician`,
      );
      continue;
    }
    if (!t.given && !t.breastCancerReason) {
      skip(`${t.agent} request of ${day} was stopped and names no breast-cancer reason: it may never have been given`);
      continue;
    }
    ctx.collector.add({
      input: 'neoadjuvantTherapy',
      value: true,
      origin: 'fhir',
      source: sourceFrom(t),
      moreSources: [sourceFrom(surgery)],
      status: 'final',
      note: `${t.agent} ${t.given ? 'on' : 'requested (stopped) on'} ${day}, before surgery on ${surgeryDay}`,
    });
  }
}

/**
 * Sides whose sentinel nodes hold tumour (positive or ITC-only nodes, or a stated nodal category),
 * as far as the node results name their side.
 */
function sidesWithNodalTumour(candidates: Candidate[]): Set<Side> {
  const sides = new Set<Side>();
  for (const c of candidates) {
    if (!c.side) continue;
    const tumour =
      ((c.input === 'slnPositive' || c.input === 'slnItcOnly') && typeof c.value === 'number' && c.value > 0) ||
      c.input === 'nodalBurden';
    if (tumour) sides.add(c.side);
  }
  return sides;
}

/**
 * Side of the index cancer: the only side with a breast cancer; when both sides have one, the
 * only biopsied side; when both were biopsied, the only side whose sentinel nodes hold tumour
 * (the decision Nodal Risk supports is about that axilla). Otherwise undecided: facts conflict.
 */
export function indexSide(
  cancers: BreastCancer[],
  events: ClinicalEvents,
  candidates: Candidate[] = [],
): Side | undefined {
  const sides = new Set<Side>();
  for (const c of cancers) {
    if (c.side === 'left' || c.side === 'right') sides.add(c.side);
    if (c.side === 'both') {
      sides.add('left');
      sides.add('right');
    }
  }
  // A loop, not map/filter: their arrays are empty in some records and hold strings in others,
  // and each new kind of array met after V8 optimised this made it optimise it again.
  const biopsied = new Set<Side>();
  for (const b of events.sentinelBiopsies) if (b.side) biopsied.add(b.side);
  if (sides.size === 1) return [...sides][0];
  if (biopsied.size === 1) return [...biopsied][0];
  const withTumour = sidesWithNodalTumour(candidates);
  if (withTumour.size === 1) return [...withTumour][0];
  return undefined;
}
