import { useEffect, useRef, useState } from 'react';
import type { LaunchCheck, TestSendResult } from '../../../../shared/ipc/channels/campaign-launch';
import { api } from '../../api/client';
import { Button, ErrorBanner, Field, Modal, Textarea, TextInput } from '../ui';
import { formatTime, plural } from './format';
import { useLaunchCost } from './useLaunchCost';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import './campaigns.css';

/** Who the campaign goes to, in words: segment, tags, exclusions, days since last texted. */
function audienceWords(c: LaunchCheck): string {
  const parts = [
    ...(c.segment ? [`segment “${c.segment.name}”`] : []),
    ...(c.tags.length ? [`tagged ${c.tags.join(', ')}`] : []),
    ...(c.excludeTags.length ? [`not tagged ${c.excludeTags.join(', ')}`] : []),
    ...(c.minDaysSinceContact ? [`not texted in ${plural(c.minDaysSinceContact, 'day')}`] : []),
  ];
  return parts.length ? parts.join(' · ') : 'Everyone who can be texted';
}

function startWords(c: LaunchCheck, zone: string): string {
  if (c.recipientLocal) return `${c.recipientLocal.date} at ${c.recipientLocal.time}, each recipient's local time`;
  return c.startsAt ? formatTime(c.startsAt, zone) : 'Now, as soon as you confirm';
}

/**
 * The last question before anything is sent: how many people, which audience, what it costs, when it starts, and
 * what is wrong with it. A blocking compliance finding needs a reason (kept with the campaign and in the audit
 * log); above 1,000 recipients the owner types the number. A test can go to the owner's own number first.
 */
export function LaunchDialog({
  campaignId,
  cost,
  zone,
  onClose,
  onLaunched,
  onFixMessage,
}: {
  campaignId: number;
  cost: string | null;
  zone: string;
  onClose(): void;
  onLaunched(): void;
  onFixMessage?(): void;
}) {
  const safe = useRef<HTMLButtonElement>(null);
  const [check, setCheck] = useState<LaunchCheck | null>(null);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [testContact, setTestContact] = useState('');
  const [test, setTest] = useState<TestSendResult | null>(null);
  const [busy, setBusy] = useState<'launch' | 'test' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    safe.current?.focus();
    api.campaigns.launchCheck({ id: campaignId }).then(setCheck, (err: Error) => setError(err.message));
  }, [campaignId]);

  const phone = usePhoneFormat();
  const shownCost = useLaunchCost(campaignId, check?.eligible ?? null, cost);
  const blocking = check?.findings.filter((f) => f.blocking) ?? [];
  const warnings = check?.findings.filter((f) => !f.blocking) ?? [];
  const typedCount = Number(typed.replace(/[,\s]/g, ''));
  const countOk = !check?.typedCountRequired || typedCount === check.eligible;
  const reasonOk = blocking.length === 0 || reason.trim() !== '';
  const scheduled = check !== null && (check.startsAt !== null || check.recipientLocal !== null);

  const launch = async () => {
    if (!check) return;
    setBusy('launch');
    setError(null);
    try {
      await api.campaigns.launch({
        id: campaignId,
        confirmLate: false,
        ...(blocking.length ? { acknowledge: reason.trim() } : {}),
        ...(check.typedCountRequired ? { confirmCount: typedCount } : {}),
      });
      onLaunched();
    } catch (err) {
      setError((err as Error).message);
      setBusy(null);
    }
  };

  const sendTest = async () => {
    setBusy('test');
    setError(null);
    try {
      setTest(
        await api.campaigns.sendTest({
          id: campaignId,
          ...(testContact.trim() ? { contactPhone: testContact.trim() } : {}),
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const title = check ? `${scheduled ? 'Schedule' : 'Launch'} “${check.name}”?` : 'Checking the campaign…';
  return (
    <Modal
      title={title}
      locked={busy === 'launch'}
      onClose={onClose}
      data-testid="launch-dialog"
      footer={
        <>
          <Button ref={safe} variant="secondary" onClick={onClose}>
            Go back
          </Button>
          <Button
            variant={blocking.length ? 'danger' : 'primary'}
            disabled={!check || busy !== null || !countOk || !reasonOk || check.eligible === 0}
            onClick={() => void launch()}
          >
            {busy === 'launch'
              ? 'Launching…'
              : check && scheduled
                ? `Schedule for ${plural(check.eligible, 'person', 'people')}`
                : `Send to ${plural(check?.eligible ?? 0, 'person', 'people')}`}
          </Button>
        </>
      }
    >
      <ErrorBanner message={error} />
      {check && (
        <>
          <dl className="ld-facts">
            <dt>Goes to</dt>
            <dd>
              <span className="ld-figure" data-testid="launch-count">
                {plural(check.eligible, 'person', 'people')}
              </span>
              <span className="muted"> of {plural(check.matched, 'matching contact')}</span>
            </dd>
            <dt>Audience</dt>
            <dd data-testid="launch-audience">{audienceWords(check)}</dd>
            <dt>Estimated cost</dt>
            <dd data-testid="launch-cost">{shownCost ?? '—'}</dd>
            <dt>Starts</dt>
            <dd data-testid="launch-start">{startWords(check, zone)}</dd>
          </dl>

          {(blocking.length > 0 || warnings.length > 0) && (
            <section className="ld-section" aria-label="Warnings">
              <h3>{blocking.length ? 'Fix these, or say why you send anyway' : 'Worth a look'}</h3>
              <ul className="ld-findings">
                {check.findings.map((f) => (
                  <li key={f.code} className={f.blocking ? 'blocking' : 'warning'}>
                    {f.message}
                    {f.variants.length > 0 && ` (variant ${f.variants.join(', ')})`}
                  </li>
                ))}
              </ul>
              {blocking.length > 0 && (
                <>
                  <Field
                    label="Reason for sending anyway (kept with the campaign and in the audit log)"
                    htmlFor="ld-reason"
                  >
                    <Textarea
                      id="ld-reason"
                      rows={2}
                      maxLength={500}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      placeholder="e.g. Everyone on this list got our opt-out notice at sign-up this week"
                    />
                  </Field>
                  {onFixMessage && (
                    <Button variant="secondary" size="small" onClick={onFixMessage}>
                      Fix the message instead
                    </Button>
                  )}
                </>
              )}
            </section>
          )}

          {check.typedCountRequired && (
            <section className="ld-section">
              <TextInput
                id="ld-count"
                label={
                  <span>
                    This goes to more than 1,000 people. Type <strong>{check.eligible.toLocaleString()}</strong> to
                    confirm.
                  </span>
                }
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                aria-invalid={typed !== '' && !countOk}
              />
            </section>
          )}

          <section className="ld-section" aria-label="Send a test">
            <h3>Send a test first</h3>
            {check.testPhones.length === 0 ? (
              <p className="muted small">
                Add your own number in Settings (business.testPhones) to text yourself this message before it goes out.
              </p>
            ) : (
              <>
                <div className="ld-row">
                  <TextInput
                    id="ld-test-contact"
                    fieldClassName="grow"
                    label="Render it for the contact with phone (optional)"
                    type="text"
                    value={testContact}
                    onChange={(e) => setTestContact(e.target.value)}
                    placeholder="the first recipient"
                  />
                  <Button variant="secondary" disabled={busy !== null} onClick={() => void sendTest()}>
                    {busy === 'test' ? 'Sending…' : `Send test to ${check.testPhones.map(phone).join(', ')}`}
                  </Button>
                </div>
                {test && (
                  <p className="ld-ok small" role="status" data-testid="test-sent">
                    Test sent to {[...new Set(test.messages.map((m) => m.toPhone))].map(phone).join(', ')}, written for{' '}
                    {test.renderedFor ? test.renderedFor.label : 'a sample contact'}. It is marked “Test” and not
                    counted in this campaign.
                  </p>
                )}
              </>
            )}
          </section>
        </>
      )}
    </Modal>
  );
}
