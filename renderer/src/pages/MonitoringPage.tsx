import { useEffect, useState } from 'react';
import type { HealthReport } from '../../../shared/ipc/channels/monitoring';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Banner, Button, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { DeadLetters } from '../components/monitoring/DeadLetters';
import { HealthPanel } from '../components/monitoring/HealthPanel';
import { Overview, type MonitoringTab } from '../components/monitoring/Overview';
import { ProblemsBanner } from '../components/monitoring/ProblemsBanner';
import { Reconciliation } from '../components/monitoring/Reconciliation';
import { verdict, when } from '../components/monitoring/format';

/** How often the dashboard refreshes while it is open (the numbers move with every send and receipt). */
const REFRESH_MS = 5000;

const TABS: Array<{ id: MonitoringTab; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'deadletters', label: 'Dead letters' },
  { id: 'reconciliation', label: 'Reconciliation' },
  { id: 'health', label: 'Health' },
];

const BANNER_TONE = { green: 'success', yellow: 'warn', red: 'error', skipped: 'info', none: 'info' } as const;

function HealthBanner({
  health,
  checking,
  onCheck,
}: {
  health: HealthReport | null;
  checking: boolean;
  onCheck: () => void;
}) {
  const status = health ? verdict(health).kind : undefined;
  return (
    <Banner tone={BANNER_TONE[status ?? 'none']} role="status" className={`mon-banner ${status ?? 'none'}`}>
      <span className={`mon-check-dot ${status ?? 'skipped'}`} aria-hidden="true" />
      <div className="mon-banner-text">
        <strong>{health ? `Webhooks: ${verdict(health).word.toLowerCase()}` : 'Webhooks: not checked yet'}</strong>
        <span className="muted">{health ? ` — ${health.reason}` : ' — the checks run every hour, or now.'}</span>
      </div>
      {health && <span className="muted small">{when(health.at)}</span>}
      <Button variant="secondary" size="small" onClick={onCheck} disabled={checking}>
        {checking ? 'Checking…' : 'Check now'}
      </Button>
    </Banner>
  );
}

export function MonitoringPage() {
  const [tab, setTab] = useState<MonitoringTab>('overview');
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const q = useQuery(() => api.monitoring.dashboard({}), [], ['campaigns', 'inbox', 'optouts']);
  const { reload } = q;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const d = q.data;

  async function checkNow() {
    setChecking(true);
    setCheckError(null);
    try {
      await api.health.check({});
      reload();
    } catch (e) {
      setCheckError((e as Error).message);
    } finally {
      setChecking(false);
    }
  }

  const problems = d ? d.events.dead + d.events.failed : 0;
  return (
    <section className="page monitoring-page">
      <PageHeader
        title="Monitoring"
        subtitle="Is everything flowing? Sending, replies and receipts, and what needs a look."
      />
      <ErrorBanner message={q.error ?? checkError} />
      {d && <ProblemsBanner problems={d.problems} />}
      {d && <HealthBanner health={d.health} checking={checking} onCheck={() => void checkNow()} />}
      <div className="mon-tabs" role="tablist" aria-label="Monitoring views">
        {TABS.map((t) => (
          <Button
            key={t.id}
            role="tab"
            id={`mon-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="mon-panel"
            className={tab === t.id ? 'active' : ''}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === 'deadletters' && problems > 0 && (
              <span className={`mon-tab-count ${d && d.events.dead ? 'is-bad' : ''}`}>{problems}</span>
            )}
            {t.id === 'health' && d?.health && (
              <span className={`mon-tab-dot ${verdict(d.health).kind}`} aria-label={verdict(d.health).word} />
            )}
          </Button>
        ))}
      </div>
      <div id="mon-panel" role="tabpanel" aria-labelledby={`mon-tab-${tab}`}>
        {!d ? (
          <Loading />
        ) : tab === 'overview' ? (
          <Overview d={d} open={setTab} />
        ) : tab === 'deadletters' ? (
          <DeadLetters onChanged={reload} />
        ) : tab === 'reconciliation' ? (
          <Reconciliation provider={d.provider} onChanged={reload} />
        ) : (
          <HealthPanel latest={d.health} checking={checking} onCheck={() => void checkNow()} />
        )}
      </div>
    </section>
  );
}
