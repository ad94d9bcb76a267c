import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ContactDetail } from '../../../../shared/ipc/channels/contacts';
import { Modal } from './Modal';

function splitTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

/** Add one person by hand. How they agreed to texts is recorded with them (a manual consent record). */
export function AddContactForm({ onClose, onCreated }: { onClose(): void; onCreated(d: ContactDetail): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [consented, setConsented] = useState(true);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const created = await api.contacts.create({
        phone: text('phone'),
        ...(text('firstName') ? { firstName: text('firstName') } : {}),
        ...(text('lastName') ? { lastName: text('lastName') } : {}),
        ...(text('email') ? { email: text('email') } : {}),
        ...(splitTags(text('tags')).length ? { tags: splitTags(text('tags')) } : {}),
        consent: { given: consented, ...(text('note') ? { note: text('note') } : {}) },
      });
      onCreated(created);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Modal title="Add a contact" subtitle="Type the phone number in any format; it is stored in international form." locked={busy} onClose={onClose} size="small">
      <form id="ct-add-form" className="ct-form" onSubmit={(e) => void submit(e)}>
        <label>
          Phone number
          <input name="phone" type="tel" required autoFocus placeholder="(415) 555-0100" autoComplete="off" />
        </label>
        <div className="ct-edit-row">
          <label>
            First name
            <input name="firstName" autoComplete="off" />
          </label>
          <label>
            Last name
            <input name="lastName" autoComplete="off" />
          </label>
        </div>
        <label>
          Email
          <input name="email" type="email" autoComplete="off" />
        </label>
        <label>
          Tags
          <input name="tags" placeholder="VIP, Newsletter" autoComplete="off" />
          <span className="muted small">Separate tags with commas.</span>
        </label>
        <fieldset className="ct-consent">
          <legend>Did they agree to get texts?</legend>
          <label className="ct-radio">
            <input type="radio" name="consent" checked={consented} onChange={() => setConsented(true)} /> Yes, they agreed
          </label>
          <label className="ct-radio">
            <input type="radio" name="consent" checked={!consented} onChange={() => setConsented(false)} /> No — keep them, but never text them
          </label>
          <input name="note" placeholder="How? e.g. signed up at the counter" aria-label="How they agreed" autoComplete="off" />
        </fieldset>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="ct-form-actions">
          <button type="button" className="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {busy ? 'Adding…' : 'Add contact'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
