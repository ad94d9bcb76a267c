import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../db/db';
import { joinedText, noCase } from '../db/sql-fns';
import { allRows, qb } from '../db/sync-query';

/**
 * The next `limit` contacts of the audience after contact `after`, oldest first, with the columns of the contacts
 * CSV and their tags' names joined by ", " in name order (a chunk of an export).
 */
export function exportChunk(db: Db, audience: Expression<SqlBool>, after: number, limit: number) {
  return allRows(
    db,
    qb
      .selectFrom('contacts as c')
      .select((eb) => [
        'c.id',
        'c.phone',
        'c.first_name',
        'c.last_name',
        'c.email',
        'c.opted_out',
        'c.opted_out_at',
        'c.textable',
        'c.not_textable_reason',
        'c.line_type',
        'c.carrier',
        'c.created_at',
        'c.last_contacted_at',
        eb
          .selectFrom(
            eb
              .selectFrom('contact_tags as ct')
              .innerJoin('tags as t', 't.id', 'ct.tag_id')
              .select('t.name')
              .whereRef('ct.contact_id', '=', 'c.id')
              .orderBy(noCase('t.name'))
              .as('named'),
          )
          .select(joinedText('named.name', ', ').as('tags'))
          .$asScalar()
          .as('tags'),
      ])
      .where('c.id', '>', after)
      .where(audience)
      .orderBy('c.id')
      .limit(limit),
  );
}
