import { sql } from 'kysely';
import type { ContactRow } from '../../shared/types/domain';
import type { Kdb } from '../db/kysely';

export interface ContactQuery {
  search?: string;
  tag?: string;
  limit: number;
  offset: number;
}

/** Digits of what the user typed, so "(415) 555-0100" finds +14155550100. */
function phoneDigits(search: string): string | null {
  const digits = search.replace(/\D/g, '');
  return digits.length >= 3 && /^[\d\s()+.-]+$/.test(search.trim()) ? digits : null;
}

export async function listContacts(kdb: Kdb, q: ContactQuery): Promise<{ rows: ContactRow[]; total: number }> {
  let base = kdb.selectFrom('contacts as c');
  if (q.tag) {
    base = base.where((eb) =>
      eb.exists(
        eb.selectFrom('contact_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id').whereRef('ct.contact_id', '=', 'c.id').where('t.name', '=', q.tag!).select(sql`1`.as('one')),
      ),
    );
  }
  const search = q.search?.trim();
  if (search) {
    const digits = phoneDigits(search);
    const like = `%${search.replace(/[%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) =>
      eb.or([
        ...(digits ? [eb('c.phone', 'like', `%${digits}%`)] : []),
        sql<boolean>`(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`c.email LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select([
      'c.id', 'c.phone', 'c.first_name', 'c.last_name', 'c.email', 'c.textable', 'c.not_textable_reason', 'c.opted_out', 'c.created_at', 'c.last_contacted_at',
      sql<string | null>`(SELECT group_concat(t.name, '\u001f') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id)`.as('tags'),
    ])
    .orderBy('c.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      phone: r.phone,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      textable: !!r.textable,
      notTextableReason: r.not_textable_reason,
      optedOut: !!r.opted_out,
      tags: r.tags ? r.tags.split('\u001f') : [],
      createdAt: r.created_at,
      lastContactedAt: r.last_contacted_at,
    })),
  };
}
