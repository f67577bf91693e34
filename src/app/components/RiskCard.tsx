// The risk card: headline results side by side, what drives them, the inputs with their sources,
// the evidence, and the models' limits. At launch the bottom line, the estimates and their caveats
// are painted first and the sections below them right after, so the numbers do not wait on them.
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { afterNextPaint } from '../card-painted.ts';
import type { ClinicalFacts, Source } from '../../domain/facts.ts';
import type { Overrides } from '../../domain/overrides.ts';
import type { InputName, InputValue } from '../../domain/vocabulary.ts';
import type { ModelDefinition } from '../../models/definition.ts';
import type { Assessment } from '../../models/evaluate.ts';
import type { FirstLook } from '../../models/first-look.ts';
import type { NotApplicableResult } from '../../models/result.ts';
import { promptsFor } from '../view/prompts.ts';
import { BottomLine } from './BottomLine.tsx';
import { ModelSummary } from './ModelSummary.tsx';
import type { BannerPatient } from './PatientBanner.tsx';
import { PrintHeader } from './PrintHeader.tsx';
import { Prompts } from './Prompts.tsx';
import type { WriteBack } from './SaveToChart.tsx';
import type { SourceIndex } from './SourceViewer.tsx';
import { loadedAfterPaint, useOnDemand } from './on-demand.ts';

export interface RiskCardProps {
  /** The assessment's first part; the card completes it with the details' chunk. */
  look: FirstLook;
  recordFacts: ClinicalFacts;
  overrides: Overrides;
  onChange: (name: InputName, value: InputValue | undefined) => void;
  definitions: readonly ModelDefinition[];
  sources: SourceIndex;
  version: string;
  generatedAt: Date;
  /** The patient for the printed header (shown on paper even when the banner is not on screen). */
  printPatient?: BannerPatient | null;
  /** Present only when the granted scopes allow creating RiskAssessments. */
  writeBack?: WriteBack;
  /** Render the drivers, inputs, evidence, data not used and the models' limits after the first paint. */
  detailsAfterFirstPaint?: boolean;
}

/** Why there is no "Save to chart" button, in words. */
function NoSave({
  writeBack,
  assessment,
}: {
  writeBack: WriteBack | undefined;
  assessment: Pick<Assessment, 'models'>;
}) {
  if (!writeBack)
    return (
      <p class="save-absent note">
        Save to chart is not offered: the EHR did not give Nodal Risk permission to write risk assessments.
      </p>
    );
  if (assessment.models.some((m) => m.result === 'probability' || m.result === 'range')) return null;
  return <p class="save-absent note">Save to chart is not offered: no model computed an estimate to save.</p>;
}

const loadSourceViewer = () => import('./SourceViewer.tsx');
// The sections below the estimates, and the guidelines and notes that complete the assessment, are
// not needed to paint the bottom line: their own chunk.
const loadDetails = () => import('./CardDetails.tsx');
const SAVE_FAILED = 'Save to chart could not be loaded: reload the app to save, or print the card.';
const SaveToChart = loadedAfterPaint(
  () => import('./SaveToChart.tsx'),
  (m) => m.SaveToChart,
  SAVE_FAILED,
);

export function RiskCard(props: RiskCardProps) {
  const { look, overrides } = props;
  const [shownSource, setShownSource] = useState<Source | null>(null);
  const [detailsShown, setDetailsShown] = useState(props.detailsAfterFirstPaint !== true);
  useLayoutEffect(() => {
    if (!detailsShown) afterNextPaint(() => setDetailsShown(true));
    // Once per card: later renders (what-if edits) keep the details.
  }, []);
  const details = useOnDemand(loadDetails, detailsShown);
  const complete = details.module?.completeAssessment;
  // What the details and "Save to chart" show: the whole assessment, once its chunk has loaded.
  const assessment = useMemo(() => complete?.(look), [complete, look]);
  const viewer = useOnDemand(loadSourceViewer, shownSource !== null);
  const applicable = look.models.filter((m) => m.result !== 'not-applicable');
  const notApplicable = look.models.filter((m): m is NotApplicableResult => m.result === 'not-applicable');
  const editCount = Object.values(overrides).filter((v) => v !== undefined).length;
  const prompts = promptsFor(props.recordFacts, look.inputs, overrides, look);
  // A warning a prompt asks about, or one every model repeats, is said once at the top.
  const shown = (w: string) => !prompts.some((p) => p.replaces.test(w));
  const common = [...new Set(applicable.flatMap((m) => m.warnings.filter(shown)))].filter(
    (w) => applicable.filter((m) => m.warnings.includes(w)).length > 1,
  );
  const modelWarning = (w: string) => shown(w) && !common.includes(w);

  return (
    <main class="risk-card" aria-busy={details.module || details.failed ? undefined : 'true'}>
      <PrintHeader
        patient={props.printPatient ?? null}
        reference={look.patient?.reference}
        version={props.version}
        generatedAt={props.generatedAt}
      />
      <header class="card-header">
        <h1>Nodal Risk</h1>
        <p class="subtitle">Further axillary disease after a positive sentinel node biopsy</p>
        {editCount > 0 && (
          <p class="what-if" role="status">
            What-if: {editCount} input{editCount > 1 ? 's' : ''} entered or edited by you; results below use them.
          </p>
        )}
        <div class="card-actions">
          <button type="button" class="secondary" onClick={() => window.print()}>
            Print / Download PDF
          </button>
          {props.writeBack && assessment && (
            <SaveToChart assessment={assessment} writeBack={props.writeBack} version={props.version} />
          )}
          {props.writeBack && details.failed && (
            <p class="note" role="status">
              {SAVE_FAILED}
            </p>
          )}
          <NoSave writeBack={props.writeBack} assessment={look} />
        </div>
      </header>

      <BottomLine assessment={{ inputs: look.inputs, models: look.models, evidence: look.trials }} />
      <Prompts prompts={prompts} onChange={props.onChange} />
      {common.length > 0 && (
        <ul class="common-warnings notice" aria-label="Applies to every model">
          {common.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}

      <section aria-labelledby="results-heading" class="results">
        <h2 id="results-heading">Estimates</h2>
        {applicable.length === 0 && <p>No model applies to this patient; the reasons are listed below.</p>}
        <div class="model-grid">
          {applicable.map((m) => (
            <ModelSummary key={m.id} model={m} showWarning={modelWarning} />
          ))}
        </div>
        {notApplicable.length > 0 && (
          <details class="not-applicable">
            <summary>Models that do not apply ({notApplicable.length})</summary>
            <ul>
              {notApplicable.map((m) => (
                <li key={m.id}>
                  <strong>{m.title}</strong>: {m.reason}
                  {m.outsidePopulation && (
                    <details class="outside-population">
                      <summary>What-if: the value anyway</summary>
                      <p>
                        {m.outsidePopulation.display} — outside the population the model was built for; not an estimate
                        for this patient.
                      </p>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
        {notApplicable.length > 0 && (
          <p class="print-only not-applicable-print">
            Do not apply: {notApplicable.map((m) => `${m.title} (${m.reason})`).join('; ')}.
          </p>
        )}
      </section>

      {details.module && assessment && (
        <details.module.CardDetails
          assessment={assessment}
          recordFacts={props.recordFacts}
          overrides={overrides}
          onChange={props.onChange}
          onShowSource={setShownSource}
          definitions={props.definitions}
        />
      )}
      {details.failed && (
        <p class="note" role="status">
          The drivers, inputs, evidence and notes on the models could not be loaded: reload the app to see them.
        </p>
      )}

      <footer class="card-footer">
        <p class="disclaimer">
          These estimates are the chance of further nodal disease, not of recurrence or survival. This card supports and
          does not replace clinical judgement.
        </p>
        <p class="meta">
          Nodal Risk {props.version} · generated {props.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
          {look.patient && ` · ${look.patient.reference}`}
        </p>
      </footer>
      {shownSource && viewer.failed && (
        <p class="note" role="status">
          The source viewer could not be loaded: reload the app to see where a value came from.
        </p>
      )}
      {shownSource && viewer.module && (
        <viewer.module.SourceViewer source={shownSource} index={props.sources} onClose={() => setShownSource(null)} />
      )}
    </main>
  );
}
