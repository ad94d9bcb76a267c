import { useMemo } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { formatPhone } from '../../../../shared/phone-format';
import { renderTemplate } from '../../../../shared/templates';
import { CALL_MESSAGE_MAX_S, spokenSeconds, voiceContentProblems } from '../../../../shared/voice/content';
import { optOutConfirmation, spokenCall } from '../../../../shared/voice/script';
import type { CallSetup } from '../../../../shared/ipc/channels/voice';
import { Banner, Segmented, Textarea, TextInput } from '../ui';
import type { MessageModel } from './useMessageModel';
import { voiceOf, type WizardState } from './wizard-state';
import { TestCallButton } from './TestCallButton';
import './channels.css';
import './voice.css';

/** Stands in when there are no contacts yet, so the preview still shows how placeholders read. */
const EXAMPLE_CONTACT = { firstName: 'Alex', lastName: 'Sample', phone: '+12125550123', email: null, fields: {} };

/** One line of the call as said, with who wrote it. */
function Part({ who, children, testId }: { who: string; children: React.ReactNode; testId: string }) {
  return (
    <li className="vc-part" data-testid={testId}>
      <span className="vc-who small">{who}</span>
      <span className="vc-said">{children}</span>
    </li>
  );
}

/**
 * The call of a campaign: a script read aloud in the voice of the settings, or a recording by https address; and
 * in words, in order, exactly what the recipient hears — the identification and callback number the app always
 * says first, the key-press opt-out, the message, the closing with the number — and what a voicemail gets after
 * the beep. "Call my phone" rings the owner's own phone with it.
 */
export function VoiceContentEditor({
  state,
  update,
  model,
  error,
}: {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
  model: Pick<MessageModel, 'samples' | 'sample'>;
  /** The message step's error, when it is about the call (shown once, not twice). */
  error: string | undefined;
}) {
  const setup = useQuery(() => api.voice.callSetup({}), [], ['settings']).data;
  const content = voiceOf(state);
  const typed = state.voiceSource === 'script' ? state.voiceScript.trim() : state.voiceRecordingUrl.trim();
  const found = typed ? voiceContentProblems(content)[0] : undefined;
  const problem = found !== error ? found : undefined;
  const message = useMemo(() => {
    if (state.voiceSource === 'recording') return null;
    if (!model.samples || !state.voiceScript.trim()) return state.voiceScript.trim();
    const contact = model.sample?.context ?? EXAMPLE_CONTACT;
    return renderTemplate(state.voiceScript, { contact, business: model.samples.business }).text.trim();
  }, [state.voiceSource, state.voiceScript, model.samples, model.sample]);
  const seconds = spokenSeconds(state.voiceScript);

  return (
    <section className="cw-card ch-voice" aria-labelledby="ch-voice-title" data-testid="voice-editor">
      <h3 id="ch-voice-title">Voice call</h3>
      <Segmented
        label="What the call plays"
        name="ch-voice-source"
        value={state.voiceSource}
        onChange={(voiceSource) => update({ voiceSource })}
        options={[
          { value: 'script', label: 'Script read aloud' },
          { value: 'recording', label: 'A recording' },
        ]}
      />
      {state.voiceSource === 'script' ? (
        <div className="cw-field">
          <label htmlFor="ch-voice-script">Call script</label>
          <Textarea
            id="ch-voice-script"
            value={state.voiceScript}
            maxLength={3000}
            onChange={(e) => update({ voiceScript: e.target.value })}
            aria-describedby={problem ? 'ch-voice-script-hint ch-voice-problem' : 'ch-voice-script-hint'}
          />
          <p id="ch-voice-script-hint" className="muted small">
            Read by the voice {setup ? `${setup.voice} (${setup.language})` : 'of your settings'} — change it in
            Settings → Voice. The same placeholders as a text, e.g. {'{{first_name|there}}'}. About{' '}
            <strong data-testid="voice-seconds">{Math.round(seconds)} seconds</strong> of at most {CALL_MESSAGE_MAX_S},
            so the whole call fits in its first minute.
          </p>
        </div>
      ) : (
        <div className="cw-field">
          <label htmlFor="ch-voice-recording">Recording address</label>
          <TextInput
            id="ch-voice-recording"
            type="url"
            inputMode="url"
            placeholder="https://…/message.mp3"
            value={state.voiceRecordingUrl}
            onChange={(e) => update({ voiceRecordingUrl: e.target.value })}
            aria-describedby={problem ? 'ch-voice-recording-hint ch-voice-problem' : 'ch-voice-recording-hint'}
          />
          <p id="ch-voice-recording-hint" className="muted small">
            An MP3 or WAV file at an https:// address Twilio can fetch. Keep it under {CALL_MESSAGE_MAX_S} seconds so
            the whole call fits in its first minute.
          </p>
        </div>
      )}
      {problem && (
        <p id="ch-voice-problem" className="cw-field-error" data-testid="voice-problem">
          {problem}
        </p>
      )}
      {setup && setup.problems.length > 0 && (
        <Banner tone="warn" role="none">
          Calls cannot be placed yet: {setup.problems.join(' ')}
        </Banner>
      )}
      {setup && <WhatTheyHear setup={setup} message={message} recordingUrl={state.voiceRecordingUrl.trim()} />}
      {setup && <TestCallButton setup={setup} content={content} />}
    </section>
  );
}

/** The call in words, in the order it is said: answered by a person, then on voicemail. */
function WhatTheyHear({
  setup,
  message,
  recordingUrl,
}: {
  setup: CallSetup;
  message: string | null;
  recordingUrl: string;
}) {
  const business = {
    name: setup.businessName || '(your business name)',
    callbackNumber: setup.callbackNumber,
  };
  const phone = (n: string) => (n ? formatPhone(n) : '(your callback number)');
  const call = spokenCall({ message: { kind: 'say', text: '' }, business, optOutDigit: setup.optOutDigit }, phone);
  const said = (text: string) => <q>{text}</q>;
  const yours =
    message === null ? (
      recordingUrl ? (
        <>
          The recording plays: <span className="vc-url">{recordingUrl}</span>
        </>
      ) : (
        <span className="muted">(give the address of your recording)</span>
      )
    ) : message ? (
      said(message)
    ) : (
      <span className="muted">(write your script)</span>
    );
  return (
    <div className="vc-hear">
      <h4 id="vc-hear-title">What they hear, in this order</h4>
      <ol className="vc-parts" aria-labelledby="vc-hear-title" data-testid="voice-parts">
        <Part who="Added by the app, always first" testId="voice-identification">
          {said(call.identification)}
        </Part>
        <Part who="Added by the app, within 2 seconds" testId="voice-offer">
          {said(call.optOutOffer)}
        </Part>
        <Part who="Your message" testId="voice-message">
          {yours}
        </Part>
        <Part who="Added by the app, last" testId="voice-closing">
          {said(call.closing)}
        </Part>
      </ol>
      <p className="small">
        Pressing {setup.optOutDigit} at any moment: {said(optOutConfirmation(business.name))} The call hangs up and the
        number goes on your do-not-call list at once.
      </p>
      <h4>On voicemail</h4>
      <p className="small" data-testid="voice-voicemail">
        The app waits for the greeting and the beep, then leaves the same four parts from the start — who is calling and
        the number, the opt-out offer, your message — and ends with {said(call.closing)} Calling{' '}
        {phone(setup.callbackNumber)} back and pressing {setup.optOutDigit} stops these calls too.
      </p>
    </div>
  );
}
