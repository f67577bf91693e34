// `--report FILE.html`: a self-contained page (no network, no script) with the cohort summary,
// per model the ROC curve and a calibration plot (deciles with 95% CIs, a smoothed curve and the
// line of perfect calibration), the numbers of --json, and every skip with its reason. The plots
// are Vega-Lite specifications rendered to SVG here, server-side.
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import type { CohortCounts, ValidationResult } from '../validation/cohort.ts';
import type { ModelPlots, ModelSummary } from '../validation/summary.ts';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SIZE = { width: 300, height: 300 };
/** Skips listed one by one; the counts by reason cover them all. */
const SKIPS_LISTED = 500;
const unitAxis = (title: string) => ({ title, scale: { domain: [0, 1] } });

function rocSpec(plots: ModelPlots): TopLevelSpec {
  return {
    ...SIZE,
    title: 'ROC curve',
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...unitAxis('1 − specificity') },
          y: { field: 'y', type: 'quantitative', ...unitAxis('sensitivity') },
        },
      },
      {
        data: { values: plots.roc },
        mark: { type: 'line', interpolate: 'step-after', color: '#1f5f8b' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative' },
          y: { field: 'tpr', type: 'quantitative' },
          order: { field: 'fpr' },
        },
      },
    ],
  } as TopLevelSpec;
}

function calibrationSpec(plots: ModelPlots): TopLevelSpec {
  const top = Math.min(
    1,
    Math.max(0.1, ...plots.groups.map((g) => g.ci95[1]), ...plots.groups.map((g) => g.meanPredicted)) * 1.05,
  );
  const axis = (title: string) => ({ title, scale: { domain: [0, top] } });
  const layers: unknown[] = [
    {
      data: {
        values: [
          { x: 0, y: 0 },
          { x: top, y: top },
        ],
      },
      mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
      encoding: {
        x: { field: 'x', type: 'quantitative', ...axis('predicted risk') },
        y: { field: 'y', type: 'quantitative', ...axis('observed rate') },
      },
    },
    {
      data: { values: plots.groups.map((g) => ({ predicted: g.meanPredicted, lo: g.ci95[0], hi: g.ci95[1] })) },
      mark: { type: 'rule', color: '#c0504d' },
      encoding: {
        x: { field: 'predicted', type: 'quantitative' },
        y: { field: 'lo', type: 'quantitative' },
        y2: { field: 'hi' },
      },
    },
    {
      data: { values: plots.groups.map((g) => ({ predicted: g.meanPredicted, observed: g.observed })) },
      mark: { type: 'point', filled: true, color: '#c0504d' },
      encoding: { x: { field: 'predicted', type: 'quantitative' }, y: { field: 'observed', type: 'quantitative' } },
    },
  ];
  if (plots.curve) {
    layers.push({
      data: { values: plots.curve.filter((p) => p.predicted <= top && p.observed <= top) },
      mark: { type: 'line', color: '#1f5f8b' },
      encoding: { x: { field: 'predicted', type: 'quantitative' }, y: { field: 'observed', type: 'quantitative' } },
    });
  }
  return { ...SIZE, title: 'Calibration (deciles with 95% CI; smoothed curve)', layer: layers } as TopLevelSpec;
}

/** Vega-Lite → SVG text, rendered headless (no canvas, no network). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const ci = (p: [number, number] | null | undefined) => (p ? ` (${fmt(p[0])}–${fmt(p[1])})` : '');

function numbersTable(m: ModelSummary): string {
  const rows: [string, string][] = [
    ['Patients scored', `${m.n} (${m.events} with the outcome; ${m.notApplicable} outside the model's population)`],
    [
      'Endpoint',
      m.endpoint === 'pn2' ? 'four or more involved nodes (pN2–3)' : 'non-sentinel node metastasis at completion ALND',
    ],
  ];
  if (m.factors) {
    for (const f of m.factors) {
      const text = f.byValue
        ? f.byValue.map((v) => `${v.value}: ${v.events}/${v.n} (${(v.rate * 100).toFixed(1)}%)`).join('; ')
        : `with the outcome median ${fmt(f.withEvent?.median, 2)} (IQR ${fmt(f.withEvent?.quartiles[0], 2)}–${fmt(f.withEvent?.quartiles[1], 2)}); without ${fmt(f.withoutEvent?.median, 2)} (IQR ${fmt(f.withoutEvent?.quartiles[0], 2)}–${fmt(f.withoutEvent?.quartiles[1], 2)})`;
      rows.push([f.label, text]);
    }
    rows.push([
      'Note',
      'No cut-offs are published for these risk factors: observed rates by factor, never a count of factors present.',
    ]);
  } else {
    rows.push(['AUC (DeLong 95% CI)', `${fmt(m.auc)}${ci(m.aucCi95)}`]);
    if (m.fittedIntercept !== undefined) {
      rows.push([
        'Fitted intercept (published odds ratios as offset)',
        `${fmt(m.fittedIntercept)}${ci(m.fittedInterceptCi95)}`,
      ]);
    } else {
      rows.push(['Observed / expected', fmt(m.observedExpected)]);
      rows.push(['Intercept shift (calibration-in-the-large)', `${fmt(m.interceptShift)}${ci(m.interceptShiftCi95)}`]);
    }
    rows.push(['Calibration slope', `${fmt(m.calibrationSlope)}${ci(m.calibrationSlopeCi95)}`]);
    rows.push(['Brier score', fmt(m.brier)]);
  }
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

export async function validationReportHtml(
  result: ValidationResult,
  plots: readonly ModelPlots[],
  counts: CohortCounts,
  site: string | undefined,
): Promise<string> {
  const sections: string[] = [];
  for (const m of result.models) {
    const p = plots.find((x) => x.id === m.id);
    const figures = p
      ? `<div class="plots">${await renderSvg(rocSpec(p))}${await renderSvg(calibrationSpec(p))}</div>`
      : '';
    sections.push(`<section><h2>${escapeHtml(m.id)}</h2>${numbersTable(m)}${figures}</section>`);
  }
  const listed = result.skipped.slice(0, SKIPS_LISTED);
  const skipped = listed
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.patient ?? '(no patient)')}</td><td>${escapeHtml(s.model ?? 'all models')}</td><td>${escapeHtml(s.reason)}</td></tr>`,
    )
    .join('');
  const more =
    result.skipped.length > listed.length
      ? `<p>First ${listed.length} listed; all ${result.skipped.length} are in --json.</p>`
      : '';
  const byReason = new Map<string, number>();
  for (const s of result.skipped) {
    const key = `${s.model ?? 'all models'}: ${s.reason.replace(/\d+/g, 'N')}`;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  const reasons = [...byReason]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `<tr><td>${n}</td><td>${escapeHtml(reason)}</td></tr>`)
    .join('');
  const dates = counts.earliestDate ? `, completion dissections ${counts.earliestDate} to ${counts.latestDate}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Nodal Risk — local validation</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}.plots{display:flex;flex-wrap:wrap;gap:1em}section{margin-bottom:2em}
</style></head><body>
<h1>Local validation${site ? ` — ${escapeHtml(site)}` : ''}</h1>
<p>${result.patients} patients${escapeHtml(dates)}. ${counts.detectionMethodUnknown} patients had no stated method of detection (the MSKCC nomogram then gives a range, not one probability, and they are not scored).</p>
${sections.join('\n')}
<section><h2>Skipped (${result.skipped.length})</h2>
<table><tr><th>Count</th><th>Reason (numbers as N)</th></tr>${reasons}</table>
<table><tr><th>Patient</th><th>Model</th><th>Reason</th></tr>${skipped}</table>${more}</section>
</body></html>
`;
}
