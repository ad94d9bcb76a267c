import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Banner, Button } from '../ui';
import './email-editor.css';

/**
 * "Send a test e-mail": the e-mail as written, rendered for a contact, to the owner's own address (Settings,
 * email.from) through the e-mail service set up, marked "[Test]". Says where it went, or exactly what is wrong.
 */
export function SendTestEmail({
  subject,
  body,
  contactId,
  disabledReason,
}: {
  subject: string;
  body: string;
  contactId?: number;
  /** Why a test cannot be sent yet (no subject, errors), or null. */
  disabledReason: string | null;
}) {
  const from = useQuery(() => api.settings.get({ key: 'email.from' }), [], ['settings']);
  const sender = typeof from.data?.value === 'string' ? from.data.value : '';
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const sent = await api.templates.sendTestEmail({ subject, body, ...(contactId ? { contactId } : {}) });
      const via = { smtp: 'your SMTP server', postmark: 'Postmark', sandbox_email: 'the Sandbox (simulated)' }[
        sent.provider
      ];
      const who = sent.renderedFor ? ` with ${sent.renderedFor.label}'s details` : '';
      setResult({ tone: 'success', text: `Test e-mail "${sent.subject}" sent to ${sent.to} through ${via}${who}.` });
    } catch (e) {
      setResult({ tone: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="send-test-email">
      <div className="send-test-row">
        <Button variant="secondary" onClick={() => void send()} disabled={busy || disabledReason !== null}>
          {busy ? 'Sending…' : 'Send a test e-mail'}
        </Button>
        <span className="muted small">
          {disabledReason ?? (sender ? `To ${sender}, marked [Test].` : 'To your sender address (Settings → E-mail).')}
        </span>
      </div>
      {result && (
        <Banner tone={result.tone} role={result.tone === 'error' ? 'alert' : 'status'}>
          {result.text}
        </Banner>
      )}
    </div>
  );
}
