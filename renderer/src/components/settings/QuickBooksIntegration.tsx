import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type {
  QuickBooksConnectStart,
  QuickBooksStatus,
  QuickBooksSyncResult,
} from '../../../../shared/ipc/channels/quickbooks';
import { formatMoney } from '../../../../shared/analytics';
import { Badge, Button, ErrorBanner, formatWhen, Table } from '../ui';
import { SecretField } from './SecretField';
import { sentence } from './form-values';
import './settings.css';

const TONE: Record<QuickBooksStatus['state'], 'good' | 'warn' | 'neutral'> = {
  connected: 'good',
  reconnect: 'warn',
  not_connected: 'neutral',
};
const ENTITY_LABEL = { SalesReceipt: 'Sales receipt', Invoice: 'Invoice' } as const;

function Step({ n, title, done, children }: { n: number; title: string; done: boolean; children: ReactNode }) {
  return (
    <li className="qb-step">
      <span className={`qb-step-n${done ? ' done' : ''}`} aria-hidden="true">
        {done ? '✓' : n}
      </span>
      <div className="qb-step-body">
        <h4>
          {title}
          {done && <span className="sr-only"> (done)</span>}
        </h4>
        {children}
      </div>
    </li>
  );
}

/**
 * Settings → Integrations → QuickBooks Online: the three connection steps (keys, redirect URI, sign in), the status,
 * the last sync with its counts, and the sales no contact matches. Its settings are the group's ordinary fields.
 */
export function QuickBooksIntegration() {
  const status = useQuery(() => api.quickbooks.status({}), [], ['settings', 'campaigns']);
  const secrets = useQuery(() => api.secrets.list({}), []);
  const [busy, setBusy] = useState<'connect' | 'sync' | 'disconnect' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<QuickBooksConnectStart | null>(null);
  const [synced, setSynced] = useState<QuickBooksSyncResult | null>(null);
  const s = status.data;
  const run = async <T,>(what: 'connect' | 'sync' | 'disconnect', call: () => Promise<T>, then: (v: T) => void) => {
    setBusy(what);
    setError(null);
    try {
      then(await call());
    } catch (e) {
      setError(sentence((e as Error).message));
    } finally {
      setBusy(null);
      status.reload();
    }
  };
  if (!s) return <ErrorBanner message={status.error} />;
  const keysSet = s.credentials.clientId && s.credentials.clientSecret;
  const money = (minor: number) => formatMoney(minor, s.currency);
  const keyRows = (secrets.data ?? []).filter(
    (r) => r.name === 'quickbooks.clientId' || r.name === 'quickbooks.clientSecret',
  );
  return (
    <div className="qb-panel" data-testid="quickbooks-integration">
      <div className="qb-head">
        <h3>QuickBooks Online connection</h3>
        <Badge tone={TONE[s.state]}>{s.label}</Badge>
      </div>
      <p className="muted small qb-intro">
        Brings your QuickBooks sales in as conversions, so campaign results and the dashboard show the revenue your
        texts brought. Customers are matched to contacts by phone number or e-mail; nothing is sent to QuickBooks.
      </p>
      {s.state === 'reconnect' && (
        <p className="qb-warn" role="alert">
          {s.lastError ?? 'QuickBooks no longer accepts the saved sign-in.'} Sync is paused until you reconnect.
        </p>
      )}
      <ErrorBanner message={error} />
      <ol className="qb-steps">
        <Step n={1} title="Your Intuit app’s keys" done={keysSet}>
          <p className="muted small">
            At developer.intuit.com, open your app → Keys &amp; credentials (
            {s.environment === 'production' ? 'Production' : 'Sandbox'}, as chosen above) and paste both here. They are
            kept in the secret store.
          </p>
          {keyRows.map((r) => (
            <SecretField
              key={r.name + r.isSet}
              row={r}
              onSaved={() => {
                secrets.reload();
                status.reload();
              }}
            />
          ))}
        </Step>
        <Step n={2} title="Add the redirect URI to your Intuit app" done={s.redirectUri !== null}>
          {s.redirectUri ? (
            <>
              <p className="muted small">Under Keys &amp; credentials → Redirect URIs, add exactly:</p>
              <code className="qb-uri">{s.redirectUri}</code>
              <p className="muted small">
                QuickBooks sends your browser back through your public tunnel to this app. The sign-in link it uses
                works once, within 10 minutes.
              </p>
            </>
          ) : (
            <p className="qb-warn">
              Set your public tunnel URL in Settings → Webhooks first: QuickBooks only returns to an https address.
            </p>
          )}
        </Step>
        <Step
          n={3}
          title={s.state === 'reconnect' ? 'Reconnect QuickBooks' : 'Sign in to QuickBooks'}
          done={s.state === 'connected'}
        >
          <p className="muted small">Your browser opens Intuit’s page; choose your company and allow access.</p>
          <div className="qb-actions">
            <Button
              disabled={!keysSet || !s.redirectUri || busy !== null}
              onClick={() => void run('connect', () => api.quickbooks.connect({}), setStarted)}
            >
              {busy === 'connect'
                ? 'Opening…'
                : s.state === 'connected'
                  ? 'Connect again'
                  : s.state === 'reconnect'
                    ? 'Reconnect QuickBooks'
                    : 'Connect QuickBooks'}
            </Button>
          </div>
          {started && !started.opened && (
            <p className="small">
              <a href={started.authorizeUrl} target="_blank" rel="noreferrer">
                Open the QuickBooks sign-in page
              </a>{' '}
              (valid until {formatWhen(started.expiresAt)}).
            </p>
          )}
          {started && started.opened && (
            <p className="small muted">
              The sign-in page opened in your browser. Come back here when it says QuickBooks is connected.
            </p>
          )}
        </Step>
      </ol>
      {s.state !== 'not_connected' && (
        <section className="qb-sync" aria-label="QuickBooks sync">
          <dl className="qb-facts">
            <div>
              <dt>Company</dt>
              <dd>{s.realmId || '—'}</dd>
            </div>
            <div>
              <dt>Last sync</dt>
              <dd>{s.lastSyncAt ? formatWhen(s.lastSyncAt) : 'Not yet'}</dd>
            </div>
            <div>
              <dt>Customers</dt>
              <dd>{s.counts.customers.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Sales</dt>
              <dd>{s.counts.sales.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Revenue from texts</dt>
              <dd>
                {money(s.counts.attributedRevenueMinor)}{' '}
                <span className="muted small">of {money(s.counts.revenueMinor)}</span>
              </dd>
            </div>
          </dl>
          {s.lastError && s.state === 'connected' && <p className="qb-warn">Last sync failed: {s.lastError}</p>}
          <p className="small muted">Syncs at start-up and every 15 minutes while the app is open.</p>
          <div className="qb-actions">
            <Button
              variant="secondary"
              disabled={busy !== null || s.state === 'reconnect'}
              onClick={() => void run('sync', () => api.quickbooks.sync({ full: false }), setSynced)}
            >
              {busy === 'sync' ? 'Syncing…' : 'Sync now'}
            </Button>
            <Button
              variant="secondary"
              disabled={busy !== null}
              onClick={() =>
                void run(
                  'disconnect',
                  () => api.quickbooks.disconnect({}),
                  () => setSynced(null),
                )
              }
            >
              Disconnect
            </Button>
            {synced && (
              <span className="small good-text" role="status">
                {synced.sales} sales and {synced.customers} customers read, {synced.conversions} conversions recorded
                {synced.deleted ? `, ${synced.deleted} deleted sales removed` : ''}.
              </span>
            )}
          </div>
          {s.counts.unmatchedSales > 0 && (
            <details className="qb-unmatched">
              <summary>
                {s.counts.unmatchedSales.toLocaleString()} {s.counts.unmatchedSales === 1 ? 'sale' : 'sales'} could not
                be matched to a contact
              </summary>
              <p className="small muted">
                Their customers’ phone numbers and e-mails match no contact (
                {s.counts.unmatchedCustomers.toLocaleString()}{' '}
                {s.counts.unmatchedCustomers === 1 ? 'customer' : 'customers'} in all). Add them as contacts, or turn on
                “Create contacts from customers”; they are matched on the next sync.
              </p>
              <Table
                label="Sales not matched to a contact"
                plain
                className="qb-table"
                rows={s.unmatched}
                rowKey={(u) => `${u.entity}:${u.id}`}
                columns={[
                  { header: 'Date', cell: (u) => formatWhen(u.at) },
                  {
                    header: 'Sale',
                    cell: (u) => (
                      <>
                        {ENTITY_LABEL[u.entity]} {u.id}
                      </>
                    ),
                  },
                  { header: 'Customer', cell: (u) => u.customerName ?? '—' },
                  { header: 'Amount', numeric: true, cell: (u) => money(u.amountMinor) },
                ]}
              />
            </details>
          )}
        </section>
      )}
    </div>
  );
}
