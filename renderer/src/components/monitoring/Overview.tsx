import type { MonitoringDashboard } from '../../../../shared/ipc/channels/monitoring';
import { Badge, Button, Table } from '../ui';
import { HealthStrip, SendSparkline, StateBars } from './charts';
import { ago, duration, OUTBOX_STATES, plural, PROVIDER_LABEL, verdict, when } from './format';
import './monitoring.css';

export type MonitoringTab = 'overview' | 'deadletters' | 'reconciliation' | 'health';

const BREAKER = {
  closed: { tone: 'good', text: 'Sending normally' },
  half_open: { tone: 'warn', text: 'Testing with one text' },
  open: { tone: 'bad', text: 'Paused: not answering' },
} as const;

/**
 * A provider's state in honest words: "Not set up" when it lacks its keys or number, "Ready" when nothing went out
 * through it in the last hour, and the breaker's words only for the one in use and sending.
 */
function providerState(
  b: MonitoringDashboard['breakers'][number],
  inUse: boolean,
  sentLastHour: number,
): { tone: 'good' | 'warn' | 'bad' | 'neutral'; text: string; detail?: string } {
  if (!b.setUp)
    return {
      tone: inUse ? 'bad' : 'neutral',
      text: 'Not set up',
      detail: `Needs ${b.missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}.`,
    };
  if (b.state !== 'closed') return BREAKER[b.state];
  if (!inUse) return { tone: 'neutral', text: 'Ready, not in use' };
  return sentLastHour > 0 ? BREAKER.closed : { tone: 'good', text: 'Ready', detail: 'Nothing sent in the last hour.' };
}

function Kpi({
  label,
  value,
  unit,
  detail,
  tone,
  children,
}: {
  label: string;
  value: string;
  unit?: string;
  detail: string;
  tone?: 'good' | 'warn' | 'bad';
  children?: React.ReactNode;
}) {
  return (
    <div className={`mon-kpi ${tone ?? ''}`}>
      <div className="mon-kpi-label">{label}</div>
      <div className="mon-kpi-value">
        {value}
        {unit && <span className="mon-kpi-unit">{unit}</span>}
      </div>
      <div className="mon-kpi-detail muted">{detail}</div>
      {children}
    </div>
  );
}

export function Overview({ d, open }: { d: MonitoringDashboard; open: (tab: MonitoringTab) => void }) {
  const q = d.queue;
  const waiting = (q.queued ?? 0) + (q.retry_wait ?? 0) + (q.held ?? 0);
  const needsLook = (q.unknown ?? 0) + d.events.dead;
  const rec = d.lastReconciliation;
  const diff = rec?.diff;
  const fixes = diff ? diff.statusesFixed.length + diff.unknownResolved.length + diff.inboundIngested.length : 0;
  return (
    <div className="mon-overview">
      <div className="mon-kpis">
        <Kpi
          label="Send rate"
          value={d.sendRate.lastMinute.toLocaleString()}
          unit="/ min"
          detail={`${d.sendRate.last15Minutes.toLocaleString()} in 15 min · ${d.sendRate.lastHour.toLocaleString()} in the last hour`}
        >
          <SendSparkline
            perMinute={d.sendRate.perMinute}
            label={`Texts sent per minute over the last hour, ${d.sendRate.lastHour} in total`}
          />
        </Kpi>
        <Kpi
          label="Waiting to send"
          value={waiting.toLocaleString()}
          detail={`${(q.retry_wait ?? 0).toLocaleString()} retrying · ${(q.sending ?? 0).toLocaleString()} in flight`}
        />
        <Kpi
          label="Webhook lag"
          value={duration(d.webhooks.lagMedianMs)}
          detail={
            d.webhooks.samples
              ? `p95 ${duration(d.webhooks.lagP95Ms)} · last event ${ago(d.webhooks.lastEventAt, d.at)}`
              : d.provider === 'sandbox'
                ? 'The Sandbox reports receipts itself; no webhooks to wait for.'
                : `No webhooks from ${PROVIDER_LABEL[d.provider]} today${d.webhooks.lastEventAt ? ` · the last one ${ago(d.webhooks.lastEventAt, d.at)}` : ''}`
          }
        />
        <Kpi
          label="Needs a look"
          value={needsLook.toLocaleString()}
          tone={needsLook ? 'warn' : 'good'}
          detail={`${plural(q.unknown ?? 0, 'unknown outcome')} · ${plural(d.events.dead, 'event')} given up`}
        />
      </div>

      <div className="mon-grid two">
        <section className="card">
          <h3>Outbox by state</h3>
          <StateBars
            bars={OUTBOX_STATES.map((s) => ({ key: s.state, label: s.label, value: q[s.state] ?? 0, tone: s.tone }))}
          />
        </section>
        <section className="card">
          <h3>Failures by reason</h3>
          {d.failures.length === 0 ? (
            <p className="muted">No failed or undelivered texts.</p>
          ) : (
            <Table
              label="Failures by reason"
              className="mon-table compact"
              rows={d.failures}
              rowKey={(f) => f.code}
              columns={[
                { header: 'Code', className: 'mono', cell: (f) => f.code },
                {
                  header: 'What the provider said',
                  className: 'mon-clip',
                  cellTitle: (f) => f.example ?? '',
                  cell: (f) => f.example ?? <span className="muted">—</span>,
                },
                { header: 'Texts', numeric: true, cell: (f) => f.count.toLocaleString() },
              ]}
            />
          )}
        </section>
      </div>

      <div className="mon-grid three">
        <section className="card">
          <h3>Providers</h3>
          <ul className="mon-providers">
            {d.breakers.map((b) => {
              const s = providerState(b, b.provider === d.provider, d.sendRate.lastHour);
              return (
                <li key={b.provider} data-testid={`provider-${b.provider}`}>
                  <span>
                    <strong>{PROVIDER_LABEL[b.provider]}</strong>
                    {b.provider === d.provider && <span className="muted small"> · in use</span>}
                    {s.detail && <span className="muted small mon-provider-detail">{s.detail}</span>}
                  </span>
                  <Badge tone={s.tone}>{s.text}</Badge>
                </li>
              );
            })}
          </ul>
          <p className="muted small">
            {d.dispatcherRunning ? 'The send queue is running.' : 'The send queue is not running in this window.'}
          </p>
        </section>
        <section className="card">
          <h3>Provider events</h3>
          <dl className="mon-facts">
            <dt>Processed</dt>
            <dd className="num">{d.events.processed.toLocaleString()}</dd>
            <dt>Waiting</dt>
            <dd className="num">{d.events.pending.toLocaleString()}</dd>
            <dt>Retrying</dt>
            <dd className={`num ${d.events.failed ? 'warn-text' : ''}`}>{d.events.failed.toLocaleString()}</dd>
            <dt>Given up</dt>
            <dd className={`num ${d.events.dead ? 'bad' : ''}`}>{d.events.dead.toLocaleString()}</dd>
          </dl>
          <Button variant="secondary" size="small" onClick={() => open('deadletters')}>
            Inspect and replay
          </Button>
        </section>
        <section className="card">
          <h3>Last reconciliation</h3>
          {!rec ? (
            <p className="muted">None yet. It runs daily at 03:30 and at start-up.</p>
          ) : (
            <>
              <p className="mon-rec-head">
                <Badge tone={rec.status === 'ok' ? 'good' : rec.status === 'partial' ? 'warn' : 'bad'}>
                  {rec.status}
                </Badge>
                {PROVIDER_LABEL[rec.provider]} · {when(rec.finishedAt ?? rec.startedAt)} · {rec.trigger}
              </p>
              {diff ? (
                <p className="small">
                  {fixes
                    ? `${plural(diff.statusesFixed.length, 'status', 'statuses')} fixed, ${plural(diff.unknownResolved.length, 'unknown')} settled, ${plural(diff.inboundIngested.length, 'missed reply', 'missed replies')}${diff.optOutsFound.length ? `, ${plural(diff.optOutsFound.length, 'opt-out')} found` : ''}.`
                    : 'Nothing to fix: the provider and this app agreed.'}
                </p>
              ) : (
                <p className="small bad">{rec.error}</p>
              )}
            </>
          )}
          <Button variant="secondary" size="small" onClick={() => open('reconciliation')}>
            {rec ? 'Open report' : 'Reconcile now'}
          </Button>
        </section>
      </div>

      <section className="card mon-health-card">
        <div className="mon-health-card-head">
          <h3>Health history</h3>
          {d.health && <Badge tone={verdict(d.health).tone}>{verdict(d.health).word}</Badge>}
        </div>
        <HealthStrip history={d.healthHistory} />
        {d.health && (
          <p className="muted small">
            Last check {when(d.health.at)}: {d.health.reason}
          </p>
        )}
        <Button variant="secondary" size="small" onClick={() => open('health')}>
          Details
        </Button>
      </section>
    </div>
  );
}
