import type { Expression, SqlBool } from 'kysely';
import { contactScope, planSearch, likeEscape } from '../contacts';
import { fullName, fullTextMatch, likeInsensitive } from '../db/sql-fns';
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
      .select((eb) => eb(eb.parens('rowid', '-', parity), '/', 2).as('id'))
      .where(fullTextMatch('inbox_search', match))
      .where((eb) => eb(eb('rowid', '%', 2), '=', parity));
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
  const eb = contactScope();
  const name = fullName(eb.ref('c.first_name'), eb.ref('c.last_name'));
  const byContact =
    plan.kind === 'prefix'
      ? eb.or([
          likeInsensitive(eb.ref('c.first_name'), `${likeEscape(plan.prefix)}%`),
          likeInsensitive(eb.ref('c.last_name'), `${likeEscape(plan.prefix)}%`),
        ])
      : plan.like.column === 'phone'
        ? eb(eb.fn<string>('replace', ['c.phone', eb.val('+'), eb.val('')]), 'like', plan.like.patterns[0])
        : // The contacts search index folds accents ("chloe" finds Chloé); LIKE covers contacts it has not indexed yet.
          eb.or([
            eb.and(plan.like.patterns.map((p) => likeInsensitive(name, p))),
            eb(
              'c.id',
              'in',
              qb.selectFrom('contact_search').select('rowid').where(fullTextMatch('contact_search', plan.match)),
            ),
          ]);
  const match = messageMatch(search);
  if (!match) return byContact;
  const { inbound, replies } = contactsWithMessage(match);
  return eb.or([byContact, eb('c.id', 'in', inbound), eb('c.id', 'in', replies)]);
}
