import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Button, Field, Modal, TextInput } from '../ui';

/** Who the conversion is for: a known contact (inbox thread, contact panel) or a phone typed on the campaign page. */
export type ConversionTarget = { contactId: number; who: string } | { phone: true };

/**
 * "Mark a conversion": a sale or booking that came from a text, with its amount and a note. The core attributes it
 * by the same last-touch rules as every other conversion and says which campaign (if any) got it.
 */
export function MarkConversionButton({
  target,
  currency,
  onDone,
  label = 'Mark a conversion',
  small = false,
}: {
  target: ConversionTarget;
  currency?: string;
  onDone?(): void;
  label?: string;
  small?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <Button className={small ? 'secondary small' : 'secondary'} onClick={() => (setOpen(true), setDone(null))}>
        {label}
      </Button>
      {done && (
        <span className="small good an-conv-done" role="status">
          {done}
        </span>
      )}
      {open && (
        <MarkConversionDialog
          target={target}
          currency={currency}
          onClose={() => setOpen(false)}
          onDone={(sentence) => {
            setOpen(false);
            setDone(sentence);
            onDone?.();
          }}
        />
      )}
    </>
  );
}

function MarkConversionDialog({
  target,
  currency,
  onClose,
  onDone,
}: {
  target: ConversionTarget;
  currency?: string;
  onClose(): void;
  onDone(sentence: string): void;
}) {
  const [phone, setPhone] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amountNumber = amount.trim() === '' ? 0 : Number(amount.replace(',', '.'));
  const amountProblem =
    Number.isFinite(amountNumber) && amountNumber >= 0 ? null : 'Type the amount as a number, such as 45 or 45.50.';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (amountProblem) return;
    setBusy(true);
    setError(null);
    try {
      const who = 'contactId' in target ? { contactId: target.contactId } : { phone: phone.trim() };
      const r = await api.conversions.add({
        ...who,
        amount: amountNumber,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(
        r.campaignId === null
          ? 'Conversion recorded (no campaign text in the attribution window, so it counts for no campaign).'
          : 'Conversion recorded and credited to the campaign that texted them last.',
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Mark a conversion"
      subtitle={
        'contactId' in target ? `A sale or booking from ${target.who}` : 'A sale or booking that came from a text'
      }
      size="small"
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="an-conv-form"
            disabled={busy || !!amountProblem || ('phone' in target && !phone.trim())}
          >
            Record conversion
          </Button>
        </>
      }
    >
      <form id="an-conv-form" onSubmit={(e) => void submit(e)}>
        {'phone' in target && (
          <TextInput
            label="Customer’s phone number"
            id="an-conv-phone"
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        )}
        <Field label={<>Amount{currency ? ` (${currency})` : ''}</>} htmlFor="an-conv-amount">
          <TextInput
            id="an-conv-amount"
            inputMode="decimal"
            placeholder="0.00"
            value={amount}
            aria-invalid={!!amountProblem}
            onChange={(e) => setAmount(e.target.value)}
          />
          {amountProblem && <p className="error-text">{amountProblem}</p>}
        </Field>
        <TextInput
          label="Note"
          id="an-conv-note"
          placeholder="e.g. booked a colour by phone"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
