import { useState } from 'react';
import { PageHeader } from '../components/ui';
import { ChannelSummarySection } from '../components/analytics/ChannelSummarySection';
import { ChannelFilter, type ChannelChoice } from '../components/analytics/ChannelFilter';
import { EngagementSection } from '../components/analytics/EngagementSection';
import { CohortsSection } from '../components/analytics/CohortsSection';
import { FunnelSection } from '../components/analytics/FunnelSection';
import { BestTimeSection } from '../components/analytics/insights/BestTimeSection';
import { CompareSection } from '../components/analytics/insights/CompareSection';
import { PredictionsSection } from '../components/analytics/insights/PredictionsSection';

/**
 * Results by channel and engagement intelligence (issues 14 and 18): each section is a component of
 * components/analytics that loads its own data, so a new section is one line here. The channel filter reaches the
 * sections about messages (results by channel, the funnel); the ones about people are across every channel.
 */
const SECTIONS: Array<{ id: string; Section: (p: { channel: ChannelChoice }) => React.JSX.Element }> = [
  { id: 'by-channel', Section: ChannelSummarySection },
  { id: 'funnel', Section: FunnelSection },
  { id: 'engagement', Section: EngagementSection },
  { id: 'cohorts', Section: CohortsSection },
  { id: 'best-time', Section: BestTimeSection },
  { id: 'compare', Section: CompareSection },
  { id: 'predictions', Section: PredictionsSection },
];

export function AnalyticsPage() {
  const [channel, setChannel] = useState<ChannelChoice>(null);
  return (
    <section className="page an-page">
      <PageHeader
        title="Analytics"
        subtitle="What each channel brought in, who your best customers are, who is drifting away, when people answer, which group responds better, and who is likely to reply or opt out."
      />
      <div className="an-toolbar">
        <ChannelFilter value={channel} onChange={setChannel} />
        <span className="an-compare" data-testid="channel-filter-note">
          {channel
            ? 'Results by channel and the funnel show this channel; the sections about people below are across every channel.'
            : 'Texts, e-mails and calls together.'}
        </span>
      </div>
      <div className="an-sections">
        {SECTIONS.map(({ id, Section }) => (
          <Section key={id} channel={channel} />
        ))}
      </div>
    </section>
  );
}
