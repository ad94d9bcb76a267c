import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Button, TextInput } from '../ui';

/** "Ana booked by phone": the owner marks a recipient as converted, found by their number (or e-mail address). */
export function RecordConversion({
  campaignId,
  byEmail = false,
  byCall = false,
  onDone,
}: {
  campaignId: number;
  /** An e-mail A/B test: the sale came from an e-mail, and the recipient may be found by their address. */
  byEmail?: boolean;
  /** A call A/B test: the sale came from a call. */
  byCall?: boolean;
  onDone(): void;
}) {
  const [phone, setPhone] = useState('');
  const [message, setMessage] = useState<{ tone: 'good' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!phone.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const found = await api.contacts.list({ search: phone.trim(), limit: 2 });
      if (found.rows.length !== 1) {
        setMessage({
          tone: 'bad',
          text: found.rows.length
            ? `More than one contact matches; type the whole ${byEmail ? 'number or address' : 'number'}.`
            : `No contact has that ${byEmail ? 'number or address' : 'number'}.`,
        });
        return;
      }
      const contact = found.rows[0];
      const r = await api.abtests.markConversion({ contactId: contact.id, campaignId });
      const who = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.phone;
      setMessage({
        tone: 'good',
        text: r.created ? `${who} is marked as converted.` : `${who} was already marked as converted.`,
      });
      setPhone('');
      onDone();
    } catch (err) {
      setMessage({ tone: 'bad', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="ab-convert" onSubmit={(e) => void submit(e)}>
      <label htmlFor="ab-convert-phone">
        Record a conversion (a booking or sale that came from this {byEmail ? 'e-mail' : byCall ? 'call' : 'text'})
      </label>
      <div className="field-row">
        <TextInput
          id="ab-convert-phone"
          type={byEmail ? 'text' : 'tel'}
          placeholder={byEmail ? 'Phone number or e-mail address' : 'Phone number'}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={busy || !phone.trim()}>
          Mark converted
        </Button>
      </div>
      {message && <p className={`small ${message.tone}`}>{message.text}</p>}
    </form>
  );
}
