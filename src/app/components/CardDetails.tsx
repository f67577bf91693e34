// The card's sections below the estimates: what drives them, the inputs with their sources, the
// evidence, the data not used and the models' limits. Loaded after the bottom line has painted.
import '../details.css';
import type { ClinicalFacts, Source } from '../../domain/facts.ts';
import type { Overrides } from '../../domain/overrides.ts';
import type { InputName, InputValue } from '../../domain/vocabulary.ts';
import type { ModelDefinition } from '../../models/definition.ts';
import type { Assessment } from '../../models/evaluate.ts';
import { ignoredReasonWords } from '../view/words.ts';
import { AboutModels } from './AboutModels.tsx';
import { Drivers } from './Drivers.tsx';
import { Evidence } from './Evidence.tsx';
import { InputsPanel } from './InputsPanel.tsx';

// The guidelines and notes that complete the assessment come with the sections that show them.
export { completeAssessment } from '../../models/evaluate.ts';

export function CardDetails(props: {
  assessment: Assessment;
  recordFacts: ClinicalFacts;
  overrides: Overrides;
  onChange: (name: InputName, value: InputValue | undefined) => void;
  onShowSource: (source: Source) => void;
  definitions: readonly ModelDefinition[];
}) {
  const { assessment } = props;
  return (
    <>
      <Drivers models={assessment.models} />
      <InputsPanel
        facts={assessment.inputs}
        recordFacts={props.recordFacts}
        overrides={props.overrides}
        onChange={props.onChange}
        onShowSource={props.onShowSource}
      />
      <Evidence entries={assessment.evidence} notes={assessment.evidenceNotes} />
      {assessment.ignored.length > 0 && (
        <details class="ignored">
          <summary>Data not used ({assessment.ignored.length})</summary>
          <ul>
            {assessment.ignored.map((i, n) => (
              <li key={n}>
                {i.reference}: {ignoredReasonWords(i.reason)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <AboutModels definitions={props.definitions} />
    </>
  );
}
