import { sql, type Expression, type SqlBool } from 'kysely';
import { planSearch, likeEscape } from '../contacts';
import { qb } from '../db/sync-query';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The FTS5 query over inbox_search for a search box text, or null when it is too short for trigrams (under three
 * characters). Every word of three characters or more must appear, in any order; otherwise the text as typed.
 */
export function messageMatch(text: string): string | null {
  const t = text.trim();
  if ([...t].length < 3) return null;
  const words = t.split(/\s+/);
  return (words.every((w) => [...w].length >= 3) ? words : [t]).map(quote).join(' AND ');
}

/** Contacts with a text of theirs, or a reply of ours, that contains the search (migration 0019's index). */
function contactsWithMessage(match: string) {
  // An even rowid is an inbound text (id × 2), an odd one a reply in the outbox (id × 2 + 1).
  const hits = (parity: 0 | 1) =>
    qb
      .selectFrom('inbox_search')
      .select(sql<number>`(rowid - ${parity}) / 2`.as('id'))
      .where(sql<SqlBool>`inbox_search MATCH ${match}`)
      .where(sql<SqlBool>`rowid % 2 = ${parity}`);
  return {
    inbound: qb.selectFrom('inbound_messages').select('contact_id').where('id', 'in', hits(0)),
    replies: qb.selectFrom('outbox_messages').select('contact_id').where('id', 'in', hits(1)),
  };
}

/**
 * Which conversations a search keeps, as a condition on the contacts row `c`: the contact's name, their phone in
 * any format ("(415) 555-0100", "415.555.0100", "+1 415…" all find +14155550100, read as the contacts search reads
 * it), or the text of a message in the conversation. Null when the search is empty.
 */
export function conversationSearch(search: string | undefined, defaultCountry: string): Expression<SqlBool> | null {
  const plan = search ? planSearch(search, defaultCountry) : null;
  if (!plan || !search) return null;
  const name = sql<string>`(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))`;
  const byContact =
    plan.kind === 'prefix'
      ? sql<SqlBool>`(c.first_name LIKE ${`${likeEscape(plan.prefix)}%`} ESCAPE '\\' OR c.last_name LIKE ${`${likeEscape(plan.prefix)}%`} ESCAPE '\\')`
      : plan.like.column === 'phone'
        ? sql<SqlBool>`replace(c.phone, '+', '') LIKE ${plan.like.patterns[0]}`
        : // The contacts search index folds accents ("chloe" finds Chloé); LIKE covers contacts it has not indexed yet.
          sql<SqlBool>`(${sql.join(
            plan.like.patterns.map((p) => sql<SqlBool>`${name} LIKE ${p} ESCAPE '\\'`),
            sql` AND `,
          )}) OR c.id IN (${qb
            .selectFrom('contact_search')
            .select('rowid')
            .where(sql<SqlBool>`contact_search MATCH ${plan.match}`)})`;
  const match = messageMatch(search);
  if (!match) return sql<SqlBool>`(${byContact})`;
  const { inbound, replies } = contactsWithMessage(match);
  return sql<SqlBool>`((${byContact}) OR c.id IN (${inbound}) OR c.id IN (${replies}))`;
}
