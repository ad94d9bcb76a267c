import type { consentChannels } from '../../shared/ipc/channels/consent';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { doNotCallByHand, emailOptOutByHand, recordVoiceConsent } from './channel-consent';
import { audienceCondition } from './filter';
import { countReachable } from './queries-channels';
import { countAudience } from '../campaigns';

type ConsentHandlers = { [C in keyof typeof consentChannels]: Handler<C> };

/** Consent per channel (shared/ipc/channels/consent.ts); every write tells the UI contacts changed. */
export function createConsentHandlers(core: DeskCore): ConsentHandlers {
  const { db } = core;
  const changed = <T>(value: T): T => {
    core.events.emit('app:dataChanged', { area: 'contacts' });
    return value;
  };
  return {
    'consent:countReachable': async ({ channel, filter }) => {
      const now = core.now();
      const { matched } = await countAudience(db, filter, now);
      const reachable = countReachable(db, audienceCondition(db, filter, now), channel);
      return { channel, matched, reachable };
    },
    'consent:emailOptOut': ({ email, reason }) => {
      const r = emailOptOutByHand(db, email, core.now(), reason);
      core.audit('contacts.emailOptOut', undefined, { email: r.email, contacts: r.changed });
      return changed(r);
    },
    'consent:doNotCall': (ref) => {
      const r = doNotCallByHand(db, ref, {
        now: core.now(),
        defaultCountry: core.settings.get('contacts.defaultCountry'),
      });
      core.audit('contacts.doNotCall', r.contactId === null ? undefined : String(r.contactId), { changed: r.changed });
      return changed(r);
    },
    'consent:recordVoiceConsent': ({ contactId, source, obtainedAt }) => {
      recordVoiceConsent(db, contactId, { source, obtainedAt }, core.now());
      core.audit('contacts.voiceConsent', String(contactId), { source });
      return changed({ contactId });
    },
  };
}
