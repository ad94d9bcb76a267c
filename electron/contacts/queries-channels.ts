import type { Expression, SqlBool } from 'kysely';
import type { Channel } from '../../shared/types/domain';
import type { Db } from '../db/db';
import { reachableOn } from '../compliance';
import { equalsIgnoringCase } from '../db/sql-fns';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';
import type { ContactChannelSide } from './channel-status';

/** Each contact's side of every channel: the flags that say why a channel cannot reach it, and whether it can. */
export function channelSides(db: Db, ids: number[]): ContactChannelSide[] {
  if (!ids.length) return [];
  return allRows(
    db,
    qb
      .selectFrom('contacts')
      .select((eb) => [
        'id',
        'email',
        'textable',
        'opted_out',
        'email_consent',
        'email_opted_out',
        'email_suppressed',
        'voice_consent_at',
        'voice_consent_source',
        'dnc',
        eb.case().when(reachableOn(eb, 'sms')).then(1).else(0).end().as('sms_reachable'),
        eb.case().when(reachableOn(eb, 'email')).then(1).else(0).end().as('email_reachable'),
        eb.case().when(reachableOn(eb, 'voice')).then(1).else(0).end().as('voice_reachable'),
      ])
      .where('id', 'in', ids),
  );
}

/** Whether any contact holds this e-mail address (any letter case). */
export function emailKnown(db: Db, email: string): boolean {
  return (
    firstRow(
      db,
      qb
        .selectFrom('contacts')
        .select('id')
        .where((eb) => equalsIgnoringCase(eb.ref('email'), email))
        .limit(1),
    ) !== undefined
  );
}

/** Prior express written consent to prerecorded calls: when it was given and where it came from. */
export function setVoiceConsent(db: Db, contactId: number, obtainedAt: string, source: string, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set({ voice_consent_at: obtainedAt, voice_consent_source: source, updated_at: at })
      .where('id', '=', contactId),
  );
}

/** How many contacts of the audience (a condition over `contacts c`) a campaign on the channel would reach. */
export function countReachable(db: Db, audience: Expression<SqlBool>, channel: Channel): number {
  return (
    firstRow(
      db,
      qb
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => reachableOn(eb, channel))
        .where('id', 'in', qb.selectFrom('contacts as c').select('c.id').where(audience)),
    )?.n ?? 0
  );
}
