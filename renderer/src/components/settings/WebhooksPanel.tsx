import { useState, type ReactNode } from 'react';
import { CopyLine } from './CopyLine';
import { PostmarkWebhook } from './PostmarkWebhook';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { SecretRow, SettingRow } from '../../../../shared/ipc/channels/app';
import type { WebhookTestResult } from '../../../../shared/ipc/channels/webhooks';
import { Badge, Button, ErrorBanner, formatWhen, Table } from '../ui';
import './settings.css';

const STATE_TONE: Record<string, 'good' | 'info' | 'warn' | 'bad'> = {
  processed: 'good',
  pending: 'info',
  failed: 'warn',
  dead: 'bad',
};
const STATE_LABEL: Record<string, string> = {
  processed: 'Processed',
  pending: 'Waiting',
  failed: 'Retrying',
  dead: 'Gave up',
};
const PROVIDER_LABEL: Record<string, string> = {
  quo: 'Quo',
  twilio: 'Twilio',
  sandbox: 'Sandbox',
  postmark: 'Postmark',
};

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <li className="wh-step">
      <span className="wh-step-n" aria-hidden="true">
        {n}
      </span>
      <div className="wh-step-body">
        <h3>{title}</h3>
        {children}
      </div>
    </li>
  );
}

/**
 * Settings → Webhooks: how the provider reaches this computer (tunnel → relay), what to paste where, the signing
 * secrets, a test that goes through the real relay, and the events that have arrived.
 */
export function WebhooksPanel({
  settingRows,
  secretRows,
  renderSettings,
  renderSecret,
}: {
  settingRows: SettingRow[];
  secretRows: SecretRow[];
  /** A small form with its own Save for these settings. */
  renderSettings(rows: SettingRow[]): ReactNode;
  renderSecret(row: SecretRow, onSaved: () => void): ReactNode;
}) {
  const setup = useQuery(() => api.webhooks.setup({}), [], ['settings']);
  const recent = useQuery(() => api.webhooks.recent({ limit: 20 }), [], ['inbox']);
  const [testing, setTesting] = useState(false);
  const [results, setResults] = useState<WebhookTestResult[] | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const s = setup.data;
  const row = (key: string) => settingRows.find((r) => r.key === key);
  const publicUrl = row('webhooks.publicUrl');

  const sendTest = async () => {
    setTesting(true);
    setTestError(null);
    setResults(null);
    try {
      setResults(await api.webhooks.sendTest({}));
    } catch (e) {
      setTestError((e as Error).message);
    } finally {
      setTesting(false);
      recent.reload();
    }
  };

  return (
    <section className="card wh-panel" aria-labelledby="wh-title">
      <header className="wh-head">
        <div>
          <h2 id="wh-title">Webhooks</h2>
          <p className="muted">
            Replies, STOPs and delivery receipts reach this computer through a tunnel: the provider calls its public
            URL, and the tunnel forwards to the relay here.
          </p>
        </div>
        {s && (
          <span data-testid="relay-status">
            {s.relay.running ? (
              <Badge tone="good">Relay listening on {s.relay.url}</Badge>
            ) : (
              <Badge tone="warn">Relay not running in this window</Badge>
            )}
          </span>
        )}
      </header>
      <ErrorBanner message={setup.error} />
      {s && (
        <ol className="wh-steps">
          <Step n={1} title="Start a tunnel to the relay">
            <p className="muted small">
              The relay listens on <code>{s.localUrl}</code>. Run one of these in a terminal and leave it open:
            </p>
            <CopyLine label="Cloudflare" text={s.commands.cloudflared} />
            <CopyLine label="ngrok" text={s.commands.ngrok} />
            <p className="muted small">
              A quick tunnel gets a new URL every time it starts; paste the new one below when it changes.
            </p>
          </Step>
          <Step n={2} title="Paste the tunnel's public URL">
            {publicUrl && renderSettings([publicUrl])}
          </Step>
          <Step n={3} title="Paste these into your provider">
            {s.webhookUrls ? (
              <>
                <CopyLine label="Quo" text={s.webhookUrls.quo} />
                <p className="muted small">
                  Quo → Settings → Webhooks: events message.received and message.delivered (and message.failed for new
                  webhooks).
                </p>
                <CopyLine label="Twilio" text={s.webhookUrls.twilio} />
                <p className="muted small">
                  Twilio → your number → Messaging: “A message comes in”, and as the status callback.
                </p>
                <PostmarkWebhook
                  url={s.webhookUrls.postmark}
                  generated={s.secrets.postmarkWebhookPassword}
                  onChanged={setup.reload}
                />
              </>
            ) : (
              <p className="muted small">The URLs appear here once the public URL is saved.</p>
            )}
          </Step>
          <Step n={4} title="Paste the signing secrets">
            <p className="muted small">
              Every webhook is checked against these before anything is stored; unsigned or wrongly signed requests are
              refused.
            </p>
            {secretRows.map((r) => renderSecret(r, setup.reload))}
          </Step>
          <Step n={5} title="Check that events arrive">
            <div className="wh-test">
              <Button onClick={() => void sendTest()} disabled={testing}>
                {testing ? 'Sending…' : 'Send test event'}
              </Button>
              <span className="muted small">
                Posts a correctly signed Quo event to the relay on this computer, so it goes through the same checks as
                a real one.
              </span>
            </div>
            {testError && (
              <p className="error-text" role="alert">
                {testError}
              </p>
            )}
            {results && (
              <ul className="wh-results" aria-label="Test results">
                {results.map((r) => (
                  <li key={r.eventId} className={r.state === 'processed' ? 'good' : 'bad'}>
                    {r.state === 'processed' ? '✓' : '✗'} {r.message}
                  </li>
                ))}
              </ul>
            )}
            <h4 className="wh-sub">What has arrived</h4>
            {recent.data?.length ? (
              <Table
                label="What has arrived"
                className="wh-events"
                rows={recent.data}
                rowKey={(e) => e.id}
                columns={[
                  { header: 'When', className: 'nowrap', cell: (e) => formatWhen(e.receivedAt) },
                  { header: 'From', cell: (e) => PROVIDER_LABEL[e.provider] ?? e.provider },
                  {
                    header: 'Event',
                    cell: (e) => (
                      <>
                        {e.isTest && <Badge tone="info">Test</Badge>}
                        {e.summary}
                        {e.lastError && <div className="error-text small">{e.lastError}</div>}
                      </>
                    ),
                  },
                  {
                    header: 'State',
                    cell: (e) => (
                      <Badge tone={STATE_TONE[e.state] ?? 'neutral'}>{STATE_LABEL[e.state] ?? e.state}</Badge>
                    ),
                  },
                ]}
              />
            ) : (
              <p className="muted small">
                Nothing has arrived yet. Send a test event, or text your business number from a phone.
              </p>
            )}
          </Step>
        </ol>
      )}
      <details className="wh-advanced">
        <summary>Relay address</summary>
        {/* Every other webhooks.* setting, including ones added later, lives here. */}
        {renderSettings(settingRows.filter((r) => r.key !== 'webhooks.publicUrl'))}
      </details>
    </section>
  );
}
