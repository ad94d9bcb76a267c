import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { AppError } from '../../shared/errors';
import type { SampleContact, TemplatePreviewResult } from '../../shared/ipc/channels/templates';
import { previewTemplate } from '../../shared/templates';
import type { Db } from '../db/db';
import type { SettingsStore } from '../settings/store';
import {
  businessContext,
  contactById,
  contactByPhone,
  knownFieldKeys,
  sampleContactContext,
  sampleContacts,
} from './audience';
import { getTemplate } from './library';

export interface PreviewDeps {
  db: Db;
  settings: Pick<SettingsStore, 'get'>;
}

export interface PreviewRequest {
  id?: number;
  body?: string;
  contactId?: number;
  /** As the owner typed it: "(415) 555-0100", "415.555.0100", "+14155550100". */
  phone?: string;
  requireOptOut?: boolean;
}

/** A typed phone number as stored (E.164), read with the default country setting when it has no country code. */
export function phoneToE164(typed: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(typed, defaultCountry as CountryCode);
  if (!parsed || !parsed.isPossible()) {
    throw new AppError(
      'invalid_input',
      `"${typed}" is not a phone number. Type it with its area code, e.g. (415) 555-0100 or +14155550100.`,
    );
  }
  return parsed.number;
}

function chooseContact(deps: PreviewDeps, req: PreviewRequest): SampleContact | null {
  if (req.contactId !== undefined) {
    const found = contactById(deps.db, req.contactId);
    if (!found) throw new AppError('not_found', `There is no contact #${req.contactId}. It may have been deleted.`);
    return found;
  }
  if (req.phone !== undefined) {
    const e164 = phoneToE164(req.phone, deps.settings.get('contacts.defaultCountry'));
    const found = contactByPhone(deps.db, e164);
    if (!found)
      throw new AppError(
        'not_found',
        `No contact has the phone number ${e164}. Check the number, or import the contact first.`,
      );
    return found;
  }
  // Without a choice, the first contact who would receive it; with no contacts at all, a nameless sample contact.
  return sampleContacts(deps.db, {}, { limit: 1 })[0] ?? null;
}

/** One contact's rendered message with its encoding, segments and findings (what `templates preview` prints). */
export function previewForContact(deps: PreviewDeps, req: PreviewRequest): TemplatePreviewResult {
  if (req.body === undefined && req.id === undefined)
    throw new AppError('invalid_input', 'Give a template id or the message text to preview.');
  const body = req.body ?? getTemplate(deps.db, req.id!).body;
  const contact = chooseContact(deps, req);
  const preview = previewTemplate(
    body,
    { contact: contact?.context ?? sampleContactContext, business: businessContext(deps.settings) },
    { knownFields: knownFieldKeys(deps.db), requireOptOut: req.requireOptOut },
  );
  return { ...preview, contact: contact ? { id: contact.id, phone: contact.phone, label: contact.label } : null };
}
