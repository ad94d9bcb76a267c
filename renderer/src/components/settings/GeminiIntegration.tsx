import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { WHAT_GEMINI_RECEIVES } from '../../../../shared/ai';
import { Button, Badge } from '../ui';
import { useAiStatus } from '../ai/useAiStatus';
import { SecretField } from './SecretField';
import '../ai/ai.css';

/**
 * Settings → Integrations → Gemini: the API key, whether it works, and exactly what is sent to Google.
 * The model, address and reply-label settings appear above it in the same group.
 */
export function GeminiIntegration() {
  const { status, reload } = useAiStatus();
  const secrets = useQuery(() => api.secrets.list({}), []);
  const keyRow = secrets.data?.find((r) => r.name === 'gemini.apiKey');
  const [check, setCheck] = useState<{ ok: boolean; text: string } | null>(null);
  const [checking, setChecking] = useState(false);

  const runCheck = async () => {
    setChecking(true);
    try {
      const { model } = await api.ai.check({});
      setCheck({ ok: true, text: `Connected: ${model} answered.` });
    } catch (e) {
      setCheck({ ok: false, text: (e as Error).message });
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="ai-integration" data-testid="gemini-integration">
      <h3 className="st-section-title">Gemini — key and connection</h3>
      <div className="ai-status">
        {!status?.connected ? (
          <Badge>Gemini not connected</Badge>
        ) : check && !check.ok ? (
          <Badge tone="bad">Gemini not answering</Badge>
        ) : (
          <Badge tone="good">Gemini connected</Badge>
        )}
        {status?.connected && (
          <Button variant="secondary" disabled={checking} onClick={() => void runCheck()}>
            {checking ? 'Checking…' : 'Check connection'}
          </Button>
        )}
        {check && (
          <span role="status" className={check.ok ? 'good-text small' : 'ai-problem small'}>
            {check.text}
          </span>
        )}
      </div>
      <p className="muted small st-help">
        Optional. With a key from Google AI Studio, Gemini drafts messages, suggests A/B variants, labels replies and
        sums up results. Every suggestion is checked like a text you typed, and nothing reaches your contacts without
        your click.
      </p>
      {status?.lastProblem && (
        <p className="ai-problem small" role="alert">
          Reply labels paused: {status.lastProblem}
        </p>
      )}
      {keyRow && (
        <SecretField
          key={keyRow.name + keyRow.isSet}
          row={keyRow}
          onSaved={() => {
            secrets.reload();
            reload();
            setCheck(null);
          }}
        />
      )}
      <section className="ai-sent" aria-labelledby="ai-sent-title">
        <h4 id="ai-sent-title">Exactly what Gemini receives</h4>
        <dl>
          {WHAT_GEMINI_RECEIVES.map((w) => (
            <div key={w.use} style={{ display: 'contents' }}>
              <dt>{w.use}</dt>
              <dd>{w.sent}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small st-help">
          Phone numbers, e-mail addresses and contact records never leave this computer. Keywords such as STOP are
          handled here and never sent.
        </p>
      </section>
    </div>
  );
}
