import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatMicros, formatMoney, type RecipientFilter } from '../../../../shared/analytics';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import type { CampaignResultsView, RecipientRow } from '../../../../shared/ipc/channels/analytics';
import { Badge, ErrorBanner, Select } from '../ui';
import { useRecipientPages } from './useRecipientPages';

const ROW = 45;
/** Browsers cap an element's height near 33 million pixels: past this many rows, filter or export. */
const MAX_ROWS = 500_000;

const FILTERS: Array<{ id: RecipientFilter; label: string; count?(v: CampaignResultsView): number }> = [
  { id: 'all', label: 'Everyone' },
  { id: 'delivered', label: 'Delivered', count: (v) => v.delivered },
  { id: 'undelivered', label: 'Not delivered', count: (v) => v.failed },
  { id: 'pending', label: 'Not sent yet', count: (v) => v.pending },
  { id: 'replied', label: 'Replied', count: (v) => v.replied },
  { id: 'clicked', label: 'Clicked', count: (v) => v.clicked },
  { id: 'converted', label: 'Converted', count: (v) => v.converted },
  { id: 'optedOut', label: 'Opted out', count: (v) => v.optedOut },
  { id: 'noResponse', label: 'No response' },
];

const STATE_WORDS: Record<string, { label: string; tone: 'good' | 'bad' | 'warn' | 'neutral' | 'info' }> = {
  delivered: { label: 'Delivered', tone: 'good' },
  sent: { label: 'Sent', tone: 'info' },
  undelivered: { label: 'Not delivered', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  unknown: { label: 'Unknown', tone: 'warn' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};

/** The page scrolls, not the table: rows are drawn only where the page's scroll pane shows them. */
const scrollPane = () => document.querySelector<HTMLElement>('main.content');

function Outcomes({ r, currency }: { r: RecipientRow; currency: string }) {
  const tags = [
    r.replied && <Badge key="r">Replied</Badge>,
    r.clicked && <Badge key="c">Clicked</Badge>,
    r.converted && (
      <Badge
        key="v"
        tone="good"
      >{`Converted${r.revenueMinor ? ` · ${formatMoney(r.revenueMinor, currency)}` : ''}`}</Badge>
    ),
    r.optedOut && (
      <Badge key="o" tone="bad">
        Opted out
      </Badge>
    ),
  ].filter(Boolean);
  return tags.length ? <>{tags}</> : <span className="muted small">—</span>;
}

/** Every recipient with what their text did, filterable by outcome; virtualised, loaded a page at a time. */
export function RecipientsTable({ view, version }: { view: CampaignResultsView; version: number }) {
  const [filter, setFilter] = useState<RecipientFilter>('all');
  const phone = usePhoneFormat();
  const data = useRecipientPages(view.id, filter, version);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [margin, setMargin] = useState(0);
  // Where the rows start inside the scrolling pane; what is above (figures, charts) can change height as it loads.
  const total = data.total ?? 0;
  useLayoutEffect(() => {
    const pane = scrollPane();
    const body = bodyRef.current;
    if (pane && body)
      setMargin(Math.round(body.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop));
  }, [total, view]);
  const count = Math.min(total, MAX_ROWS);
  // The virtualizer re-renders this component itself; the compiler memoises nothing here that could go stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: scrollPane,
    estimateSize: () => ROW,
    overscan: 12,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = data;
  useEffect(() => {
    if (count) ensure(first, last);
  }, [ensure, first, last, count]);
  const top = items.length ? items[0].start - margin : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - (items[items.length - 1].end - margin) : 0;

  return (
    <section className="an-card an-recipients" aria-labelledby="an-recipients-title">
      <div className="an-card-head">
        <h2 id="an-recipients-title">Recipients</h2>
        <div className="an-card-tools">
          <label htmlFor="an-recipient-filter" className="small muted">
            Show
          </label>
          <Select
            id="an-recipient-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value as RecipientFilter)}
          >
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
                {f.count ? ` (${f.count(view).toLocaleString()})` : ''}
              </option>
            ))}
          </Select>
          <span className="muted small" aria-live="polite">
            {data.total === null
              ? 'Loading…'
              : `${data.total.toLocaleString()} recipient${data.total === 1 ? '' : 's'}`}
          </span>
        </div>
      </div>
      <ErrorBanner message={data.error} />
      {data.total === 0 ? (
        <p className="muted">No recipient matches.</p>
      ) : (
        // Kept raw: virtualised (spacer rows, aria-rowcount/rowindex, rows measured by a ref on the body).
        <table className="table an-recipient-table" aria-rowcount={count + 1}>
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Message</th>
              <th scope="col">What it did</th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {top > 0 && (
              <tr aria-hidden="true" className="an-spacer">
                <td colSpan={5} style={{ height: top }} />
              </tr>
            )}
            {items.map((item) => {
              const r = data.rows.get(item.index);
              const state = r ? (STATE_WORDS[r.state] ?? { label: r.state, tone: 'neutral' as const }) : null;
              return (
                <tr key={item.key} aria-rowindex={item.index + 2} data-index={item.index} style={{ height: ROW }}>
                  {r && state ? (
                    <>
                      <td>
                        <div className="an-who">{r.name || phone(r.phone)}</div>
                        {r.name && <div className="muted small mono">{phone(r.phone)}</div>}
                      </td>
                      <td>
                        <Badge tone={state.tone}>{state.label}</Badge>
                        {r.variant && <span className="muted small"> {r.variant}</span>}
                        {(r.state === 'undelivered' || r.state === 'failed') && r.errorMessage && (
                          <span className="small bad an-reason" title={r.errorMessage}>
                            {' '}
                            {r.errorMessage}
                          </span>
                        )}
                      </td>
                      <td>
                        <Outcomes r={r} currency={view.currency} />
                      </td>
                      <td className="num small">
                        {r.costMicros === null ? '—' : formatMicros(r.costMicros, view.currency)}
                      </td>
                      <td className="small muted">
                        {r.sentAt
                          ? new Date(r.sentAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
                          : '—'}
                      </td>
                    </>
                  ) : (
                    <td colSpan={5} className="muted small">
                      Loading…
                    </td>
                  )}
                </tr>
              );
            })}
            {bottom > 0 && (
              <tr aria-hidden="true" className="an-spacer">
                <td colSpan={5} style={{ height: bottom }} />
              </tr>
            )}
          </tbody>
        </table>
      )}
      {total > MAX_ROWS && (
        <p className="muted small">
          The first {MAX_ROWS.toLocaleString()} of {total.toLocaleString()} are listed; choose an outcome above to
          narrow them down, or export every message as CSV.
        </p>
      )}
    </section>
  );
}
