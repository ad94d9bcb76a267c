import { useState } from 'react';
import { api } from '../../api/client';
import { ConsentQuestion, type ConsentAnswer } from './ConsentQuestion';
import { plural } from './format';
import { Button, Modal } from '../ui';

/** Reasons a contact is not textable only because nobody said how they agreed (see electron/contacts/consent-record.ts). */
const NO_CONSENT_REASONS = new Set([
  'SMS consent not stated',
  'no SMS consent in import file',
  'no SMS consent (entered by hand)',
]);

export const lacksConsent = (reason: string | null) => reason !== null && NO_CONSENT_REASONS.has(reason);

/** The owner says how these contacts agreed to texts: recorded with each, and they become textable. */
export function RecordConsent({
  contactIds,
  name,
  onClose,
  onDone,
}: {
  contactIds: number[];
  name: string;
  onClose(): void;
  onDone(): void;
}) {
  const [answer, setAnswer] = useState<ConsentAnswer>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (answer?.kind !== 'agreed') return;
    setBusy(true);
    setError(null);
    try {
      await api.contacts.recordConsent({ contactIds, how: answer.how });
      onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Record consent"
      subtitle={contactIds.length === 1 ? name : plural(contactIds.length, 'contact')}
      size="small"
      locked={busy}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={() => void save()} disabled={busy || answer?.kind !== 'agreed'}>
            {busy ? 'Saving…' : 'Record consent'}
          </Button>
        </>
      }
    >
      <ConsentQuestion legend="How did they agree to get texts from you?" name="record-consent" onChange={setAnswer} />
      <p className="muted small">
        Kept with the contact in the consent history, with today’s date. An opted-out contact stays opted out.
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
