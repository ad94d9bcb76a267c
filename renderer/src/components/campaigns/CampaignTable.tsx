import type { ReactNode } from 'react';
import type { CampaignRow } from '../../../../shared/types/domain';
import { Button, Badge } from '../ui';
import { STATUS_LABEL, STATUS_TONE, finishedCount, formatTime, outcomeCounts, percent } from './format';
import { ResultsHeader } from '../analytics/ResultsHeader';
import { replyRateCell, revenueCell, roiCell, useResultsColumns } from '../analytics/useResultsColumns';
import './campaigns.css';

function ProgressCell({ row }: { row: CampaignRow }) {
  const done = finishedCount(row.counts);
  const pct = percent(done, row.total);
  // Nothing sent yet: the status badge (Draft, Scheduled) already says so.
  if (row.total === 0) return null;
  return (
    <div className="cl-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={`${row.name}: ${pct}% done`}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className={row.status === 'sending' ? 'live' : ''} style={{ width: `${pct}%` }} />
      </div>
      <span className="small muted">
        {done.toLocaleString()}/{row.total.toLocaleString()}
      </span>
    </div>
  );
}

function WhenCell({ row }: { row: CampaignRow }) {
  if (row.scheduledAt && (row.status === 'scheduled' || row.status === 'draft')) {
    return (
      <>
        <span className="cl-when-label">Scheduled</span> {formatTime(row.scheduledAt)}
      </>
    );
  }
  return (
    <>
      <span className="cl-when-label">Created</span> {formatTime(row.createdAt)}
    </>
  );
}

/** Delivered, with what did not arrive under it (failed in red, unknown in amber) only when there is some. */
function DeliveredCell({ counts }: { counts: { delivered: number; failed: number; unknown: number } }) {
  return (
    <>
      {counts.delivered.toLocaleString()}
      {counts.failed > 0 && <span className="cl-sub bad">{counts.failed.toLocaleString()} failed</span>}
      {counts.unknown > 0 && <span className="cl-sub warn-text">{counts.unknown.toLocaleString()} unknown</span>}
    </>
  );
}

/** Campaigns with status, progress and outcome counts; rows open the campaign when `onOpen` is given. */
export function CampaignTable({
  rows,
  archivedIds,
  onOpen,
  actions,
}: {
  rows: CampaignRow[];
  archivedIds?: ReadonlySet<number>;
  onOpen?(id: number): void;
  actions?(row: CampaignRow, archived: boolean): ReactNode;
}) {
  const results = useResultsColumns(rows.map((r) => r.id));
  return (
    <div className="cl-table-wrap">
      <table className="table cl-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th className="num">Delivered</th>
            <ResultsHeader column="replyRate" label="Reply rate" results={results} />
            <ResultsHeader column="revenue" label="Revenue" results={results} />
            <ResultsHeader column="roi" label="ROI" results={results} />
            {actions && (
              <th>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {results.sorted(rows).map((c) => {
            const o = outcomeCounts(c.counts);
            const r = results.byId.get(c.id);
            const archived = archivedIds?.has(c.id) ?? false;
            return (
              <tr
                key={c.id}
                className={`${onOpen ? 'clickable' : ''}${archived ? ' archived' : ''}`}
                onClick={onOpen ? () => onOpen(c.id) : undefined}
              >
                <td className="cl-name">
                  {onOpen ? (
                    <Button className="cw-link" onClick={(e) => (e.stopPropagation(), onOpen(c.id))}>
                      {c.name}
                    </Button>
                  ) : (
                    c.name
                  )}
                  {c.isAbTest && <Badge tone="info">A/B</Badge>}
                  {archived && <Badge>Archived</Badge>}
                </td>
                <td className="cl-status">
                  <Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge>
                  <ProgressCell row={c} />
                  <span className="small cl-when">
                    <WhenCell row={c} />
                  </span>
                </td>
                <td className="num">
                  <DeliveredCell counts={o} />
                </td>
                <td className="num">{replyRateCell(r)}</td>
                <td className="num">{revenueCell(r, results.currency)}</td>
                <td className="num">{roiCell(r)}</td>
                {actions && (
                  <td className="cl-actions" onClick={(e) => e.stopPropagation()}>
                    {actions(c, archived)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
