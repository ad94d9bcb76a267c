import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { OutboxRow } from '../../../../shared/ipc/channels/campaigns';
import type { InputOf } from '../../../../shared/ipc/contract';
import { Badge, Banner, Button, ErrorBanner, Select, Table } from '../ui';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { OUTBOX_STATES, STATE_LABEL, STATE_TONE, UNKNOWN_EXPLAINED, formatShort } from './format';

const PAGE = 50;

/** The states the messages channel can filter by. */
export type MessageFilter = NonNullable<InputOf<'campaigns:messages'>['state']>;

/** What happened to one message, in words: the provider's reason for failures, the wait for quiet hours, retries. */
function details(row: OutboxRow): string {
  const next = row.nextAttemptAt ? formatShort(row.nextAttemptAt) : null;
  switch (row.state) {
    case 'unknown':
      return `${UNKNOWN_EXPLAINED}${row.errorMessage ? ` (${row.errorMessage})` : ''}`;
    case 'failed':
    case 'undelivered':
      return row.errorMessage
        ? `${row.errorMessage}${row.errorCode ? ` — code ${row.errorCode}` : ''}`
        : 'The provider gave no reason.';
    case 'retry_wait':
      return `Will try again${next ? ` at ${next}` : ''}${row.errorMessage ? `: ${row.errorMessage}` : ''}.`;
    case 'queued':
      if (row.errorCode === 'quiet_hours')
        return `Waiting for the recipient’s sending hours${next ? ` — goes out from ${next}` : ''}. ${row.errorMessage ?? ''}`.trim();
      return 'In line to be sent.';
    case 'skipped':
      return row.errorMessage ?? 'Not sent.';
    case 'delivered':
      return row.deliveredAt ? `Delivered ${formatShort(row.deliveredAt)}` : 'Delivered.';
    case 'sent':
      return 'Accepted by the provider; waiting for the delivery receipt.';
    case 'sending':
      return 'Being handed to the provider.';
    default:
      return '';
  }
}

export function RecipientTable({
  campaignId,
  states,
  filter,
  offset,
  onFilter,
  onOffset,
}: {
  campaignId: number;
  /** Messages per state: labels the filter, and a change reloads the page shown. */
  states: Record<string, number>;
  filter: MessageFilter | '';
  offset: number;
  onFilter(state: MessageFilter | ''): void;
  onOffset(offset: number): void;
}) {
  const q = useQuery(
    () => api.campaigns.messages({ id: campaignId, ...(filter ? { state: filter } : {}), limit: PAGE, offset }),
    [campaignId, filter, offset, states],
  );
  const total = q.data?.total ?? 0;
  const phone = usePhoneFormat();
  const all = Object.values(states).reduce((a, b) => a + b, 0);
  const options = OUTBOX_STATES.filter((s): s is MessageFilter => s !== 'held').filter(
    (s) => (states[s] ?? 0) > 0 || s === filter,
  );
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + PAGE, total);

  return (
    <section className="cw-card cd-recipients" aria-label="Recipients">
      <div className="cd-recipients-head">
        <h2>Recipients</h2>
        <div className="cd-recipients-tools">
          <label htmlFor="cd-filter" className="small muted">
            Show
          </label>
          <Select
            id="cd-filter"
            value={filter}
            onChange={(e) => {
              onFilter(e.target.value as MessageFilter | '');
              onOffset(0);
            }}
          >
            <option value="">Everyone ({all.toLocaleString()})</option>
            {options.map((s) => (
              <option key={s} value={s}>
                {STATE_LABEL[s]} ({(states[s] ?? 0).toLocaleString()})
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ErrorBanner message={q.error} />
      {filter === 'unknown' && (
        <Banner tone="warn">
          “Unknown” means the message {UNKNOWN_EXPLAINED.charAt(0).toLowerCase() + UNKNOWN_EXPLAINED.slice(1)} It is
          never resent blindly, so nobody gets it twice.
        </Banner>
      )}
      {q.data && q.data.rows.length === 0 ? (
        <p className="muted cd-none">
          {all === 0 ? 'Messages appear here once the campaign is launched.' : 'No messages in this state.'}
        </p>
      ) : (
        <div className="cd-table-wrap">
          <Table
            label="Messages"
            className="cd-table"
            rows={q.data?.rows ?? []}
            rowKey={(r) => r.id}
            rowData={(r) => ({ 'data-state': r.state })}
            columns={[
              {
                header: 'Recipient',
                cell: (r) => (
                  <>
                    <div className="cd-who">{r.name ?? phone(r.toPhone)}</div>
                    {r.name && <div className="muted small mono">{phone(r.toPhone)}</div>}
                  </>
                ),
              },
              {
                header: 'Status',
                cell: (r) => (
                  <>
                    <Badge tone={STATE_TONE[r.state]}>{STATE_LABEL[r.state] ?? r.state}</Badge>
                    {r.variant && <span className="muted small"> {r.variant}</span>}
                  </>
                ),
              },
              { header: 'Tries', numeric: true, cell: (r) => r.attempts },
              { header: 'Sent', className: 'small cd-time', cell: (r) => formatShort(r.sentAt) },
              {
                header: 'Details',
                className: 'small cd-detail',
                cellClassName: (r) => (r.state === 'failed' || r.state === 'undelivered' ? 'bad' : undefined),
                cell: details,
              },
            ]}
          />
        </div>
      )}
      {total > PAGE && (
        <div className="cd-pager">
          <span className="muted small">
            {from.toLocaleString()}–{to.toLocaleString()} of {total.toLocaleString()}
          </span>
          <Button
            variant="secondary"
            size="small"
            disabled={offset === 0}
            onClick={() => onOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </Button>
          <Button variant="secondary" size="small" disabled={to >= total} onClick={() => onOffset(offset + PAGE)}>
            Next
          </Button>
        </div>
      )}
    </section>
  );
}
