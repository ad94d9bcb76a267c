import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { BAND_LABEL, BAND_MEANING, ENGAGEMENT_BANDS } from '../../../../shared/analytics/engagement';
import { Button, ErrorBanner, Loading } from '../ui';
import { BandChart } from './BandChart';
import { ChartFrame } from './ChartFrame';
import { formatPercent } from './format';
import './analytics.css';

/** Who are the best customers and who is drifting away: contacts per engagement band. */
export function EngagementSection() {
  const q = useQuery(() => api.engagement.bands({}), [], ['contacts', 'campaigns', 'inbox']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recompute = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.engagement.recompute({});
      q.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const v = q.data;
  if (!v) return q.error ? <ErrorBanner message={q.error} /> : <Loading />;
  return (
    <ChartFrame
      className="an-engagement"
      title="Engagement"
      table={{
        columns: ['Band', 'Contacts', 'Share', 'What it means'],
        rows: [
          ...ENGAGEMENT_BANDS.map((b) => [
            BAND_LABEL[b],
            v.bands[b].toLocaleString(),
            formatPercent(v.total ? v.bands[b] / v.total : null),
            BAND_MEANING[b],
          ]),
          ['All contacts', v.total.toLocaleString(), '100%', ''],
        ],
      }}
      actions={
        <Button variant="secondary" size="small" onClick={() => void recompute()} disabled={busy}>
          {busy ? 'Recomputing…' : 'Recompute scores'}
        </Button>
      }
      note={
        <>
          Each contact scores 0–100 from how recently and how often they replied, clicked or bought; opting out and
          texts left unanswered pull it down. A contact&apos;s panel says why they score what they do. Bands are filters
          in Contacts and in saved segments.{' '}
          {v.lastRecomputeAt
            ? `Last full recompute ${new Date(v.lastRecomputeAt).toLocaleString()}.`
            : 'Scores follow events as they arrive; a full recompute runs nightly.'}
        </>
      }
    >
      <ErrorBanner message={error} />
      <BandChart bands={v.bands} total={v.total} />
      <ul className="an-band-legend">
        {ENGAGEMENT_BANDS.map((b) => (
          <li key={b}>
            <strong>{BAND_LABEL[b]}</strong>: {BAND_MEANING[b]}
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}
