import { useState } from 'react';
import { api } from '../../api/client';
import type { PostmarkCredentials } from '../../../../shared/ipc/channels/webhooks';
import { Banner, Button, ConfirmDialog, ErrorBanner } from '../ui';
import { CopyLine } from './CopyLine';
import './domain-check.css';

/**
 * Postmark's webhooks carry no signature: the app generates HTTP Basic credentials, keeps the password in the secret
 * store and shows the URL with them once, to paste into Postmark. Regenerating makes the old URL stop working.
 */
export function PostmarkWebhook({
  url,
  generated,
  onChanged,
}: {
  /** The webhook URL without credentials, once the public URL is set. */
  url: string | null;
  generated: boolean;
  onChanged(): void;
}) {
  const [credentials, setCredentials] = useState<PostmarkCredentials | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      setCredentials(await api.webhooks.generatePostmarkCredentials({}));
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (!url) return null;
  return (
    <div className="wh-postmark" data-testid="postmark-webhook">
      {credentials ? (
        <>
          <CopyLine label="Postmark" text={credentials.url} />
          <Banner tone="info" role="status">
            Copy this URL now: its password is shown only this once.{' '}
            {credentials.replaced && 'The previous Postmark URL no longer works — paste this one in its place.'}
          </Banner>
        </>
      ) : (
        <div className="wh-line">
          <span className="wh-line-label">Postmark</span>
          <code>{generated ? url.replace('://', '://postmark:••••••@') : url}</code>
          <Button
            variant="secondary"
            size="small"
            disabled={busy}
            onClick={() => (generated ? setConfirming(true) : void generate())}
          >
            {busy ? 'Generating…' : generated ? 'Regenerate' : 'Generate credentials'}
          </Button>
        </div>
      )}
      <p className="muted small">
        Postmark → your server → Webhooks → Add webhook: paste the URL with its credentials and tick Delivery, Bounce,
        Spam complaint and Subscription change. Postmark signs nothing, so the relay refuses any call without this
        password.
      </p>
      <ErrorBanner message={error} />
      {confirming && (
        <ConfirmDialog
          title="New Postmark webhook password?"
          confirmLabel="Regenerate"
          danger
          busy={busy}
          busyLabel="Generating…"
          onConfirm={() => void generate()}
          onClose={() => setConfirming(false)}
        >
          The URL you pasted into Postmark stops working at once: Postmark’s events are refused until you paste the new
          URL there.
        </ConfirmDialog>
      )}
    </div>
  );
}
