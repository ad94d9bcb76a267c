import type { HealthReport } from '../../../../shared/ipc/channels/monitoring';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Badge, Button, ErrorBanner, Loading, Table } from '../ui';
import { HealthStrip } from './charts';
import { HEALTH_TONE, HEALTH_WORD, verdict, when } from './format';
import './monitoring.css';

const HINT: Record<string, string> = {
  relay: 'The local listener the tunnel forwards to.',
  tunnel: 'A request through your public URL must come back to this app.',
  webhook_lag: 'After texts go out, receipts should follow within minutes.',
  registration: 'Where the provider sends its webhooks.',
};

export function HealthChecks({ report }: { report: HealthReport }) {
  return (
    <ul className="mon-checks">
      {report.checks.map((c) => (
        <li key={c.id} className={`mon-check ${c.status}`}>
          <span className={`mon-check-dot ${c.status}`} aria-hidden="true" />
          <div>
            <div className="mon-check-title">
              <strong>{c.label}</strong> <Badge tone={HEALTH_TONE[c.status]}>{HEALTH_WORD[c.status]}</Badge>
            </div>
            <div className="small">{c.detail}</div>
            <div className="muted small">{HINT[c.id]}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function HealthPanel({
  latest,
  checking,
  onCheck,
}: {
  latest: HealthReport | null;
  checking: boolean;
  onCheck: () => void;
}) {
  const history = useQuery(() => api.health.history({ limit: 48 }), [latest?.id]);
  return (
    <div className="mon-health">
      <section className="card">
        <div className="mon-report-head">
          <h3>
            {latest
              ? `Checked ${when(latest.at)} (${latest.trigger === 'manual' ? 'on demand' : 'hourly'})`
              : 'Not checked yet'}
          </h3>
          <Button onClick={onCheck} disabled={checking}>
            {checking ? 'Checking…' : 'Check now'}
          </Button>
        </div>
        {latest ? (
          <HealthChecks report={latest} />
        ) : (
          <p className="muted">
            The checks run every hour. Run them now to see whether replies and receipts can reach this app.
          </p>
        )}
      </section>
      <section>
        <h3 className="section-title">History</h3>
        <ErrorBanner message={history.error} />
        {!history.data ? (
          <Loading />
        ) : (
          <>
            <HealthStrip
              history={[...history.data]
                .reverse()
                .map((h) => ({ at: h.at, status: h.status, reason: h.reason, checksRan: h.checksRan }))}
            />
            {history.data.length > 0 && (
              <Table
                label="Health checks"
                className="mon-table compact mon-history"
                rows={history.data}
                rowKey={(h) => h.id}
                columns={[
                  { header: 'When', className: 'nowrap', cell: (h) => when(h.at) },
                  {
                    header: 'Verdict',
                    className: 'nowrap',
                    cell: (h) => <Badge tone={verdict(h).tone}>{verdict(h).word}</Badge>,
                  },
                  { header: 'Reason', className: 'small', cell: (h) => h.reason },
                ]}
              />
            )}
          </>
        )}
      </section>
    </div>
  );
}
