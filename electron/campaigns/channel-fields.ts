import type { ContactContext, ParsedTemplate } from '../../shared/templates';
import type { DeskCore } from '../core';
import type { ContactValues } from './snapshot-channels';
import { contactFieldValues } from './queries-snapshot';

/** The contact's custom fields a text reads, by key (read per contact only when the text uses any). */
export function fieldReader(
  core: Pick<DeskCore, 'db'>,
  parsed: ParsedTemplate[],
): (contactId: number) => Record<string, string> {
  const keys = new Set(
    parsed.flatMap((p) => p.tokens.flatMap((t) => (t.kind === 'variable' && t.fieldKey ? [t.fieldKey] : []))),
  );
  if (keys.size === 0) return () => ({});
  return (contactId) => {
    const out: Record<string, string> = {};
    for (const r of contactFieldValues(core.db, contactId)) if (keys.has(r.key)) out[r.key] = r.value;
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
