import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ContactDetail } from '../../../../shared/ipc/channels/contacts';
import { ConsentQuestion, type ConsentAnswer } from './ConsentQuestion';
import { DuplicateNotice, useDuplicate } from './DuplicateNotice';
import { Button, Modal, TextInput } from '../ui';

function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** Add one person by hand. How they agreed to texts is recorded with them (a manual consent record). */
export function AddContactForm({
  onClose,
  onCreated,
  onOpenContact,
}: {
  onClose(): void;
  onCreated(d: ContactDetail): void;
  onOpenContact(id: number): void;
}) {
  const [busy, setBusy] = useState(false);
  const duplicate = useDuplicate();
  const [error, setError] = useState<string | null>(null);
  const [consent, setConsent] = useState<ConsentAnswer>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    setBusy(true);
    setError(null);
    try {
      const created = await api.contacts.create({
        phone: text('phone'),
        ...(text('firstName') ? { firstName: text('firstName') } : {}),
        ...(text('lastName') ? { lastName: text('lastName') } : {}),
        ...(text('email') ? { email: text('email') } : {}),
        ...(splitTags(text('tags')).length ? { tags: splitTags(text('tags')) } : {}),
        // No answer (or "not stated"): the contact is saved without consent, and is not textable until you record it.
        ...(consent?.kind === 'agreed'
          ? { consent: { given: true, note: consent.how } }
          : consent?.kind === 'declined'
            ? { consent: { given: false } }
            : {}),
      });
      onCreated(created);
    } catch (err) {
      if (!(await duplicate.explain(err, text('phone')))) setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Add a contact"
      subtitle="Type the phone number in any format; it is stored in international form."
      locked={busy}
      onClose={onClose}
      size="small"
    >
      <form id="ct-add-form" className="ct-form" onSubmit={(e) => void submit(e)}>
        <label>
          Phone number
          <TextInput
            name="phone"
            type="tel"
            required
            autoFocus
            placeholder="(415) 555-0100"
            autoComplete="off"
            aria-invalid={duplicate.existing ? true : undefined}
            onChange={duplicate.clear}
          />
        </label>
        <div className="ct-edit-row">
          <label>
            First name
            <TextInput name="firstName" autoComplete="off" />
          </label>
          <label>
            Last name
            <TextInput name="lastName" autoComplete="off" />
          </label>
        </div>
        <label>
          Email
          <TextInput name="email" type="email" autoComplete="off" />
        </label>
        <label>
          Tags
          <TextInput name="tags" placeholder="VIP, Newsletter" autoComplete="off" />
          <span className="muted small">Separate tags with commas.</span>
        </label>
        <ConsentQuestion
          legend="How did they agree to get texts from you?"
          name="add-consent"
          options={[{ value: 'declined', label: 'They did not agree: keep them, never text them' }]}
          onChange={setConsent}
        />
        {consent === null || consent.kind !== 'agreed' ? (
          <p className="ct-callout warn small" role="note">
            {consent?.kind === 'declined'
              ? 'Saved as a contact who is never texted.'
              : 'Without an answer the contact is saved but not textable for marketing, until you record how they agreed.'}
          </p>
        ) : null}
        {duplicate.existing && <DuplicateNotice existing={duplicate.existing} onOpen={onOpenContact} />}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="ct-form-actions">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? 'Adding…' : 'Add contact'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
