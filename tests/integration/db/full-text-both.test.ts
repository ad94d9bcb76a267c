import { expect, it } from 'vitest';
import { planSearch } from '../../../electron/contacts';
import { fullTextMatch } from '../../../electron/db/sql-fns';
import { allRows, qb, runQuery } from '../../../electron/db/sync-query';
import { messageMatch } from '../../../electron/inbox/search';
import { describeBothBackends } from '../../helpers/both-backends';

/**
 * fullTextMatch, the one search fragment the domains build with Kysely: FTS5 trigram tables on SQLite, tables with
 * trigram indexes on PostgreSQL (docs/design/postgres.md), fed the queries the inbox and contacts searches write.
 */
describeBothBackends('full-text search', (get) => {
  const hits = (table: 'inbox_search' | 'contact_search', query: string) =>
    allRows(get().db, qb.selectFrom(table).select('rowid').where(fullTextMatch(table, query)).orderBy('rowid')).map(
      (r) => r.rowid,
    );

  it('finds messages holding every word, in any case and without accents', () => {
    const { db } = get();
    const bodies = ['Is the bakery open on Sunday?', 'STOP', 'Merci, à dimanche !', 'open 20% off "today"'];
    bodies.forEach((body, i) => runQuery(db, qb.insertInto('inbox_search').values({ rowid: i + 1, body })));
    const search = (text: string) => hits('inbox_search', messageMatch(text) ?? '');
    expect(search('sunday BAKERY')).toEqual([1]);
    expect(search('open')).toEqual([1, 4]);
    expect(search('A DIMANCHE')).toEqual([3]);
    expect(search('20%')).toEqual([4]);
    expect(search('"today"')).toEqual([4]);
    expect(search('closed')).toEqual([]);
  });

  it('finds contacts by name or e-mail, and by phone digits, as the contacts search plans it', () => {
    const { db } = get();
    const rows = [
      { rowid: 1, name: 'Chloé Martin', email: 'chloe@example.com', phone: '+14155550100' },
      { rowid: 2, name: 'Ann Smith', email: 'martinez@example.org', phone: '+14155550199' },
      { rowid: 3, name: 'Bob Stone', email: 'bob@example.net', phone: '+442071838750' },
    ];
    for (const r of rows) runQuery(db, qb.insertInto('contact_search').values(r));
    const search = (text: string) => {
      const plan = planSearch(text, 'US');
      if (plan?.kind !== 'match') throw new Error(`"${text}" is not planned as an index search`);
      return hits('contact_search', plan.match);
    };
    expect(search('chloe')).toEqual([1]);
    expect(search('martin')).toEqual([1, 2]);
    expect(search('smith ann')).toEqual([2]);
    expect(search('555-0199')).toEqual([2]);
    expect(search('20 7183')).toEqual([3]);
    // A column filter keeps the phrase to its columns: "example" is in e-mails, not in phones.
    expect(search('example.net')).toEqual([3]);
  });
});
