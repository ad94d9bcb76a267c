import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import { CHANNEL_LABEL, MEASURED_ON } from '../../../../shared/campaign-channels';
import type { Channel } from '../../../../shared/types/domain';
import { formatRoi } from './format';

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
  return (
    <div className="an-cohort-scroll">
      <table className="table an-data-table an-channel-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            {COUNTS.map(([key, label]) => (
              <th key={key} scope="col" className="num">
                {label}
              </th>
            ))}
            <th scope="col" className="num">
              Revenue
            </th>
            <th scope="col" className="num">
              Spend
            </th>
            {roi && (
              <th scope="col" className="num">
                ROI
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.channel}
              className={selected === r.channel ? 'an-row-selected' : undefined}
              aria-current={selected === r.channel ? 'true' : undefined}
              data-testid={`channel-row-${r.channel}`}
            >
              <th scope="row">{CHANNEL_LABEL[r.channel]}</th>
              {COUNTS.map(([key]) => {
                const v = r[key];
                return (
                  <td key={key} className="num">
                    {measured(r.channel, key) && v !== null ? v.toLocaleString() : <NotMeasured />}
                  </td>
                );
              })}
              <td className="num">{money(r.revenueMinor)}</td>
              <td className="num">{money(r.spendMinor)}</td>
              {roi && <td className="num">{roiOf(r)}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
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
        </tfoot>
      </table>
    </div>
  );
}

/** The note under every channel table: what "not measured" and "opted out" mean on each channel. */
export const CHANNEL_TABLE_NOTE =
  'Not measured: replies come back only to texts, a call has no link to click, and e-mail opens are never counted (mail apps load or block images at will). Opted out is STOP for a text, an unsubscribe for an e-mail, the do-not-call key for a call.';
