import type { MeasureState } from './useMeasure';
import { Select } from '../ui';

const PROVIDER = { sandbox: 'the Sandbox', quo: 'Quo', twilio: 'Twilio' } as const;

function money(n: number): string {
  return n.toLocaleString('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: n !== 0 && n < 0.1 ? 4 : 2,
  });
}

/** Segments and cost over the whole audience, measured by the core on every contact's rendered message. */
export function AudiencePanel({
  measure,
  tag,
  tags,
  audienceSize,
  onTag,
}: {
  measure: MeasureState;
  tag: string;
  tags: readonly string[];
  audienceSize: number | null;
  onTag: (tag: string) => void;
}) {
  const m = measure.data;
  return (
    <section className="tpl-card audience" aria-label="Audience estimate" aria-busy={measure.measuring}>
      <div className="audience-head">
        <h3>Audience</h3>
        <Select aria-label="Audience" value={tag} onChange={(e) => onTag(e.target.value)}>
          <option value="">All contacts</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              Tag: {t}
            </option>
          ))}
        </Select>
      </div>
      <p className="muted small">
        {audienceSize === null
          ? '…'
          : `${audienceSize.toLocaleString()} ${audienceSize === 1 ? 'contact' : 'contacts'} (opted-out and not-textable numbers left out)`}
        {measure.measuring && <span className="measuring"> · measuring…</span>}
      </p>
      {measure.error && <p className="error-text">{measure.error}</p>}
      {m && m.recipients === 0 && (
        <p className="muted">No contacts to measure yet. Import contacts to see the spread and the cost.</p>
      )}
      {m && m.recipients > 0 && (
        <>
          <dl className="seg-stats" data-testid="audience-segments">
            <div>
              <dt>Min</dt>
              <dd>{m.segments.min}</dd>
            </div>
            <div className="typical">
              <dt>Typical</dt>
              <dd>{m.segments.typical}</dd>
            </div>
            <div>
              <dt>Max</dt>
              <dd>{m.segments.max}</dd>
            </div>
          </dl>
          <p className="small">
            segments per message · {m.segments.total.toLocaleString()} in all
            {m.encodingCounts['UCS-2'] > 0 && (
              <>
                {' '}
                · <span className="warn-text">{m.encodingCounts['UCS-2'].toLocaleString()} sent as UCS-2</span>
              </>
            )}
          </p>
          <div className="cost" data-testid="audience-cost">
            <strong>{money(m.cost.total)}</strong>
            <span className="muted small">
              {' '}
              with {PROVIDER[m.cost.provider]} at {money(m.cost.pricePerSegment)} per segment (
              {money(m.cost.perMessageTypical)} for a typical message)
            </span>
          </div>
          {m.missing.length > 0 && (
            <ul className="missing-list">
              {m.missing.map((x) => (
                <li key={x.key}>
                  <span className="mono">{`{{${x.key}}}`}</span> is empty for {x.affected.toLocaleString()} of{' '}
                  {m.recipients.toLocaleString()}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
