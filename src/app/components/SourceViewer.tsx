// Shows where a value came from: the report with the source line highlighted, or a readable
// summary of the resource. All EHR text is rendered as text, never as HTML.
import { useEffect, useRef } from 'preact/hooks';
import type { Source } from '../../domain/facts.ts';
import { shortDate } from '../view/format.ts';
import { summarizeResource } from '../view/resource-summary.ts';

export interface SourceIndex {
  resource(reference: string): unknown;
  /** The report text a "report-text" fact was read from, when the report was loaded. */
  reportText(reference: string): string | undefined;
}

function ReportText({ text, highlight }: { text: string; highlight?: string }) {
  const needle = highlight?.trim();
  return (
    <pre class="report-text">
      {text.split(/\r?\n/).map((line, i) =>
        needle && line.includes(needle) ? (
          <mark key={i} class="source-line">
            {line}
            {'\n'}
          </mark>
        ) : (
          <span key={i}>
            {line}
            {'\n'}
          </span>
        ),
      )}
    </pre>
  );
}

export function SourceViewer({ source, index, onClose }: { source: Source; index: SourceIndex; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const report = index.reportText(source.reference);
  const summary = summarizeResource(index.resource(source.reference), source.reference);
  return (
    <div class="source-viewer" role="dialog" aria-modal="true" aria-labelledby="source-heading">
      <h2 id="source-heading" tabIndex={-1} ref={heading}>
        Source: {source.reference}
        {source.date && ` (${shortDate(source.date)})`}
      </h2>
      {source.code && <p>Code: {source.code}</p>}
      {source.text && (
        <p>
          Read from: <q class="source-text">{source.text}</q>
        </p>
      )}
      {report ? (
        <ReportText text={report} highlight={source.text} />
      ) : (
        <dl class="resource-summary">
          {summary.lines.map(([label, value], i) => (
            <div key={i}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
