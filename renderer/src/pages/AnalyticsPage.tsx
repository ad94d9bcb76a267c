import { PageHeader } from '../components/ui';
import { BestTimeSection } from '../components/analytics/insights/BestTimeSection';
import { CompareSection } from '../components/analytics/insights/CompareSection';
import { PredictionsSection } from '../components/analytics/insights/PredictionsSection';
import '../components/analytics/analytics.css';

/** Analytics: when people answer, which group responds better, who will reply or opt out. */
export function AnalyticsPage() {
  return (
    <section className="page an-page">
      <PageHeader title="Analytics" subtitle="When do people answer, which group responds better, who is likely to reply or opt out?" />
      <BestTimeSection />
      <CompareSection />
      <PredictionsSection />
    </section>
  );
}
