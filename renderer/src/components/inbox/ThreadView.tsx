import { Fragment, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { InboxThread, ThreadMessage } from '../../../../shared/ipc/channels/inbox';
import { CONSENT_SOURCE_LABEL, type ConsentSourceName } from '../../../../shared/ipc/channels/optouts';
import { ConfirmDialog } from '../ui';
import { Button, Badge, ErrorBanner, formatWhen } from '../ui';
import { ReplyBox } from './ReplyBox';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { dayOf, outboundLabel, outboundStatus, timeOf } from './format';
import { MarkConversionButton } from '../analytics/MarkConversion';
import { ReplyLabel, useReplyLabels } from '../ai/ReplyLabel';
import type { ReplyTriageView } from '../../../../shared/ipc/channels/ai';
import './inbox.css';

const KEYWORD_TAG: Partial<Record<string, { label: string; tone: 'bad' | 'good' | 'info' | 'warn' }>> = {
  opt_out: { label: 'Opt-out keyword', tone: 'bad' },
  opt_out_review: { label: 'Read as an opt-out', tone: 'warn' },
  opt_in: { label: 'Opt-in keyword', tone: 'good' },
  help: { label: 'HELP', tone: 'info' },
};

/** A reply the provider refused: it was never sent, so the owner may send the same one again. */
const canRetry = (m: Extract<ThreadMessage, { direction: 'out' }>) => m.kind === 'reply' && m.state === 'failed';

function Bubble({
  m,
  triage,
  onReviewed,
  onRetry,
  retrying,
}: {
  m: ThreadMessage;
  triage?: ReplyTriageView;
  onReviewed?(): void;
  onRetry(outboxId: number): void;
  retrying: boolean;
}) {
  if (m.direction === 'in') {
    const tag = KEYWORD_TAG[m.keywordKind];
    const stop = m.keywordKind === 'opt_out' || m.keywordKind === 'opt_out_review';
    return (
      <div className="ibx-msg theirs">
        <div
          className={`ibx-bubble${stop ? ' stop' : m.keywordKind === 'opt_in' ? ' start' : ''}`}
          data-testid={stop ? 'stop-message' : undefined}
        >
          {m.body || <em className="muted">(empty text)</em>}
        </div>
        <div className="ibx-meta">
          {tag && <Badge tone={tag.tone}>{tag.label}</Badge>}
          <ReplyLabel view={triage} onReviewed={() => onReviewed?.()} />
          {timeOf(m.at)}
        </div>
      </div>
    );
  }
  const label = outboundLabel(m);
  const status = outboundStatus(m);
  return (
    <div className={`ibx-msg ours${m.kind !== 'reply' ? ' auto' : ''}`}>
      {label && <div className="ibx-label">{label}</div>}
      <div
        className={`ibx-bubble${m.state === 'skipped' || m.state === 'failed' || m.state === 'undelivered' ? ' dim' : ''}`}
      >
        {m.body}
      </div>
      {canRetry(m) ? (
        <div className="ibx-meta bad-text ibx-retry" data-testid="delivery-state">
          <span>Not sent{m.errorMessage ? ` (${m.errorMessage})` : ''} —</span>
          <Button variant="secondary" size="small" disabled={retrying} onClick={() => onRetry(m.outboxId)}>
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        </div>
      ) : (
        <div
          className={`ibx-meta ${status.tone === 'muted' ? '' : `${status.tone}-text`}`}
          data-testid="delivery-state"
        >
          {status.text}
        </div>
      )}
    </div>
  );
}

/** How the contact's consent last changed, in a sentence for the banner. */
function consentSentence(t: InboxThread, who: string): string {
  const c = t.contact.lastConsentChange;
  if (!c) return `${who} has opted out. Nothing will be sent to them.`;
  const how = CONSENT_SOURCE_LABEL[c.source as ConsentSourceName]?.toLowerCase() ?? c.source;
  return `${who} opted out ${formatWhen(c.at)} (${how}${c.message ? `: “${c.message}”` : ''}). Nothing will be sent to them; texting START opts them back in.`;
}

/** The right pane: who it is, their consent, the conversation as bubbles, and the reply box. */
export function ThreadView({ thread, onChanged }: { thread: InboxThread; onChanged(): void }) {
  const { contact } = thread;
  const end = useRef<HTMLDivElement>(null);
  const [confirm, setConfirm] = useState<'out' | 'in' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<number | null>(null);
  const last = thread.messages[thread.messages.length - 1]?.id;
  const triage = useReplyLabels(contact.id, last);

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [contact.id, last]);

  const setConsent = async (optedOut: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.optouts.setConsent({ contactId: contact.id, optedOut });
      setConfirm(null);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // The same outbox row goes back in the queue: a retry can never send the reply twice.
  const retry = async (outboxId: number) => {
    setRetrying(outboxId);
    setError(null);
    try {
      await api.inbox.retry({ outboxId });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRetrying(null);
    }
  };

  const phone = usePhoneFormat();
  const who = contact.name ?? phone(contact.phone);
  return (
    <section className="ibx-thread" aria-label={`Conversation with ${who}`}>
      <header className="ibx-thread-head">
        <div>
          <h2>
            {who} {contact.optedOut ? <Badge tone="bad">Opted out</Badge> : <Badge tone="good">Subscribed</Badge>}
            {contact.isUnknown && <Badge tone="warn">Not in your list</Badge>}
          </h2>
          <div className="muted small">
            {contact.name ? <span className="mono">{phone(contact.phone)}</span> : null}
            {thread.replyVia && (
              <span>
                {contact.name ? ' · ' : ''}via{' '}
                {thread.replyVia.provider === 'sandbox'
                  ? 'Sandbox'
                  : thread.replyVia.provider === 'quo'
                    ? 'Quo'
                    : 'Twilio'}{' '}
                <span className="mono">{phone(thread.replyVia.from)}</span>
              </span>
            )}
          </div>
        </div>
        <MarkConversionButton target={{ contactId: contact.id, who }} small onDone={onChanged} />
        {contact.optedOut ? (
          <Button variant="secondary" size="small" onClick={() => setConfirm('in')}>
            Opt back in…
          </Button>
        ) : (
          <Button variant="secondary" size="small" onClick={() => setConfirm('out')}>
            Opt out…
          </Button>
        )}
      </header>
      {contact.optedOut && (
        <div className="ibx-optout" role="note">
          {consentSentence(thread, who)}
        </div>
      )}
      <ErrorBanner message={error} />
      <div className="ibx-messages">
        {thread.truncated && <p className="muted small ibx-older">Older messages are not shown.</p>}
        {thread.messages.map((m, i) => {
          const day = dayOf(m.at);
          const newDay = i === 0 || dayOf(thread.messages[i - 1].at) !== day;
          return (
            <Fragment key={m.id}>
              {newDay && <div className="ibx-day">{day}</div>}
              <Bubble
                m={m}
                triage={m.direction === 'in' ? triage.labels.get(m.inboundId) : undefined}
                onReviewed={triage.reload}
                onRetry={(id) => void retry(id)}
                retrying={retrying === (m.direction === 'out' ? m.outboxId : null)}
              />
            </Fragment>
          );
        })}
        <div ref={end} />
      </div>
      <ReplyBox
        key={contact.id}
        contactId={contact.id}
        disabledReason={
          contact.optedOut
            ? `${who} opted out — replies are blocked`
            : thread.replyVia
              ? null
              : 'No conversation to reply in yet'
        }
        onSent={onChanged}
      />
      {confirm === 'out' && (
        <ConfirmDialog
          cancelLabel="Go back"
          title={`Opt ${who} out?`}
          confirmLabel="Opt out"
          danger
          busy={busy}
          onConfirm={() => void setConsent(true)}
          onClose={() => setConfirm(null)}
        >
          <p>
            Use this when they asked you in person, by phone or by email. They are taken out of every queued message at
            once and recorded in the opt-out report as changed by you. No text is sent to them about it.
          </p>
        </ConfirmDialog>
      )}
      {confirm === 'in' && (
        <ConfirmDialog
          cancelLabel="Go back"
          title={`Opt ${who} back in?`}
          confirmLabel="Opt back in"
          busy={busy}
          onConfirm={() => void setConsent(false)}
          onClose={() => setConfirm(null)}
        >
          <p>
            Only do this if they clearly asked to receive your texts again (for example in writing). The change is
            recorded in the opt-out report as made by you. The simplest way is for them to text START.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
