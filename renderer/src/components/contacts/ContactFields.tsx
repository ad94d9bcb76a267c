import { useState, type FormEvent } from 'react';
import type { ContactDetail, CustomFieldRow } from '../../../../shared/ipc/channels/contacts';
import { api } from '../../api/client';
import { Button, formatWhen, TextInput } from '../ui';
import { DuplicateNotice, useDuplicate } from './DuplicateNotice';
import { usePhoneFormat } from '../phone/usePhoneFormat';

const SOURCES: Record<string, string> = { manual: 'Added by hand', import: 'Imported', inbound: 'Wrote in first' };

/** The contact's fields: read as a list, or edited in place (custom fields included). */
export function ContactFields({
  detail,
  fields,
  onSaved,
  onOpenContact,
}: {
  detail: ContactDetail;
  fields: CustomFieldRow[];
  onSaved(d: ContactDetail): void;
  onOpenContact(id: number): void;
}) {
  const c = detail.contact;
  const duplicate = useDuplicate();
  const [editing, setEditing] = useState(false);
  const phone = usePhoneFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const values = Object.fromEntries(detail.customFields.map((f) => [f.key, f.value]));

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const custom: Record<string, string | null> = {};
    for (const f of fields) {
      const v = text(`custom:${f.key}`);
      if (v !== (values[f.key] ?? '')) custom[f.key] = v || null;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await api.contacts.update({
        id: c.id,
        firstName: text('firstName') || null,
        lastName: text('lastName') || null,
        email: text('email') || null,
        ...(text('phone') !== c.phone ? { phone: text('phone') } : {}),
        ...(Object.keys(custom).length ? { customFields: custom } : {}),
      });
      onSaved(saved);
      setEditing(false);
    } catch (err) {
      if (!(await duplicate.explain(err, text('phone'), c.id))) setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (editing) {
    return (
      <form className="ct-edit" onSubmit={(e) => void save(e)} aria-label="Edit contact">
        <div className="ct-edit-row">
          <label>
            First name
            <TextInput name="firstName" defaultValue={c.firstName ?? ''} autoFocus />
          </label>
          <label>
            Last name
            <TextInput name="lastName" defaultValue={c.lastName ?? ''} />
          </label>
        </div>
        <label>
          Phone
          <TextInput
            name="phone"
            defaultValue={c.phone}
            required
            aria-invalid={duplicate.existing ? true : undefined}
            onChange={duplicate.clear}
          />
        </label>
        <label>
          Email
          <TextInput name="email" type="email" defaultValue={c.email ?? ''} />
        </label>
        {fields.map((f) => (
          <label key={f.key}>
            {f.label}
            <TextInput name={`custom:${f.key}`} defaultValue={values[f.key] ?? ''} />
          </label>
        ))}
        {duplicate.existing && <DuplicateNotice existing={duplicate.existing} onOpen={onOpenContact} />}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="ct-edit-actions">
          <Button variant="secondary" onClick={() => setEditing(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    );
  }

  const rows: Array<[string, string]> = [
    ['Phone', phone(c.phone)],
    ['Email', c.email ?? '—'],
    ['Country', c.country ?? '—'],
    ['Line', c.lineType ? `${c.lineType}${c.carrier ? ` · ${c.carrier}` : ''}` : 'Not checked'],
    ['Source', SOURCES[c.source] ?? c.source],
    ['Added', formatWhen(c.createdAt)],
    ['Last texted', formatWhen(c.lastContactedAt)],
    ...detail.customFields.map((f): [string, string] => [f.label, f.value]),
  ];
  return (
    <div className="ct-fields">
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className={k === 'Phone' ? 'mono' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      <Button variant="secondary" size="small" onClick={() => setEditing(true)}>
        Edit details
      </Button>
    </div>
  );
}
