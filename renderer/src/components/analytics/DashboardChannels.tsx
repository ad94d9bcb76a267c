import type { AnalyticsSummaryView } from '../../../../shared/ipc/channels/analytics';
import { useApp } from '../../store/app';
import { Button } from '../ui';
import { CHANNEL_TABLE_NOTE, ChannelTable } from './ChannelTable';

/**
 * The dashboard's split by channel, shown only when the period used more than one (a shop that only texts sees its
 * dashboard as before); the Analytics page has it for any period, with a channel filter.
 */
export function DashboardChannels({ summary: s }: { summary: AnalyticsSummaryView }) {
  const go = useApp((st) => st.go);
  if (s.channels.filter((c) => c.sent > 0).length < 2) return null;
  const cur = s.current;
  return (
    <section className="an-card" aria-labelledby="dash-by-channel" data-testid="dashboard-channels">
      <div className="an-card-head">
        <h2 id="dash-by-channel">By channel</h2>
        <div className="an-card-tools">
          <Button variant="secondary" size="small" onClick={() => go('analytics')}>
            More in Analytics
          </Button>
        </div>
      </div>
      <ChannelTable
        rows={s.channels}
        total={{ ...cur, roi: cur.roi }}
        currency={s.currency}
        roi
        caption="This period's results per channel, with the total of all channels"
      />
      <p className="muted small">{CHANNEL_TABLE_NOTE}</p>
    </section>
  );
}
