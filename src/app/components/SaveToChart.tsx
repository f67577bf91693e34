// "Save to chart": writes what the card shows now (what-if edits included, recorded in the note)
// as RiskAssessments, or as one clinical note where the EHR takes no RiskAssessment, or says why
// it cannot save (record/branch.ts). One click, one write: a ref guards against double clicks
// before re-render, and a retry after a partial failure sends only what was not yet created.
import { useRef, useState } from 'preact/hooks';
import { isWritable, riskAssessmentsFor, type WriteBackContext } from '../../fhir/writeback.ts';
import type { SaveBranch } from '../record/branch.ts';
import type { Assessment } from '../../models/evaluate.ts';
import { saveAll, type CreateResource } from '../record/save.ts';

export interface WriteBack {
  /** What this EHR takes; "none" shows the reason instead of a button. */
  branch: SaveBranch;
  create: CreateResource;
  /** "Patient/123" */
  patientReference: string;
  /** fhirUser of the signed-in clinician, when the EHR said. */
  performer?: string;
}

interface Saved {
  /** The assessment these were created from. */
  assessment: Assessment;
  created: string[];
  titles: string[];
  error?: string;
}

export function SaveToChart(props: { assessment: Assessment; writeBack: WriteBack; version: string }) {
  const { assessment, writeBack } = props;
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const writable = assessment.models.filter(isWritable);
  const { branch } = writeBack;
  if (branch.kind === 'none') {
    return (
      <p class="save-result not-offered" role="note">
        Not saved to the chart: {branch.reason}. Use Print / Download PDF to keep a copy.
      </p>
    );
  }
  if (writable.length === 0 && !saved) return null;
  const asNote = branch.kind === 'document-reference';

  const current = saved?.assessment === assessment ? saved : null;
  const complete = current !== null && !current.error;

  const onSave = async () => {
    if (busy.current || complete) return;
    busy.current = true;
    setSaving(true);
    const ctx: WriteBackContext = {
      patientReference: writeBack.patientReference,
      ...(writeBack.performer ? { performer: writeBack.performer } : {}),
      now: new Date(),
      appVersion: props.version,
    };
    // The note writer is loaded on demand: only EHRs that take no RiskAssessment need it.
    const note = asNote
      ? await import('../../fhir/writeback-note.ts').then(
          (m) => m.clinicalNoteFor(assessment, ctx),
          () => null,
        )
      : undefined;
    if (note === null) {
      setSaved({ assessment, created: current?.created ?? [], titles: [], error: 'the note could not be prepared' });
      setSaving(false);
      busy.current = false;
      return;
    }
    const all = asNote ? (note ? [note] : []) : riskAssessmentsFor(assessment, ctx);
    const titles = asNote
      ? ['clinical note: ' + writable.map((m) => m.title).join(', ')]
      : writable.map((m) => m.title);
    const already = current?.created ?? [];
    const outcome = await saveAll(writeBack.create, all.slice(already.length));
    setSaved({
      assessment,
      created: [...already, ...outcome.created],
      titles,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    setSaving(false);
    busy.current = false;
  };

  return (
    <div class="save-to-chart">
      {writable.length > 0 && (
        <button type="button" onClick={() => void onSave()} disabled={saving || complete} aria-busy={saving}>
          {saving ? 'Saving…' : complete ? 'Saved to chart' : asNote ? 'Save note to chart' : 'Save to chart'}
        </button>
      )}
      {saved && !saved.error && (
        <p class="save-result saved" role="status">
          Saved to the chart: {saved.created.map((ref, i) => `${ref} (${saved.titles[i] ?? ''})`).join('; ')}.
          {saved.assessment !== assessment &&
            ' The inputs have changed since; save again to record the current estimates.'}
        </p>
      )}
      {saved?.error && (
        <p class="save-result failed" role="alert">
          {saved.created.length > 0 ? `Saved ${saved.created.join(', ')}; the rest was not saved` : 'Not saved'}:{' '}
          {saved.error}. The card is unchanged; you can try again.
        </p>
      )}
    </div>
  );
}
