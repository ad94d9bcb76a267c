import { useState } from 'react';
import { api } from '../../api/client';
import { formatPhone } from '../../../../shared/phone-format';
import type { CallSetup } from '../../../../shared/ipc/channels/voice';
import type { CampaignVoice } from '../../../../shared/campaign-channels';
import { Banner, Button } from '../ui';

/**
 * "Call my phone": rings the owner's own phone (business.testPhones) once with the call as built, through Twilio,
 * outside the campaign. Says beforehand, in words, why it cannot ring (calls simulated, Twilio not set up…).
 */
export function TestCallButton({ setup, content }: { setup: CallSetup; content: CampaignVoice }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const call = async () => {
    setBusy(true);
    setResult(null);
    try {
      const r = await api.voice.testCall(content);
      setResult({
        tone: 'success',
        text: `Calling ${formatPhone(r.to)} now — pick up to hear it as your contacts will.`,
      });
    } catch (e) {
      setResult({ tone: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="vc-test">
      <div className="vc-test-row">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => void call()}
          aria-describedby={result === null ? 'vc-test-note' : undefined}
        >
          {busy ? 'Calling…' : 'Call my phone'}
        </Button>
        {result === null && (
          <span id="vc-test-note" className="muted small">
            {setup.testCallProblem ??
              `Rings ${formatPhone(setup.testNumber ?? '')} once with this call through Twilio. Not part of the campaign, never counted.`}
          </span>
        )}
      </div>
      {result && (
        <Banner tone={result.tone} data-testid="voice-test-result">
          {result.text}
        </Banner>
      )}
    </div>
  );
}
