import type { CampaignResultsView } from '../../../../shared/ipc/channels/analytics';
import { formatMoney } from '../../../../shared/analytics';
import { CHANNEL_LABEL, MEASURED_ON, type ChannelResults } from '../../../../shared/campaign-channels';
import { Table, type Column } from '../ui';

const COLUMNS = [
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
  ['replied', 'Replied'],
  ['clicked', 'Clicked'],
  ['optedOut', 'Opted out'],
  ['converted', 'Converted'],
] as const;

const measured = (r: ChannelResults, key: (typeof COLUMNS)[number][0]) =>
  key === 'replied' || key === 'clicked' || key === 'optedOut' ? MEASURED_ON[r.channel].includes(key) : true;

/**
 * The campaign's results per channel and in all (a multi-channel campaign): what each channel truly measures, and
 * "not measured" where it cannot (nobody replies to a marketing e-mail or a call; opens are never counted).
 */
export function ChannelBreakdown({ view }: { view: CampaignResultsView }) {
  const rows = view.channels;
  if (rows.length < 2 && rows.every((r) => r.channel === 'sms')) return null;
  return (
    <section className="an-card" aria-labelledby="an-channels" data-testid="results-channels">
      <div className="an-card-head">
        <h2 id="an-channels">By channel</h2>
      </div>
      <div className="an-cohort-scroll">
        <Table
          label="By channel"
          className="an-data-table"
          rows={rows}
          rowKey={(r) => r.channel}
          columns={[
            { header: 'Channel', rowHeader: true, cell: (r) => CHANNEL_LABEL[r.channel] },
            ...COLUMNS.map(([key, label]): Column<ChannelResults> => ({
              header: label,
              numeric: true,
              cell: (r) =>
                measured(r, key) ? (
                  r[key].toLocaleString()
                ) : (
                  <span className="muted" title="Not measured on this channel">
                    —
                  </span>
                ),
            })),
            { header: 'Revenue', numeric: true, cell: (r) => formatMoney(r.revenueMinor, view.currency) },
            { header: 'Spend', numeric: true, cell: (r) => formatMoney(r.spendMinor, view.currency) },
          ]}
          footer={
            <tr>
              <th scope="row">All channels</th>
              {COLUMNS.map(([key]) => (
                <td key={key} className="num">
                  <strong>{view[key].toLocaleString()}</strong>
                </td>
              ))}
              <td className="num">
                <strong>{formatMoney(view.money.revenueMinor, view.currency)}</strong>
              </td>
              <td className="num">
                <strong>{formatMoney(view.money.spendMinor, view.currency)}</strong>
              </td>
            </tr>
          }
        />
      </div>
      {rows.map((r) => r.channel === 'voice' && r.calls && <CallsLine key="calls" row={r} />)}
      <p className="muted small">
        — not measured on that channel: replies come back only to texts; e-mail opens are never counted. Opted out is
        STOP for a text, an unsubscribe for an e-mail, the do-not-call key for a call.
      </p>
    </section>
  );
}

/** How the calls ended, in words: answered by a person, left on voicemail after the beep, not answered, opted out. */
function CallsLine({ row }: { row: ChannelResults }) {
  const calls = row.calls!;
  const n = (count: number) => count.toLocaleString();
  return (
    <p className="small" data-testid="results-calls">
      <strong>Calls:</strong> {n(row.sent)} placed · {n(calls.answered)} answered by a person · {n(calls.voicemail)}{' '}
      left on voicemail after the beep · {n(calls.notAnswered)} not answered · {n(row.optedOut)} pressed the opt-out key
      (now on your do-not-call list)
    </p>
  );
}
