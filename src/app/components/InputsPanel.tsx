// Every input with its value, where it came from, and a way to fill, choose or edit it.
import { createContext } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import type { ClinicalFacts, Fact, PresentFact, Source } from '../../domain/facts.ts';
import type { Overrides } from '../../domain/overrides.ts';
import { INPUTS, isDerivedOnly, type InputName, type InputValue } from '../../domain/vocabulary.ts';
import { ORIGIN_BADGE, shortDate } from '../view/format.ts';
import { INPUT_GROUPS } from '../view/input-groups.ts';
import { legendMarks, sourceLegend, type LegendEntry } from '../view/source-legend.ts';
import { valueWords } from '../view/words.ts';
import { InputEditor } from './InputEditor.tsx';

interface Props {
  /** Facts in force (record + edits + derived), as the models saw them. */
  facts: ClinicalFacts;
  /** Facts from the record alone, for "reset" and for conflicts. */
  recordFacts: ClinicalFacts;
  overrides: Overrides;
  onChange: (name: InputName, value: InputValue | undefined) => void;
  onShowSource: (source: Source) => void;
}

const Legend = createContext<Map<string, LegendEntry>>(new Map());

function SourceLinks({ fact, onShowSource }: { fact: PresentFact; onShowSource: (s: Source) => void }) {
  const legend = useContext(Legend);
  // One link per cited resource: a report quoted on several lines is cited once.
  const linkable = fact.sources.filter(
    (s, i, all) => s.reference !== 'clinician' && all.findIndex((o) => o.reference === s.reference) === i,
  );
  return (
    <>
      <span class={`badge badge-${fact.origin}`}>{ORIGIN_BADGE[fact.origin]}</span>
      {linkable.map((s, i) => (
        <button type="button" class="link" key={`${s.reference}-${i}`} onClick={() => onShowSource(s)}>
          {s.reference}
          {s.date && ` · ${shortDate(s.date)}`}
        </button>
      ))}
      {/* Buttons are not printed; paper cites the numbered source legend instead. */}
      {linkable.length > 0 && (
        <span class="print-inline source-ref">
          {legendMarks(
            legend,
            linkable.map((s) => s.reference),
          )}
        </span>
      )}
    </>
  );
}

function ConflictChoice({
  name,
  fact,
  onChange,
  onShowSource,
}: {
  name: InputName;
  fact: Extract<Fact, { status: 'conflict' }>;
  onChange: Props['onChange'];
  onShowSource: Props['onShowSource'];
}) {
  return (
    <fieldset class="conflict">
      <legend>
        <span class="badge badge-conflict">Conflict</span> sources disagree:{' '}
        {fact.candidates.map((c) => valueWords(name, c.value as InputValue)).join(' vs ')}; choose one
      </legend>
      {fact.candidates.map((c, i) => (
        <div key={i} class="candidate">
          <span class="value">{valueWords(name, c.value as InputValue)}</span>{' '}
          <SourceLinks fact={c as PresentFact} onShowSource={onShowSource} />
          <button
            type="button"
            class="secondary"
            aria-label={`Use ${valueWords(name, c.value as InputValue)} for ${INPUTS[name].label}`}
            onClick={() => onChange(name, c.value as InputValue)}
          >
            Use this
          </button>
        </div>
      ))}
    </fieldset>
  );
}

function InputRow({ name, props }: { name: InputName; props: Props }) {
  const { facts, recordFacts, overrides, onChange, onShowSource } = props;
  const [editing, setEditing] = useState(false);
  const fact = facts[name] as Fact;
  const record = recordFacts[name] as Fact;
  const edited = overrides[name] !== undefined;
  const derivedOnly = isDerivedOnly(name);

  let cell;
  if (fact.status === 'present' && !editing) {
    cell = (
      <>
        <span class="value">{valueWords(name, fact.value as InputValue)}</span>{' '}
        <SourceLinks fact={fact as PresentFact} onShowSource={onShowSource} />
        {fact.note && <span class="fact-note"> {fact.note}</span>}
        {!derivedOnly && !edited && (
          <button
            type="button"
            class="secondary"
            aria-label={`Edit ${INPUTS[name].label}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        )}
      </>
    );
  } else if (fact.status === 'conflict' && !editing) {
    cell = <ConflictChoice name={name} fact={fact} onChange={onChange} onShowSource={onShowSource} />;
  } else if (derivedOnly) {
    cell = <span class="missing">not available{fact.status === 'missing' && fact.note ? ` (${fact.note})` : ''}</span>;
  } else {
    cell = (
      <>
        <InputEditor
          name={name}
          value={fact.status === 'present' ? (fact.value as InputValue) : undefined}
          onChange={(v) => onChange(name, v)}
        />
        {fact.status === 'missing' && <span class="missing"> not found in the record</span>}
        {editing && (
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            Done
          </button>
        )}
      </>
    );
  }

  return (
    <tr id={`input-${name}`} class={edited ? 'edited' : fact.status}>
      <th scope="row">
        <label for={`edit-${name}`}>{INPUTS[name].label}</label>
      </th>
      <td>
        {cell}
        {edited && (
          <button
            type="button"
            class="secondary"
            aria-label={`Reset ${INPUTS[name].label} to the record`}
            onClick={() => {
              setEditing(false);
              onChange(name, undefined);
            }}
          >
            Reset{record.status === 'present' ? ` to ${valueWords(name, record.value as InputValue)}` : ''}
          </button>
        )}
      </td>
    </tr>
  );
}

export function InputsPanel(props: Props) {
  const legend = useMemo(() => sourceLegend(props.facts), [props.facts]);
  return (
    <section aria-labelledby="inputs-heading" class="inputs">
      <h2 id="inputs-heading">Inputs and where they came from</h2>
      <Legend.Provider value={legend}>
        {INPUT_GROUPS.map((group) => (
          <table key={group.title} class="inputs-table">
            <caption>{group.title}</caption>
            <tbody>
              {group.inputs.map((name) => (
                <InputRow key={name} name={name} props={props} />
              ))}
            </tbody>
          </table>
        ))}
      </Legend.Provider>
      {legend.size > 0 && (
        <ol class="print-only source-legend" aria-label="Sources">
          {[...legend.values()].map((e) => (
            <li key={e.reference}>
              [{e.n}] {e.reference}
              {e.date && ` (${e.date})`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
