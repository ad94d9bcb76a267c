import { useState } from 'react';
import type { ProviderName, ReconciliationRun } from '../../../../shared/ipc/channels/monitoring';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Badge, Banner, Button, ErrorBanner, Loading, Select, Table, TextInput } from '../ui';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { fromLocalInput, plural, PROVIDER_LABEL, toLocalInput, when } from './format';
import './monitoring.css';

const STATUS_TONE = { ok: 'good', partial: 'warn', failed: 'bad', interrupted: 'warn', running: 'info' } as const;

function changes(run: ReconciliationRun): number {
  const d = run.diff;
  return d ? d.statusesFixed.length + d.unknownResolved.length + d.inboundIngested.length : 0;
}

type Resolved = NonNullable<ReconciliationRun['diff']>['unknownResolved'][number];

/** What became of a message whose outcome was unknown: found sent, queued again, skipped, or (null) still unknown. */
function UnknownOutcome({ resolved }: { resolved: Resolved | null }) {
  if (!resolved) return <Badge tone="warn">still unknown</Badge>;
  const { resolution } = resolved;
  return (
    <Badge tone={resolution === 'found' ? 'good' : resolution === 'requeued' ? 'info' : 'neutral'}>
      {resolution === 'found' ? `sent (${resolved.after})` : resolution === 'requeued' ? 'queued again' : 'skipped'}
    </Badge>
  );
}

function Report({ run }: { run: ReconciliationRun }) {
  const d = run.diff;
  const phone = usePhoneFormat();
  return (
    <section className="card mon-report" aria-label={`Reconciliation ${run.id}`}>
      <div className="mon-report-head">
        <h3>
          {PROVIDER_LABEL[run.provider]}: {when(run.since)} → {when(run.until)}
        </h3>
        <Badge tone={STATUS_TONE[run.status]}>{run.status}</Badge>
      </div>
      {run.error && !d && (
        <Banner tone="error" role="none">
          {run.error}
        </Banner>
      )}
      {d && (
        <>
          <div className="mon-chips">
            <span className="mon-chip">
              Listed <strong>{d.listed.outgoing.toLocaleString()}</strong> sent ·{' '}
              <strong>{d.listed.incoming.toLocaleString()}</strong> received
              {d.listing && <span className="muted"> ({d.listing} listing)</span>}
            </span>
            <span className={`mon-chip ${d.statusesFixed.length ? 'info' : ''}`}>
              {plural(d.statusesFixed.length, 'status', 'statuses')} fixed
            </span>
            <span className={`mon-chip ${d.unknownResolved.length ? 'info' : ''}`}>
              {plural(d.unknownResolved.length, 'unknown outcome')} settled
            </span>
            <span className={`mon-chip ${d.inboundIngested.length ? 'info' : ''}`}>
              {plural(d.inboundIngested.length, 'missed reply', 'missed replies')}
            </span>
            <span className={`mon-chip ${d.optOutsFound.length ? 'bad' : ''}`}>
              {plural(d.optOutsFound.length, 'missed opt-out')}
            </span>
          </div>
          {changes(run) === 0 && d.unknownPending.length === 0 && !d.errors.length && (
            <p className="muted">Nothing to fix: the provider and this app agree.</p>
          )}
          {d.statusesFixed.length > 0 && (
            <>
              <h4>Statuses fixed</h4>
              <Table
                label="Statuses fixed"
                className="mon-table compact"
                rows={d.statusesFixed}
                rowKey={(f) => f.outboxId}
                columns={[
                  { header: 'To', className: 'mono nowrap', cell: (f) => phone(f.phone) },
                  { header: 'Was', cell: (f) => f.before },
                  {
                    header: 'Now',
                    cell: (f) => (
                      <>
                        <Badge tone={f.after === 'delivered' ? 'good' : f.after === 'sent' ? 'info' : 'bad'}>
                          {f.after}
                        </Badge>
                        {f.errorCode && <span className="muted small"> {f.errorCode}</span>}
                      </>
                    ),
                  },
                  { header: 'Provider id', className: 'mono small', cell: (f) => f.providerMessageId },
                ]}
              />
            </>
          )}
          {(d.unknownResolved.length > 0 || d.unknownPending.length > 0) && (
            <>
              <h4>Messages whose outcome was unknown</h4>
              <Table
                label="Messages whose outcome was unknown"
                className="mon-table compact"
                rows={[
                  ...d.unknownResolved.map((u) => ({ ...u, resolved: u })),
                  ...d.unknownPending.map((u) => ({ ...u, resolved: null })),
                ]}
                rowKey={(u) => u.outboxId}
                columns={[
                  { header: 'To', className: 'mono nowrap', cell: (u) => phone(u.phone) },
                  { header: 'Outcome', cell: (u) => <UnknownOutcome resolved={u.resolved} /> },
                  { header: 'Why', className: 'small', cell: (u) => u.reason },
                ]}
              />
            </>
          )}
          {d.inboundIngested.length > 0 && (
            <>
              <h4>Replies that had not reached the app</h4>
              <Table
                label="Replies that had not reached the app"
                className="mon-table compact"
                rows={d.inboundIngested}
                rowKey={(i) => i.providerMessageId}
                columns={[
                  { header: 'From', className: 'mono nowrap', cell: (i) => phone(i.from) },
                  {
                    header: 'Text',
                    cell: (i) => (
                      <>
                        {i.body}
                        {d.optOutsFound.some((o) => o.providerMessageId === i.providerMessageId) && (
                          <>
                            {' '}
                            <Badge tone="bad">opted out now</Badge>
                          </>
                        )}
                      </>
                    ),
                  },
                  { header: 'Sent', cell: (i) => when(i.at) },
                ]}
              />
            </>
          )}
          {d.unmatchedOutgoing > 0 && (
            <p className="muted small">
              {plural(d.unmatchedOutgoing, 'text')} at the provider were not sent by this app (for example typed in the
              provider&apos;s own app); they were left alone.
            </p>
          )}
          {d.errors.length > 0 && (
            <ul className="mon-errors">
              {d.errors.map((e) => (
                <li key={e} className="bad small">
                  {e}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function Reconciliation({ provider, onChanged }: { provider: ProviderName; onChanged: () => void }) {
  const [since, setSince] = useState(() => toLocalInput(new Date(Date.now() - 86_400_000)));
  const [until, setUntil] = useState(() => toLocalInput(new Date()));
  const [which, setWhich] = useState<ProviderName>(provider);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<ReconciliationRun | null>(null);
  const runs = useQuery(() => api.reconciliation.runs({ limit: 20 }), []);

  async function reconcile(e: React.FormEvent) {
    e.preventDefault();
    const from = fromLocalInput(since);
    const to = fromLocalInput(until);
    if (!from || !to) return setError('Choose both the start and the end of the range.');
    setBusy(true);
    setError(null);
    try {
      const run = await api.reconciliation.run({ since: from.toISOString(), until: to.toISOString(), provider: which });
      setShown(run);
      runs.reload();
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const report = shown ?? runs.data?.[0] ?? null;
  return (
    <div className="mon-rec">
      <form className="card mon-rec-form" onSubmit={(e) => void reconcile(e)}>
        <TextInput
          label="From"
          id="rec-since"
          type="datetime-local"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          required
        />
        <TextInput
          label="To"
          id="rec-until"
          type="datetime-local"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          required
        />
        <Select
          label="Provider"
          id="rec-provider"
          value={which}
          onChange={(e) => setWhich(e.target.value as ProviderName)}
        >
          {(['sandbox', 'quo', 'twilio'] as const).map((p) => (
            <option key={p} value={p}>
              {PROVIDER_LABEL[p]}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={busy}>
          {busy ? 'Reconciling…' : 'Reconcile now'}
        </Button>
        <p className="muted small mon-rec-help">
          Lists the provider&apos;s texts for this range and compares them with the app: fixes statuses, settles
          messages whose outcome was unknown (a message the provider never received is queued again only after 15
          minutes, never resent blindly) and processes replies that never arrived — a missed STOP opts the contact out.
        </p>
      </form>
      <ErrorBanner message={error ?? runs.error} />
      {report ? (
        <Report run={report} />
      ) : runs.data ? (
        <p className="muted">No reconciliation has run yet.</p>
      ) : (
        <Loading />
      )}
      {runs.data && runs.data.length > 0 && (
        <section>
          <h3 className="section-title">Previous runs</h3>
          <Table
            label="Previous runs"
            className="mon-table"
            rows={runs.data}
            rowKey={(r) => r.id}
            rowClassName={(r) => `clickable ${report?.id === r.id ? 'selected' : ''}`}
            onRowClick={(r) => setShown(r)}
            columns={[
              { header: 'Started', cell: (r) => when(r.startedAt) },
              { header: 'Provider', cell: (r) => PROVIDER_LABEL[r.provider] },
              {
                header: 'Range',
                className: 'small',
                cell: (r) => (
                  <>
                    {when(r.since)} → {when(r.until)}
                  </>
                ),
              },
              { header: 'How', cell: (r) => r.trigger },
              { header: 'Result', cell: (r) => <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge> },
              { header: 'Changes', numeric: true, cell: (r) => changes(r) },
            ]}
          />
        </section>
      )}
    </div>
  );
}
