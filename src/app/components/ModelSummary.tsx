// One model's headline: a probability bar, relative odds with observed rates, or a factor checklist.
import { INPUTS } from '../../domain/vocabulary.ts';
import type { FactorResult, ModelResult } from '../../models/result.ts';
import { FACTOR_STATUS_TEXT, formatOdds, percent } from '../view/format.ts';

function ProbabilityBar({ model }: { model: ModelResult }) {
  const p = model.probability as number;
  return (
    <div class="headline">
      <p class="big-number">{model.display}</p>
      <div class="bar" role="img" aria-label={`${model.display} chance of ${model.outcome}`}>
        <div class="bar-fill" style={{ width: `${Math.max(1, Math.min(100, p * 100))}%` }} />
      </div>
      {model.calibration && <p class="note">{model.calibration}</p>}
    </div>
  );
}

function FactorList({ factors }: { factors: FactorResult[] }) {
  return (
    <ul class="factors">
      {factors.map((f) => (
        <li key={f.id} class={`factor factor-${f.status}`}>
          <span class="factor-status">{FACTOR_STATUS_TEXT[f.status]}</span>{' '}
          <span class="factor-label">{f.label}</span>
          {f.oddsRatio !== undefined && (
            <span class="factor-or">
              {' '}
              OR {f.oddsRatio}
              {f.ci95 && ` (95% CI ${f.ci95[0]}–${f.ci95[1]})`}
            </span>
          )}
          {f.patientValue && <span class="factor-value"> — {f.patientValue}</span>}
          {f.note && <span class="factor-note"> ({f.note})</span>}
        </li>
      ))}
    </ul>
  );
}

function RelativeOdds({ model }: { model: ModelResult }) {
  return (
    <div class="headline">
      <p class="big-number">×{formatOdds(model.relativeOdds as number)}</p>
      <p>odds relative to a patient with none of the factors (not a percentage)</p>
      {model.display && <p class="note">{model.display} with a locally calibrated intercept ({model.calibration})</p>}
    </div>
  );
}

function ObservedRate({ model }: { model: ModelResult }) {
  const r = model.observedRate;
  if (!r) return null;
  return (
    <p class="observed">
      In the published cohort, {r.events} of {r.total} patients ({percent(r.rate)}) with {r.label} had four or more involved
      nodes ({r.source}).
    </p>
  );
}

function NotComputed({ model }: { model: ModelResult }) {
  const names = [...model.missing, ...model.conflicts];
  return (
    <div class="headline not-computed">
      <p>Not computed: {model.missing.length > 0 && 'needs '}
        {names.map((n, i) => (
          <span key={n}>
            {i > 0 && ', '}
            <a href={`#input-${n}`}>{INPUTS[n].label}</a>
            {model.conflicts.includes(n) && ' (conflicting)'}
          </span>
        ))}
      </p>
    </div>
  );
}

export function ModelSummary({ model }: { model: ModelResult }) {
  const computed = model.missing.length + model.conflicts.length === 0;
  return (
    <article class={`model model-${model.kind}${computed ? '' : ' model-not-computed'}`} aria-labelledby={`model-${model.id}`}>
      <h3 id={`model-${model.id}`}>
        {model.title}
        {model.locallyConfigured && <span class="badge badge-local">locally configured</span>}
      </h3>
      <p class="outcome">Outcome: {model.outcome}</p>
      {!computed && <NotComputed model={model} />}
      {computed && model.kind === 'probability' && <ProbabilityBar model={model} />}
      {computed && model.kind === 'relative-odds' && <RelativeOdds model={model} />}
      {model.kind === 'relative-odds' && <ObservedRate model={model} />}
      {model.factors && <FactorList factors={model.factors} />}
      {model.statistics && model.statistics.length > 0 && (
        <ul class="statistics">
          {model.statistics.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      {model.warnings.length > 0 && (
        <ul class="warnings" aria-label="Warnings">
          {model.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <p class="population">Population: {model.population}</p>
      <p class="citation">{model.citation}</p>
    </article>
  );
}
