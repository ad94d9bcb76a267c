import { useState } from 'react';
import { api } from '../../api/client';
import { countSegments } from '../../../../shared/templates/segments';
import { Button, Textarea } from '../ui';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Writing back. The reply goes through the outbox like everything else, so the dispatcher checks opt-out and the
 * recipient's quiet hours when it sends: outside them it waits, and the box says until when.
 */
export function ReplyBox({
  contactId,
  disabledReason,
  onSent,
}: {
  contactId: number;
  disabledReason: string | null;
  onSent(): void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const count = countSegments(text);
  const disabled = disabledReason !== null;

  const send = async () => {
    if (!text.trim() || busy || disabled) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.inbox.reply({ contactId, body: text });
      setText('');
      setNotice(
        r.waitsUntil
          ? `Queued. It is quiet hours for this contact (${r.waitReason ?? 'outside the sending window'}), so it goes out ${new Date(r.waitsUntil).toLocaleString(undefined, { weekday: 'long', hour: 'numeric', minute: '2-digit' })}.`
          : null,
      );
      onSent();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="ibx-reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="ibx-reply-notice" role="status">
          {notice}
        </p>
      )}
      <div className="ibx-reply-row">
        <Textarea
          aria-label="Reply"
          placeholder={disabled ? disabledReason : 'Write a reply…'}
          value={text}
          disabled={disabled}
          rows={2}
          maxLength={1600}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends, Shift+Enter starts a new line; a key that composes text (an accent, Japanese input) never sends.
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <Button type="submit" disabled={disabled || busy || !text.trim()}>
          {busy ? 'Sending…' : 'Send'}
        </Button>
      </div>
      <div className="ibx-reply-meta">
        <span data-testid="reply-segments" className={count.segments > 1 ? 'warn-text' : undefined}>
          {plural(count.characters, 'character')} · {plural(count.segments, 'segment')} ·{' '}
          {count.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'}
        </span>
        <span>
          Replies follow quiet hours: outside the recipient&apos;s sending window they wait and go out when it opens.
          Enter sends, Shift+Enter starts a new line.
        </span>
      </div>
    </form>
  );
}
