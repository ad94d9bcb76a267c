import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../db/db';
import { reachableOn } from '../compliance';
import { preparedQuery } from '../db/prepared-query';
import { idListJson, joinedText } from '../db/sql-fns';
import { firstRow, qb } from '../db/sync-query';
import { REACH_BITS } from './channel-status';

/** A contact as the list shows it, tags included as one text separated by U+001F. */
function contactRowQuery() {
  return qb
    .selectFrom('contacts')
    .select((eb) => [
      'contacts.id',
      'contacts.phone',
      'contacts.first_name',
      'contacts.last_name',
      'contacts.email',
      'contacts.textable',
      'contacts.not_textable_reason',
      'contacts.opted_out',
      'contacts.created_at',
      'contacts.last_contacted_at',
      eb
        .selectFrom('contact_tags as ct')
        .innerJoin('tags as t', 't.id', 'ct.tag_id')
        .select(joinedText('t.name', '\u001f').as('tags'))
        .whereRef('ct.contact_id', '=', 'contacts.id')
        .$asScalar()
        .as('tags'),
    ]);
}

/**
 * A page of the contact list: each contact's row with the facts of every channel's reach packed into one number
 * (REACH_BITS: reachableOn's answers and the flags that name why not). Built and compiled once and prepared once per
 * connection, the page's ids bound as one JSON text: building the query (and a second one for the reach) at every page
 * cost more than running it (the contacts-search and contacts-bulk benchmarks' list pages, Dec 2026).
 */
const pageRows = preparedQuery((v: { ids: string }) =>
  contactRowQuery()
    .select((eb) => {
      const bit = (condition: Expression<SqlBool>, value: number) =>
        eb.case().when(condition).then(eb.lit(value)).else(eb.lit(0)).end();
      const bits = [
        bit(reachableOn(eb, 'sms'), REACH_BITS.sms),
        bit(reachableOn(eb, 'email'), REACH_BITS.email),
        bit(reachableOn(eb, 'voice'), REACH_BITS.voice),
        bit(eb('contacts.email_suppressed', '=', 'hard_bounce'), REACH_BITS.bounced),
        bit(eb('contacts.email_suppressed', '=', 'complaint'), REACH_BITS.complaint),
        bit(eb('contacts.email_opted_out', '=', eb.lit(1)), REACH_BITS.unsubscribed),
        bit(eb('contacts.dnc', '=', eb.lit(1)), REACH_BITS.dnc),
      ];
      return bits
        .slice(1)
        .reduce((sum, b) => eb(sum, '+', b).$castTo<number>(), bits[0])
        .as('reach_bits');
    })
    .where('contacts.id', 'in', idListJson(v.ids)),
);

/** The list rows of these contacts with their reach (in no particular order). */
export function contactPageRows(db: Db, ids: readonly number[]) {
  return pageRows.all(db, { ids: JSON.stringify(ids) });
}

/** One contact with everything its detail page shows of the contact row itself. */
export function contactDetailRow(db: Db, id: number) {
  return firstRow(
    db,
    contactRowQuery()
      .select([
        'contacts.country',
        'contacts.opted_out_at',
        'contacts.line_type',
        'contacts.carrier',
        'contacts.source',
        'contacts.is_unknown',
        'contacts.updated_at',
      ])
      .where('contacts.id', '=', id),
  );
}
