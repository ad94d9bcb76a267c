import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { SampleContact } from '../../../../shared/ipc/channels/templates';
import type { TemplatePreview } from '../../../../shared/templates';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { Button, TextInput } from '../ui';
import { ContactStepper } from './ContactStepper';

export interface PreviewContact extends SampleContact {
  /** Why it is in the list besides being a sample: "longest message", "no first_name". */
  note?: string;
}

const CONTACT_CODES = new Set(['missing_value', 'ucs2_from_contact']);

function ContactSearch({ tag, onPick }: { tag: string; onPick: (c: SampleContact) => void }) {
  const [text, setText] = useState('');
  const phone = usePhoneFormat();
  const [found, setFound] = useState<SampleContact[] | null>(null);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.templates
        .sampleContacts({ search: q, limit: 6, ...(tag ? { tag } : {}) })
        .then((r) => live && setFound(r.contacts))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, tag]);
  return (
    <div className="contact-search">
      <TextInput
        type="search"
        aria-label="Preview for a contact"
        placeholder="Preview for… (name, phone or email)"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {found && (
        <ul className="contact-results" aria-label="Matching contacts">
          {found.length === 0 && <li className="muted small">No contact in this audience matches.</li>}
          {found.map((c) => (
            <li key={c.id}>
              <Button
                variant="secondary"
                onClick={() => {
                  onPick(c);
                  setText('');
                }}
              >
                {c.label === c.phone ? phone(c.phone) : c.label} <span className="muted small">{phone(c.phone)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message as it lands on one contact's phone, with ‹ › to step through real contacts. */
export function PhonePreview({
  contacts,
  index,
  onIndex,
  preview,
  businessName,
  tag,
  onPick,
}: {
  contacts: readonly PreviewContact[];
  index: number;
  onIndex: (i: number) => void;
  preview: TemplatePreview;
  businessName: string;
  tag: string;
  onPick: (c: SampleContact) => void;
}) {
  const current = contacts[index] ?? null;
  const phone = usePhoneFormat();
  const notes = preview.warnings.filter((w) => CONTACT_CODES.has(w.code));
  return (
    <section className="tpl-card phone-card" aria-label="Preview">
      <ContactStepper className="phone-nav" count={contacts.length} index={index} onIndex={onIndex}>
        <div className="phone-who" data-testid="preview-contact">
          <strong>
            {current ? (current.label === current.phone ? phone(current.phone) : current.label) : 'Sample contact'}
          </strong>
          <span className="muted small">
            {!current ? 'No contacts yet' : current.label === current.phone ? 'No name on file' : phone(current.phone)}
          </span>
          {current?.note && <span className="badge info">{current.note}</span>}
        </div>
      </ContactStepper>
      {contacts.length > 1 && (
        <p className="muted small phone-position">
          {index + 1} of {contacts.length}
        </p>
      )}
      <div className="phone">
        <div className="phone-header">
          <span className="phone-avatar" aria-hidden="true">
            {(businessName.trim()[0] ?? '#').toUpperCase()}
          </span>
          <span className="phone-from">{businessName.trim() || 'Your business'}</span>
        </div>
        <div className="phone-thread">
          <p className="sms-bubble" data-testid="preview-bubble">
            {preview.text || <span className="sms-empty">Your message appears here as you type.</span>}
          </p>
          <p className="sms-meta">
            Text message · {preview.segments} {preview.segments === 1 ? 'segment' : 'segments'}
          </p>
        </div>
      </div>
      <p className="phone-figures" data-testid="preview-figures">
        {preview.encoding} · {preview.segments} {preview.segments === 1 ? 'segment' : 'segments'} ·{' '}
        {preview.characters.toLocaleString()} characters
      </p>
      {notes.length > 0 && (
        <ul className="contact-notes" aria-label="For this contact">
          {notes.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
      <ContactSearch tag={tag} onPick={onPick} />
    </section>
  );
}
