import { useState } from 'react';
import { api } from '../../api/client';
import { DRAFT_TONES, NOT_CONNECTED_REASON, type DraftTone } from '../../../../shared/ai';
import type { DraftCheck } from '../../../../shared/ipc/channels/ai';
import { Button, Checkbox, Modal, Select, TextInput } from '../ui';
import { SuggestionCard } from './SuggestionCard';
import { useAiStatus } from './useAiStatus';
import { useGeminiRequest } from './useGeminiRequest';
import './ai.css';

const TONE_WORDS: Record<DraftTone, string> = {
  friendly: 'Friendly',
  professional: 'Professional',
  playful: 'Playful',
  urgent: 'Urgent',
};

/**
 * "Draft with Gemini" for the template editor and the campaign wizard: a one-line brief becomes three options,
 * each checked by the template validation, segment counter and compliance lint before "Use this" is offered.
 */
export function DraftWithGemini({ onUse }: { onUse(text: string): void }) {
  const { status } = useAiStatus();
  const [open, setOpen] = useState(false);
  const connected = status?.connected === true;
  return (
    <div className="ai-trigger">
      <Button
        variant="secondary"
        size="small"
        disabled={!connected}
        onClick={() => setOpen(true)}
        aria-describedby={connected ? undefined : 'ai-draft-reason'}
      >
        Draft with Gemini
      </Button>
      {status && !connected && (
        <span id="ai-draft-reason" className="ai-reason">
          {NOT_CONNECTED_REASON}
        </span>
      )}
      {open && (
        <DraftDialog
          onClose={() => setOpen(false)}
          onUse={(text) => {
            onUse(text);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}

function DraftDialog({ onClose, onUse }: { onClose(): void; onUse(text: string): void }) {
  const [brief, setBrief] = useState('');
  const [tone, setTone] = useState<DraftTone>('friendly');
  const [oneSegment, setOneSegment] = useState(true);
  const [drafts, setDrafts] = useState<DraftCheck[] | null>(null);
  const { busy, error, run } = useGeminiRequest();

  const ready = !busy && brief.trim().length >= 3;
  const ask = async () => {
    if (!ready) return;
    const answer = await run(() => api.ai.draft({ brief, tone, fitsOneSegment: oneSegment, count: 3 }));
    if (answer) setDrafts(answer.drafts);
  };

  return (
    <Modal
      title="Draft with Gemini"
      subtitle="Describe the message in one line; Gemini suggests three, the desk checks each."
      onClose={onClose}
    >
      <div className="ai-dialog">
        {/* Not a <form>: the dialog sits inside the campaign wizard's form, and a nested submit would reach it. */}
        <div className="ai-form">
          <TextInput
            id="ai-brief"
            label="What is the message about?"
            value={brief}
            maxLength={300}
            placeholder="e.g. 20% off roses this weekend, order by Friday"
            onChange={(e) => setBrief(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void ask();
            }}
          />
          <div className="ai-row">
            <Select id="ai-tone" label="Tone" value={tone} onChange={(e) => setTone(e.target.value as DraftTone)}>
              {DRAFT_TONES.map((t) => (
                <option key={t} value={t}>
                  {TONE_WORDS[t]}
                </option>
              ))}
            </Select>
            <Checkbox
              label="Fits one segment (160 characters)"
              checked={oneSegment}
              onChange={(e) => setOneSegment(e.target.checked)}
            />
            <Button disabled={!ready} onClick={() => void ask()}>
              {busy ? 'Writing…' : drafts ? 'Ask again' : 'Write 3 options'}
            </Button>
          </div>
        </div>
        <p className="ai-note">
          Sent to Gemini: this brief, the tone and your business name — no contact data. Names stay as{' '}
          {'{{first_name}}'}, filled in on this computer.
        </p>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {drafts && (
          <ul className="ai-options" aria-label="Suggested messages">
            {drafts.map((d, i) => (
              <SuggestionCard
                key={`${i}-${d.text}`}
                check={d}
                title={`Option ${i + 1}`}
                useLabel="Use this"
                onUse={onUse}
              />
            ))}
          </ul>
        )}
      </div>
    </Modal>
  );
}
