import type { ReactNode } from 'react';
import type { CampaignRow } from '../../../../shared/types/domain';
import { Badge, Button, Table, type Column } from '../ui';
import { STATUS_LABEL, STATUS_TONE, finishedCount, formatTime, outcomeCounts, percent } from './format';
import { resultsColumn } from '../analytics/resultsColumn';
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
  label = 'Campaigns',
}: {
  rows: CampaignRow[];
  archivedIds?: ReadonlySet<number>;
  onOpen?(id: number): void;
  actions?(row: CampaignRow, archived: boolean): ReactNode;
  label?: string;
}) {
  const results = useResultsColumns(rows.map((r) => r.id));
  const isArchived = (c: CampaignRow) => archivedIds?.has(c.id) ?? false;
  const columns: Array<Column<CampaignRow>> = [
    {
      header: 'Name',
      className: 'cl-name',
      cell: (c) => (
        <>
          {onOpen ? (
            <Button className="cw-link" onClick={(e) => (e.stopPropagation(), onOpen(c.id))}>
              {c.name}
            </Button>
          ) : (
            c.name
          )}
          {c.isAbTest && <Badge tone="info">A/B</Badge>}
          {isArchived(c) && <Badge>Archived</Badge>}
        </>
      ),
    },
    {
      header: 'Status',
      className: 'cl-status',
      cell: (c) => (
        <>
          <Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge>
          <ProgressCell row={c} />
          <span className="small cl-when">
            <WhenCell row={c} />
          </span>
        </>
      ),
    },
    { header: 'Delivered', numeric: true, cell: (c) => <DeliveredCell counts={outcomeCounts(c.counts)} /> },
    resultsColumn<CampaignRow>('replyRate', 'Reply rate', results, (c) => replyRateCell(results.byId.get(c.id))),
    resultsColumn<CampaignRow>('revenue', 'Revenue', results, (c) =>
      revenueCell(results.byId.get(c.id), results.currency),
    ),
    resultsColumn<CampaignRow>('roi', 'ROI', results, (c) => roiCell(results.byId.get(c.id))),
  ];
  if (actions)
    columns.push({
      header: <span className="sr-only">Actions</span>,
      className: 'cl-actions',
      ownClicks: true,
      cell: (c) => actions(c, isArchived(c)),
    });
  return (
    <div className="cl-table-wrap">
      <Table
        label={label}
        className="cl-table"
        rows={results.sorted(rows)}
        rowKey={(c) => c.id}
        rowClassName={(c) => `${onOpen ? 'clickable' : ''}${isArchived(c) ? ' archived' : ''}`}
        onRowClick={onOpen ? (c) => onOpen(c.id) : undefined}
        columns={columns}
      />
    </div>
  );
}
