import type { ContactContext, ParsedTemplate } from '../../shared/templates';
import type { DeskCore } from '../core';
import type { ContactValues } from './snapshot-channels';

/** The contact's custom fields a text reads, by key (read per contact only when the text uses any). */
export function fieldReader(core: DeskCore, parsed: ParsedTemplate[]): (contactId: number) => Record<string, string> {
  const keys = new Set(
    parsed.flatMap((p) => p.tokens.flatMap((t) => (t.kind === 'variable' && t.fieldKey ? [t.fieldKey] : []))),
  );
  if (keys.size === 0) return () => ({});
  // hot path: once per e-mail or call that reads a custom field, prepared once per snapshot.
  const read = core.db.prepare(
    'SELECT f.key AS key, v.value AS value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id = ?',
  );
  return (contactId) => {
    const out: Record<string, string> = {};
    for (const r of read.all(contactId) as { key: string; value: string | null }[])
      if (keys.has(r.key) && r.value !== null) out[r.key] = r.value;
    return out;
  };
}

export const contactContext = (r: ContactValues, fields: Record<string, string>): ContactContext => ({
  firstName: r.first_name,
  lastName: r.last_name,
  phone: r.phone,
  email: r.email,
  fields,
});
