import type { contactChannels } from '../../shared/ipc/channels/contacts';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { countAudience } from '../campaigns';
import { runBulkAction, undoBulkAction } from './bulk';
import { changeConsentByHand } from './consent-by-hand';
import { recordConsent } from './consent-record';
import { createCustomField, listCustomFields } from './custom-fields';
import { contactDetail } from './detail';
import { createContact, deleteContacts, updateContact } from './edit';
import { exportContacts } from './export';
import { findContactByPhone } from './find';
import { createImportHandlers } from './import-handlers';
import { listContacts, matchingContactIds } from './list';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segments';
import type { ContactServices } from './services';
import { editTags } from './tag-edit';
import { planVerify, verifySelection } from './verify-selection';

export type ContactHandlers = { [C in keyof typeof contactChannels]: Handler<C> };

/** The Contacts page's channels (shared/ipc/channels/contacts.ts). Every write tells the UI contacts changed. */
export function createContactHandlers(core: DeskCore, services: ContactServices): ContactHandlers {
  const { db } = core;
  const defaultCountry = () => core.settings.get('contacts.defaultCountry');
  const changed = <T>(value: T): T => {
    core.events.emit('app:dataChanged', { area: 'contacts' });
    return value;
  };
  const consent = (optedOut: boolean) => (input: { contactId?: number; phone?: string; reason?: string }) => {
    const result = changeConsentByHand(db, input, optedOut, { now: core.now(), defaultCountry: defaultCountry() });
    if (result.changed) {
      core.events.emit('app:dataChanged', { area: 'optouts' });
      core.events.emit('app:dataChanged', { area: 'inbox' });
      changed(null);
    }
    return result;
  };
  return {
    'contacts:list': (q) =>
      listContacts(db, q, {
        defaultCountry: defaultCountry(),
        now: core.now(),
        indexQueued: !services.imports.writing(),
      }),
    'contacts:get': ({ id, messageLimit }) => contactDetail(db, id, messageLimit),
    'contacts:create': (input) => {
      const id = createContact(db, input, { now: core.now(), defaultCountry: defaultCountry() });
      core.audit('contact.create', String(id));
      return changed(contactDetail(db, id));
    },
    'contacts:update': (input) => {
      updateContact(db, input, { now: core.now(), defaultCountry: defaultCountry() });
      core.audit('contact.update', String(input.id), { fields: Object.keys(input).filter((k) => k !== 'id') });
      return changed(contactDetail(db, input.id));
    },
    'contacts:delete': ({ ids }) => {
      const deleted = deleteContacts(db, ids, core.now());
      core.audit('contacts.delete', undefined, { ids: ids.slice(0, 100), deleted });
      return changed({ deleted });
    },
    'contacts:optOut': consent(true),
    'contacts:optIn': consent(false),
    'contacts:recordConsent': async ({ contactIds, how }) => {
      const result = await recordConsent(core.kdb, contactIds, how, core.now());
      core.audit('contacts.recordConsent', undefined, {
        ids: contactIds.slice(0, 100),
        how,
        nowTextable: result.nowTextable,
      });
      return changed(result);
    },
    'contacts:setTags': ({ contactIds, filter, tags, mode }) => {
      const selection = contactIds ? { contactIds } : { filter: filter! };
      return changed({ contacts: editTags(db, selection, tags, mode, core.now()) });
    },
    'contacts:bulk': async ({ action, tag, contactIds, matching }) => {
      const listOptions = {
        defaultCountry: defaultCountry(),
        now: core.now(),
        indexQueued: !services.imports.writing(),
      };
      const ids = contactIds ?? matchingContactIds(db, matching ?? {}, listOptions);
      const result = await runBulkAction({ db, now: core.now }, action, ids, tag);
      core.audit(`contacts.bulk.${action}`, String(result.actionId), {
        tag,
        selected: result.selected,
        changed: result.changed,
        ids: ids.slice(0, 100),
      });
      if (action === 'optOut') core.events.emit('app:dataChanged', { area: 'optouts' });
      return changed(result);
    },
    'contacts:bulkUndo': async ({ actionId }) => {
      const { action, ...result } = await undoBulkAction({ db, now: core.now }, actionId);
      core.audit('contacts.bulk.undo', String(actionId), { action, ...result });
      if (action === 'optOut') core.events.emit('app:dataChanged', { area: 'optouts' });
      return changed(result);
    },
    'contacts:findByPhone': ({ phone, exceptId }) => findContactByPhone(core.kdb, phone, defaultCountry(), exceptId),
    'contacts:fields': () => listCustomFields(db),
    'contacts:createField': (input) => changed(createCustomField(db, input, core.now().toISOString())),
    'contacts:export': async ({ filter }) => {
      const result = await exportContacts(db, filter, core.paths.dataDir, core.now());
      core.audit('contacts.export', result.fileName, { rows: result.rows });
      return result;
    },
    'contacts:verify': (input) => verifySelection(core, services, input),
    'contacts:verifyPlan': (input) => planVerify(core, services, input),
    'segments:list': () => listSegments(db),
    'segments:create': (input) => changed(createSegment(db, input, core.now())),
    'segments:update': (input) => changed(updateSegment(db, input, core.now())),
    'segments:delete': ({ id }) => {
      deleteSegment(db, id);
      return changed({ deleted: true as const });
    },
    'segments:count': ({ id, filter }) => {
      if (id !== undefined) getSegment(db, id);
      return countAudience(db, id !== undefined ? { segmentId: id, tagMode: 'any' } : filter!, core.now());
    },
    ...createImportHandlers(core, services),
  };
}
