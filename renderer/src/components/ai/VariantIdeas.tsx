import { useState } from 'react';
import { api } from '../../api/client';
import { NOT_CONNECTED_REASON, VARIANT_CHANGES, VARIANT_CHANGE_NAMES, type VariantChange } from '../../../../shared/ai';
import type { VariantIdea } from '../../../../shared/ipc/channels/ai';
import { SuggestionCard } from './SuggestionCard';
import { useAiStatus } from './useAiStatus';
import { useGeminiRequest } from './useGeminiRequest';
import './ai.css';
import { Button, Select } from '../ui';

/** A/B variant ideas: Gemini rewrites variant A changing one named thing, so the test measures that thing alone. */
export function VariantIdeas({ message, room, onAdd }: { message: string; room: number; onAdd(text: string): void }) {
  const { status } = useAiStatus();
  const [change, setChange] = useState<VariantChange>('call_to_action');
  const [ideas, setIdeas] = useState<VariantIdea[] | null>(null);
  const { busy, error, run } = useGeminiRequest();
  const connected = status?.connected === true;
  const reason = !connected
    ? NOT_CONNECTED_REASON
    : !message.trim()
      ? 'Write variant A first.'
      : room <= 0
        ? 'This test already has five variants.'
        : null;

  const ask = async () => {
    const answer = await run(() => api.ai.variants({ message, change, count: 2 }));
    if (answer) setIdeas(answer.variants);
  };

  return (
    <div className="ai-variants" data-testid="variant-ideas">
      <div className="ai-trigger">
        <label className="small" htmlFor="ai-variant-change">
          Ideas from Gemini that change only
        </label>
        <Select
          id="ai-variant-change"
          value={change}
          onChange={(e) => setChange(e.target.value as VariantChange)}
          disabled={!connected}
        >
          {VARIANT_CHANGES.map((c) => (
            <option key={c} value={c}>
              {VARIANT_CHANGE_NAMES[c]}
            </option>
          ))}
        </Select>
        <Button variant="secondary" size="small" disabled={reason !== null || busy} onClick={() => void ask()}>
          {busy ? 'Thinking…' : 'Suggest variants of A'}
        </Button>
        {status && reason && <span className="ai-reason">{reason}</span>}
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      {ideas && (
        <ul className="ai-options" aria-label="Variant ideas">
          {ideas.map((v, i) => (
            <SuggestionCard
              key={`${i}-${v.text}`}
              check={v}
              title={`Changes ${VARIANT_CHANGE_NAMES[v.change]}`}
              detail={v.difference}
              useLabel={room > 0 ? 'Add as a variant' : 'No room for more variants'}
              allowed={room > 0}
              onUse={(text) => {
                onAdd(text);
                setIdeas((all) => all?.filter((x) => x !== v) ?? null);
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
