import { useState } from 'react';
import { api } from '../../api/client';
import { NOT_CONNECTED_REASON } from '../../../../shared/ai';
import { useAiStatus } from './useAiStatus';
import { useGeminiRequest } from './useGeminiRequest';
import './ai.css';
import { Button } from '../ui';

/** "Sum it up": Gemini writes two sentences from the campaign's totals and rates (nothing about any contact). */
export function ResultsSummary({ campaignId, sent }: { campaignId: number; sent: number }) {
  const { status } = useAiStatus();
  const [summary, setSummary] = useState<string | null>(null);
  const { busy, error, run } = useGeminiRequest();
  if (!status) return null;
  const reason = !status.connected
    ? NOT_CONNECTED_REASON
    : sent === 0
      ? 'Nothing was sent yet, so there is nothing to sum up.'
      : null;

  const ask = async () => {
    const answer = await run(() => api.ai.summary({ campaignId }));
    if (answer) setSummary(answer.summary);
  };

  return (
    <section className="card ai-summary" aria-label="Summary by Gemini" data-testid="results-summary">
      {summary ? (
        <p>{summary}</p>
      ) : (
        <p className="muted">
          {reason ??
            'Two sentences on what this campaign achieved and what to try next, written by Gemini from the figures below.'}
        </p>
      )}
      <Button variant="secondary" size="small" disabled={reason !== null || busy} onClick={() => void ask()}>
        {busy ? 'Summing up…' : summary ? 'Sum it up again' : 'Sum it up'}
      </Button>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
