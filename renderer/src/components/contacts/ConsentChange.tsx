import { useState } from 'react';
import { api } from '../../api/client';
import { Button, Modal, Textarea } from '../ui';

/**
 * Opt a contact out by hand (they asked in person or on the phone) or back in (they asked to rejoin). The reason
 * goes into the append-only opt-out audit; opting back in needs one, because that is what a regulator asks about.
 */
export function ConsentChange({
  contactId,
  name,
  optingOut,
  onDone,
  onClose,
}: {
  contactId: number;
  name: string;
  optingOut: boolean;
  onDone(): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!optingOut && !reason.trim()) {
      setError('Say how they asked to get texts again, e.g. "texted START" or "signed up again at the counter".');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = { contactId, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      await (optingOut ? api.contacts.optOut(input) : api.contacts.optIn(input));
      onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal
      title={optingOut ? `Opt out ${name}?` : `Opt ${name} back in?`}
      size="small"
      locked={busy}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button className={optingOut ? 'danger' : ''} onClick={() => void submit()} disabled={busy}>
            {busy ? 'Saving…' : optingOut ? 'Opt out' : 'Opt back in'}
          </Button>
        </>
      }
    >
      <p className="ct-confirm-text">
        {optingOut
          ? 'They will not get any more texts from you — campaigns skip them — until they text START or you opt them back in.'
          : 'Only do this when they asked to get your texts again. Campaigns will include them from now on.'}
      </p>
      <label className="ct-stack">
        {optingOut ? 'Reason (optional)' : 'How did they ask?'}
        <Textarea
          rows={2}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          placeholder={optingOut ? 'e.g. asked in the shop' : 'e.g. signed the sign-up sheet again'}
        />
      </label>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
