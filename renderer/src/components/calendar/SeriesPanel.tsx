import { useCallback, useEffect, useState } from 'react';
import type { OccurrenceView, SeriesView } from '../../../../shared/recurrence';
import type { CampaignStatus } from '../../../../shared/types/domain';
import { api, onEvent } from '../../api/client';
import { inBusinessWords } from '../campaigns/business-time';
import { ENTRY_LABEL, ENTRY_TONE } from './entries';
import './calendar.css';
import { Button } from '../ui';

const PLANNED_SHOWN = 6;

/**
 * A repeating campaign's own view: its rule in words, each run (opens that run's results), what was missed or
 * skipped and why, the next dates, and pause / resume / end.
 */
export function SeriesPanel({
  id,
  status,
  zone,
  onOpen,
}: {
  id: number;
  status: CampaignStatus;
  zone: string;
  onOpen(id: number): void;
}) {
  const [series, setSeries] = useState<SeriesView | null>(null);
  const [occurrences, setOccurrences] = useState<OccurrenceView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const s = await api.series.get({ id });
    setSeries(s);
    if (s) setOccurrences((await api.series.occurrences({ id, count: PLANNED_SHOWN })).occurrences);
  }, [id]);
  useEffect(() => {
    void load().catch((e: Error) => setError(e.message));
    return onEvent('app:dataChanged', (p) => p.area === 'campaigns' && void load());
  }, [load]);
  if (!series) return null;
  const act = async (verb: 'pause' | 'resume' | 'cancel') => {
    try {
      await api.campaigns[verb]({ id });
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const past = occurrences.filter((o) => o.status !== 'planned' && !(o.status === 'paused' && !o.campaignId));
  const next = occurrences.filter((o) => !past.includes(o));
  return (
    <section className="cw-card series-panel" aria-labelledby="series-title">
      <header className="series-head">
        <div>
          <h2 id="series-title">{series.kind === 'birthday' ? 'Birthday campaign' : 'Repeats'}</h2>
          <p className="series-summary" data-testid="series-summary">
            {series.summary}
          </p>
          <p className="muted small">
            Times in {series.zone}. Each date is its own send to a fresh audience
            {series.skipRecentDays
              ? `, leaving out anyone an earlier date texted in the last ${series.skipRecentDays} days`
              : ''}
            .{series.nextAt && status === 'scheduled' && <> Next: {inBusinessWords(series.nextAt, zone)}.</>}
          </p>
        </div>
        <div className="actions">
          {status === 'scheduled' && (
            <Button variant="secondary" onClick={() => void act('pause')}>
              Pause series
            </Button>
          )}
          {status === 'paused' && <Button onClick={() => void act('resume')}>Resume series</Button>}
          {(status === 'scheduled' || status === 'paused') && (
            <Button variant="secondary" className="cd-danger" onClick={() => void act('cancel')}>
              End series
            </Button>
          )}
        </div>
      </header>
      {error && <p className="error-text">{error}</p>}
      <div className="series-cols">
        <div>
          <h3>Sent and missed</h3>
          {past.length === 0 ? (
            <p className="muted small">Nothing has run yet.</p>
          ) : (
            <ul className="series-list">
              {past.map((o) => (
                <li key={o.at}>
                  <span>{inBusinessWords(o.at, zone)}</span>
                  <span className={`badge ${ENTRY_TONE[o.status] ?? ''}`}>{ENTRY_LABEL[o.status] ?? o.status}</span>
                  {o.campaignId ? (
                    <Button className="linklike" onClick={() => onOpen(o.campaignId as number)}>
                      Results
                    </Button>
                  ) : (
                    <span className="muted small">{o.reason}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Coming up</h3>
          {next.length === 0 ? (
            <p className="muted small">
              {status === 'draft' ? 'Start the series to plan its dates.' : 'No more dates.'}
            </p>
          ) : (
            <ul className="series-list">
              {next.map((o) => (
                <li key={o.at}>
                  <span>{inBusinessWords(o.at, zone)}</span>
                  <span className={`badge ${ENTRY_TONE[o.status] ?? ''}`}>
                    {status === 'draft' ? 'Not started' : (ENTRY_LABEL[o.status] ?? o.status)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
