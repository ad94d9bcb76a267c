import { useState } from 'react';
import { api } from '../../api/client';
import { Modal, TextInput } from '../ui';

/**
 * Prior express written consent to prerecorded calls (TCPA): the owner records when it was given and where it came
 * from — the source is required, because that is what a regulator asks for.
 */
export function VoiceConsentForm({
  contactId,
  name,
  onDone,
  onClose,
}: {
  contactId: number;
  name: string;
  onDone(): void;
  onClose(): void;
}) {
  const [source, setSource] = useState('');
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!source.trim()) {
      setError('Say where the written consent came from, e.g. "signed form at the counter".');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.consent.recordVoiceConsent({
        contactId,
        source: source.trim(),
        ...(day ? { obtainedAt: new Date(`${day}T12:00:00`).toISOString() } : {}),
      });
      onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Record consent to calls from ${name}`}
      size="small"
      locked={busy}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" onClick={() => void submit()} disabled={busy}>
            {busy ? 'Saving…' : 'Record consent'}
          </button>
        </>
      }
    >
      <p className="ct-confirm-text">
        Recorded voice messages need their written agreement first. Keep the signed form or the web form entry: this
        records when they agreed and where.
      </p>
      <label className="ct-stack">
        Where did the written consent come from?
        <TextInput
          type="text"
          value={source}
          maxLength={500}
          onChange={(e) => setSource(e.target.value)}
          placeholder="e.g. signed form at the counter"
        />
      </label>
      <label className="ct-stack">
        When (leave empty for today)
        <TextInput type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
