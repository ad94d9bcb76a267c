import { PageHeader } from '../components/ui';
import { EngagementSection } from '../components/analytics/EngagementSection';
import { CohortsSection } from '../components/analytics/CohortsSection';
import { FunnelSection } from '../components/analytics/FunnelSection';
import { BestTimeSection } from '../components/analytics/insights/BestTimeSection';
import { CompareSection } from '../components/analytics/insights/CompareSection';
import { PredictionsSection } from '../components/analytics/insights/PredictionsSection';

/**
 * Engagement intelligence (issue 14): each section is a component of components/analytics that loads its own data,
 * so a new section is one line here.
 */
const SECTIONS: Array<{ id: string; Section: () => React.JSX.Element }> = [
  { id: 'engagement', Section: EngagementSection },
  { id: 'cohorts', Section: CohortsSection },
  { id: 'funnel', Section: FunnelSection },
  { id: 'best-time', Section: BestTimeSection },
  { id: 'compare', Section: CompareSection },
  { id: 'predictions', Section: PredictionsSection },
];

export function AnalyticsPage() {
  return (
    <section className="page an-page">
      <PageHeader
        title="Analytics"
        subtitle="Who your best customers are, who is drifting away, when people answer, which group responds better, and who is likely to reply or opt out."
      />
      <div className="an-sections">
        {SECTIONS.map(({ id, Section }) => (
          <Section key={id} />
        ))}
      </div>
    </section>
  );
}
