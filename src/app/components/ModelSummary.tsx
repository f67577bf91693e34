// One model's headline: a probability bar, a range over unknown inputs, observed rates with the
// odds-ratio factors, a factor checklist, or what is still needed.
import { INPUTS } from '../../domain/vocabulary.ts';
import { assignmentText, formatOdds, formatProbability, percentOf } from '../../models/display.ts';
import type {
  FactorResult,
  ModelResult,
  NotComputedResult,
  ObservedRateResult,
  RangeResult,
  RelativeOddsResult,
} from '../../models/result.ts';
import { FACTOR_STATUS_TEXT } from '../view/format.ts';

function Bar({ low, high, label }: { low: number; high: number; label: string }) {
  const pct = (p: number) => Math.max(1, Math.min(100, p * 100));
  return (
    <div class="bar" role="img" aria-label={label}>
      <div
        class="bar-fill"
        style={{
          marginLeft: low === high ? 0 : `${pct(low)}%`,
          width: low === high ? `${pct(high)}%` : `${Math.max(1, pct(high) - pct(low))}%`,
        }}
      />
    </div>
  );
}

function ProbabilityBar({ display, probability, outcome }: { display: string; probability: number; outcome: string }) {
  return (
    <div class="headline">
      <p class="big-number">{display}</p>
      <Bar low={probability} high={probability} label={`${display} chance of ${outcome}`} />
    </div>
  );
}

function RangeHeadline({ model }: { model: RangeResult }) {
  const over = model.range.over.map((n) => INPUTS[n].label).join(', ');
  return (
    <div class="headline range">
      <p class="big-number">{model.display}</p>
      <Bar
        low={model.range.low}
        high={model.range.high}
        label={`${model.display} chance of ${model.outcome}, depending on ${over}`}
      />
      <p>
        Depends on:{' '}
        {model.range.over.map((n, i) => (
          <span key={n}>
            {i > 0 && ', '}
            <a href={`#input-${n}`}>{INPUTS[n].label}</a>
          </span>
        ))}
      </p>
      <ul class="range-values">
        {model.range.values.map((v) => (
          <li key={assignmentText(v.assignment)}>
            {assignmentText(v.assignment)}: {formatProbability(v.probability)}
          </li>
        ))}
        {model.range.capped && <li>… (more combinations; the range covers them all)</li>}
      </ul>
      {model.calibration && <p class="note">{model.calibration}</p>}
    </div>
  );
}

function FactorList({ factors }: { factors: FactorResult[] }) {
  return (
    <ul class="factors">
      {factors.map((f) => (
        <li key={f.id} class={`factor factor-${f.status}`}>
          <span class="factor-status">{FACTOR_STATUS_TEXT[f.status]}</span> <span class="factor-label">{f.label}</span>
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

function ObservedRate({ rate, headline }: { rate: ObservedRateResult; headline: boolean }) {
  const counts =
    rate.events !== undefined && rate.total !== undefined ? `${rate.events} of ${rate.total} patients` : 'patients';
  return (
    <p class={headline ? 'observed observed-headline' : 'observed'}>
      {headline && <span class="big-number">{percentOf(rate.rate)}</span>} Observed: {counts} ({percentOf(rate.rate)})
      with {rate.label} had {rate.outcome} ({rate.source}).
    </p>
  );
}

function RelativeOdds({ model }: { model: RelativeOddsResult }) {
  return (
    <div class="headline">
      {model.observedRates.map((r, i) => (
        <ObservedRate key={`${r.source}-${r.label}-${r.outcome}`} rate={r} headline={i === 0} />
      ))}
      {model.calibrated && (
        <p class="note">
          {model.calibrated.display} with a {model.calibrated.calibration}
        </p>
      )}
      {model.relativeOdds !== null && (
        <p class="note">
          Odds relative to a patient with none of the factors: ×{formatOdds(model.relativeOdds)} (not a percentage)
        </p>
      )}
    </div>
  );
}

function NotComputed({ model }: { model: NotComputedResult }) {
  const names = [...model.missing, ...model.conflicts];
  return (
    <div class="headline not-computed">
      <p>
        Not computed: {model.missing.length > 0 && 'needs '}
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

function Headline({ model }: { model: ModelResult }) {
  switch (model.result) {
    case 'probability':
      return (
        <>
          <ProbabilityBar display={model.display} probability={model.probability} outcome={model.outcome} />
          {model.calibration && <p class="note">{model.calibration}</p>}
        </>
      );
    case 'range':
      return <RangeHeadline model={model} />;
    case 'relative-odds':
      return <RelativeOdds model={model} />;
    case 'not-computed':
      return <NotComputed model={model} />;
    case 'risk-factors':
      return model.estimate ? (
        <ProbabilityBar
          display={model.estimate.display}
          probability={model.estimate.probability}
          outcome={model.outcome}
        />
      ) : null;
    case 'not-applicable':
      return <p class="not-applicable-reason">Does not apply: {model.reason}</p>;
  }
}

export function ModelSummary({
  model,
  showWarning = () => true,
}: {
  model: ModelResult;
  showWarning?: (warning: string) => boolean;
}) {
  const warnings = model.warnings.filter(showWarning);
  return (
    <article
      class={`model model-${model.kind} result-${model.result}${model.result === 'not-computed' ? ' model-not-computed' : ''}`}
      aria-labelledby={`model-${model.id}`}
    >
      <h3 id={`model-${model.id}`}>
        {model.title}
        {model.locallyConfigured && <span class="badge badge-local">locally configured</span>}
      </h3>
      <p class="outcome">Outcome: {model.outcome}</p>
      <Headline model={model} />
      {(model.result === 'relative-odds' || model.result === 'risk-factors') && <FactorList factors={model.factors} />}
      {model.result === 'risk-factors' && model.statistics.length > 0 && (
        <ul class="statistics">
          {model.statistics.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul class="warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <p class="population">Population: {model.population}</p>
      <p class="citation">{model.citation}</p>
    </article>
  );
}
