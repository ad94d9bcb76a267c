import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import { CHANNEL_LABEL, MEASURED_ON } from '../../../../shared/campaign-channels';
import type { Channel } from '../../../../shared/types/domain';
import { formatRoi } from './format';
import { Table, type Column } from '../ui';

const COUNTS = [
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
  ['replied', 'Replied'],
  ['clicked', 'Clicked'],
  ['optedOut', 'Opted out'],
  ['converted', 'Converted'],
] as const;
type CountKey = (typeof COUNTS)[number][0];

/** A channel's line (a campaign's or a period's): replies and clicks may be null where the channel cannot measure them. */
export interface ChannelLine {
  channel: Channel;
  sent: number;
  delivered: number;
  failed: number;
  replied: number | null;
  clicked: number | null;
  optedOut: number;
  converted: number;
  revenueMinor: number;
  spendMinor: number;
  roi?: number | null;
}
export type ChannelTotals = Omit<ChannelLine, 'channel' | 'replied' | 'clicked'> & { replied: number; clicked: number };

const measured = (channel: Channel, key: CountKey) =>
  key === 'replied' || key === 'clicked' || key === 'optedOut' ? MEASURED_ON[channel].includes(key) : true;

function NotMeasured() {
  return (
    <span className="an-not-measured" title="This channel cannot measure it">
      not measured
    </span>
  );
}

/**
 * Figures per channel with the all-channels total beneath (they add up): what each channel truly measures, and
 * "not measured" where it cannot (nobody replies to a marketing e-mail or a call; a call has no link; opens are
 * never counted). With `roi`, an ROI column; `selected` marks the channel a filter shows.
 */
export function ChannelTable({
  rows,
  total,
  currency,
  roi = false,
  selected = null,
  caption,
}: {
  rows: ChannelLine[];
  total: ChannelTotals;
  currency: string;
  roi?: boolean;
  selected?: Channel | null;
  caption: string;
}) {
  const money = (minor: number) => formatMoney(minor, currency);
  const roiOf = (r: Omit<ChannelLine, 'channel'>) =>
    formatRoi(r.roi ?? null, hasRevenue({ revenueMinor: r.revenueMinor, converted: r.converted }));
  const count = (key: CountKey) => (r: ChannelLine) => {
    const v = r[key];
    return measured(r.channel, key) && v !== null ? v.toLocaleString() : <NotMeasured />;
  };
  const columns: Array<Column<ChannelLine>> = [
    { header: 'Channel', rowHeader: true, cell: (r) => CHANNEL_LABEL[r.channel] },
    ...COUNTS.map(([key, label]): Column<ChannelLine> => ({ header: label, numeric: true, cell: count(key) })),
    { header: 'Revenue', numeric: true, cell: (r) => money(r.revenueMinor) },
    { header: 'Spend', numeric: true, cell: (r) => money(r.spendMinor) },
    ...(roi ? [{ header: 'ROI', numeric: true, cell: (r: ChannelLine) => roiOf(r) }] : []),
  ];
  return (
    // A focusable, named region: at 1024 wide the table scrolls sideways, and the keyboard must reach it too.
    <div className="an-cohort-scroll" tabIndex={0} role="region" aria-label={`${caption} (scrolls sideways)`}>
      <Table
        label={caption}
        className="an-data-table an-channel-table"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.channel}
        rowClassName={(r) => (selected === r.channel ? 'an-row-selected' : undefined)}
        rowData={(r) => ({
          'data-testid': `channel-row-${r.channel}`,
          ...(selected === r.channel ? { 'aria-current': 'true' as const } : {}),
        })}
        footer={
          <tr data-testid="channel-row-all">
            <th scope="row">All channels</th>
            {COUNTS.map(([key]) => (
              <td key={key} className="num">
                <strong>{total[key].toLocaleString()}</strong>
              </td>
            ))}
            <td className="num">
              <strong>{money(total.revenueMinor)}</strong>
            </td>
            <td className="num">
              <strong>{money(total.spendMinor)}</strong>
            </td>
            {roi && (
              <td className="num">
                <strong>{roiOf(total)}</strong>
              </td>
            )}
          </tr>
        }
      />
    </div>
  );
}

/** The note under every channel table: what "not measured" and "opted out" mean on each channel. */
export const CHANNEL_TABLE_NOTE =
  'Not measured: replies come back only to texts, a call has no link to click, and e-mail opens are never counted (mail apps load or block images at will). Opted out is STOP for a text, an unsubscribe for an e-mail, the do-not-call key for a call.';
