import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { TRIAGE_LABEL_NAMES } from '../../../../shared/ai';
import type { ReplyTriageView } from '../../../../shared/ipc/channels/ai';
import './ai.css';
import { Button } from '../ui';

/** Gemini's labels for one conversation's replies, by inbound message id; reloaded when the inbox changes. */
export function useReplyLabels(
  contactId: number,
  lastMessageId: string | undefined,
): { labels: ReadonlyMap<number, ReplyTriageView>; reload(): void } {
  const q = useQuery(() => api.ai.replyLabels({ contactId }), [contactId, lastMessageId], ['inbox']);
  return { labels: new Map((q.data ?? []).map((l) => [l.inboundId, l])), reload: q.reload };
}

/**
 * A reply's label. A possible opt-out phrase is never acted on: the owner reads it, opts the contact out with the
 * button above if that is what they meant, and marks it reviewed.
 */
export function ReplyLabel({ view, onReviewed }: { view: ReplyTriageView | undefined; onReviewed(): void }) {
  const [error, setError] = useState<string | null>(null);
  if (!view) return null;
  if (!view.label) {
    return (
      <span className="ai-label muted" title={view.problem ?? undefined} data-testid="reply-label">
        No label
      </span>
    );
  }
  const confidence = `${Math.round((view.confidence ?? 0) * 100)}%`;
  const waiting = view.flagged && view.reviewedAt === null;
  return (
    <>
      <span
        className={`ai-label${view.flagged ? ' flag' : ''}`}
        data-testid="reply-label"
        title={`Labelled by Gemini, ${confidence} sure`}
      >
        {TRIAGE_LABEL_NAMES[view.label]} · {confidence}
      </span>
      {waiting && (
        <div className="ai-flag" role="note" data-testid="optout-review">
          <span>
            Gemini reads this as a possible wish to get no more texts. Nothing was changed: if that is what they mean,
            use <strong>Opt out…</strong> above.
          </span>
          <Button
            variant="secondary"
            size="small"
            onClick={() =>
              void api.ai
                .markReviewed({ inboundId: view.inboundId })
                .then(onReviewed)
                .catch((e: Error) => setError(e.message))
            }
          >
            Mark as reviewed
          </Button>
          {error && <span className="error-text">{error}</span>}
        </div>
      )}
    </>
  );
}
