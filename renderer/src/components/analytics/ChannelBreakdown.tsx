import type { CampaignResultsView } from '../../../../shared/ipc/channels/analytics';
import type { ChannelResults } from '../../../../shared/campaign-channels';
import { CHANNEL_TABLE_NOTE, ChannelTable } from './ChannelTable';

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
      <ChannelTable
        rows={rows}
        total={{ ...view, revenueMinor: view.money.revenueMinor, spendMinor: view.money.spendMinor }}
        currency={view.currency}
        caption={`Results of ${view.name} per channel, with the total of all channels`}
      />
      {rows.map((r) => r.channel === 'voice' && r.calls && <CallsLine key="calls" row={r} />)}
      <p className="muted small">{CHANNEL_TABLE_NOTE}</p>
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
