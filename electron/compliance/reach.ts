import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { DB } from '../db/schema';
import type { Channel } from '../../shared/types/domain';

type ContactsScope = ExpressionBuilder<DB, 'contacts'>;

/**
 * Who a channel may reach, defined once (consent is per channel and never crosses):
 * - sms: textable (a mobile number with consent) and not opted out;
 * - email: an address, consent to marketing e-mail (the import's "Accepts Email Marketing", or the owner's record),
 *   not unsubscribed and not suppressed by a hard bounce or a complaint;
 * - voice: prior express written consent to prerecorded calls on record, and not on the do-not-call list.
 */
export function reachableOn(eb: ContactsScope, channel: Channel): ExpressionWrapper<DB, 'contacts', SqlBool> {
  // The constants are literals, not bound values: SQLite folds them into the statement (the contact list evaluates
  // this for every row of a page) and can use the partial indexes on the flags.
  if (channel === 'email') {
    return eb.and([
      eb('contacts.email', 'is not', null),
      eb('contacts.email', '<>', ''),
      eb('contacts.email_consent', '=', eb.lit(1)),
      eb('contacts.email_opted_out', '=', eb.lit(0)),
      eb('contacts.email_suppressed', 'is', null),
    ]);
  }
  if (channel === 'voice') {
    return eb.and([eb('contacts.voice_consent_at', 'is not', null), eb('contacts.dnc', '=', eb.lit(0))]);
  }
  return eb.and([eb('contacts.textable', '=', eb.lit(1)), eb('contacts.opted_out', '=', eb.lit(0))]);
}
