// Facts that come from clinical events: breast surgery type, neoadjuvant therapy, the age anchor,
// and the side of the sentinel node biopsy.
import { sourceFrom, type Candidate } from './candidate.ts';
import type { Side } from '../codes.ts';
import type { Context } from './context.ts';
import { dateMs } from './json.ts';
import type { BreastCancer } from './conditions.ts';
import type { AgeAnchor } from './patient.ts';
import type { ClinicalEvents, Event } from './procedures.ts';

function earliest(events: Event[]): Event | undefined {
  let best: Event | undefined;
  for (const e of events) {
    const ms = dateMs(e.date);
    if (ms === undefined) continue;
    if (!best || ms < dateMs(best.date)!) best = e;
  }
  return best;
}

export function surgeryCandidates(events: ClinicalEvents, ctx: Context): void {
  for (const s of events.breastSurgeries) {
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

/**
 * Systemic therapy dated before the first breast surgery (else before the sentinel node biopsy)
 * means neoadjuvant therapy. Its absence proves nothing, so this never states "false".
 */
export function neoadjuvantCandidates(events: ClinicalEvents, ctx: Context): void {
  if (events.systemicTherapies.length === 0) return;
  const surgery = earliest(events.breastSurgeries) ?? earliest(events.sentinelBiopsies);
  if (!surgery) {
    for (const t of events.systemicTherapies) ctx.collector.ignore(t.reference, 'neoadjuvantTherapy: no dated surgery to compare the therapy date with');
    return;
  }
  const surgeryMs = dateMs(surgery.date)!;
  for (const t of events.systemicTherapies) {
    const ms = dateMs(t.date);
    if (ms === undefined) {
      ctx.collector.ignore(t.reference, 'neoadjuvantTherapy: therapy without a full date');
    } else if (ms < surgeryMs) {
      ctx.collector.add({
        input: 'neoadjuvantTherapy',
        value: true,
        origin: 'fhir',
        source: sourceFrom(t),
        moreSources: [sourceFrom(surgery)],
        status: 'final',
        note: `systemic therapy on ${t.date!.slice(0, 10)}, before surgery on ${surgery.date!.slice(0, 10)}`,
      });
    }
  }
}

/** Age anchor: the sentinel node biopsy date, else the diagnosis date, else today (design.md). */
export function ageAnchor(events: ClinicalEvents, cancers: BreastCancer[], now: Date): AgeAnchor {
  const slnb = earliest(events.sentinelBiopsies);
  if (slnb) return { date: slnb.date!, source: sourceFrom(slnb), note: `age at sentinel node biopsy on ${slnb.date!.slice(0, 10)}` };
  const dx = earliest(cancers.map((c) => ({ reference: c.reference, date: c.onset })));
  if (dx) return { date: dx.date!, source: sourceFrom(dx), note: `age at diagnosis on ${dx.date!.slice(0, 10)}` };
  const today = now.toISOString().slice(0, 10);
  return { date: today, note: `age today (${today}): no dated sentinel node biopsy or diagnosis found` };
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
      ((c.input === 'slnPositive' || c.input === 'slnItcOnly') && typeof c.value === 'number' && c.value > 0) || c.input === 'nodalBurden';
    if (tumour) sides.add(c.side);
  }
  return sides;
}

/**
 * Side of the index cancer: the only side with a breast cancer; when both sides have one, the
 * only biopsied side; when both were biopsied, the only side whose sentinel nodes hold tumour
 * (the decision Nodal Risk supports is about that axilla). Otherwise undecided: facts conflict.
 */
export function indexSide(cancers: BreastCancer[], events: ClinicalEvents, candidates: Candidate[] = []): Side | undefined {
  const sides = new Set<Side>();
  for (const c of cancers) {
    if (c.side === 'left' || c.side === 'right') sides.add(c.side);
    if (c.side === 'both') {
      sides.add('left');
      sides.add('right');
    }
  }
  const biopsied = new Set(events.sentinelBiopsies.map((b) => b.side).filter((s): s is Side => !!s));
  if (sides.size === 1) return [...sides][0];
  if (biopsied.size === 1) return [...biopsied][0];
  const withTumour = sidesWithNodalTumour(candidates);
  if (withTumour.size === 1) return [...withTumour][0];
  return undefined;
}
