import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Badge } from '../ui';
import type { EngagementBand } from '../../../../shared/analytics/engagement';
import './analytics.css';

const TONE: Record<EngagementBand, 'good' | 'info' | 'neutral' | 'warn' | 'bad'> = {
  champions: 'good',
  engaged: 'info',
  quiet: 'neutral',
  atRisk: 'warn',
  lost: 'bad',
  new: 'neutral',
};

/** A contact's engagement score with "why this score" in words (contact panel). */
export function EngagementWhy({ contactId }: { contactId: number }) {
  const q = useQuery(
    () => api.engagement.contact({ contactId }),
    [contactId],
    ['contacts', 'inbox', 'optouts', 'campaigns'],
  );
  const e = q.data;
  if (!e) return q.error ? <p className="muted small">{q.error}</p> : null;
  return (
    <div data-testid="engagement-why">
      <div className="an-score">
        <span className="an-score-value">{e.band === 'new' ? '—' : e.score}</span>
        <Badge tone={TONE[e.band]}>{e.bandLabel}</Badge>
      </div>
      <h4 className="sr-only">Why this score</h4>
      <ul className="an-why">
        {e.why.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
