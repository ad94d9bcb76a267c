import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactSort, ContactSortColumn } from '../../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../../../electron/db/connection';
import { listContacts, type ContactQuery } from '../../../electron/contacts/list';
import { predictionSort, SORT_KEYS } from '../../../electron/contacts/sort';
import { tempDb } from '../../helpers/db';

let t: Awaited<ReturnType<typeof tempDb>>;
let db: SqliteDb;
beforeEach(async () => {
  t = await tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const NOW = '2026-03-01T10:00:00.000Z';
interface Person {
  id: number;
  phone: string;
  first: string | null;
  last: string | null;
  texted: string | null;
  vip: boolean;
}

/** 40 people: repeated names (ties), some without a name, some never texted, every third a VIP. */
function seed(): Person[] {
  const firsts = ['zoe', 'Anna', 'anna', null, 'Bob', 'Émile', 'chloé'];
  const people: Person[] = [];
  for (let i = 0; i < 40; i++) {
    const p = {
      phone: `+1${[212, 415, 646][i % 3]}555${String(1000 + ((i * 37) % 100))}`,
      first: firsts[i % firsts.length],
      last: i % 5 === 0 ? null : ['Smith', 'lee', 'Okafor'][i % 3],
      texted: i % 4 === 0 ? null : `2026-02-${String((i % 9) + 10)}T09:00:00.000Z`,
      vip: i % 3 === 0,
    };
    const id = Number(
      db
        .prepare(
          'INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at, last_contacted_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(p.phone, p.first, p.last, NOW, NOW, p.texted).lastInsertRowid,
    );
    if (p.vip) {
      db.prepare("INSERT OR IGNORE INTO tags (name, created_at) VALUES ('VIP', ?)").run(NOW);
      db.prepare("INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = 'VIP'").run(id);
    }
    people.push({ id, ...p });
  }
  return people;
}

/** The order an owner expects, written independently of the SQL. */
function expected(people: Person[], sort: ContactSort): number[] {
  const name = (p: Person) => [p.first, p.last].filter(Boolean).join(' ').toLowerCase() || '\u{10FFFF}';
  const key = (p: Person): string | number =>
    sort.by === 'name' ? name(p) : sort.by === 'phone' ? p.phone : sort.by === 'added' ? p.id : (p.texted ?? '');
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...people]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return sign * (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id);
    })
    .map((p) => p.id);
}

/** Every page, read with the cursor each page hands on. */
function pageThrough(q: Partial<ContactQuery>, limit: number): { ids: number[]; total: number } {
  const ids: number[] = [];
  let after: string | undefined;
  let total = 0;
  for (let guard = 0; guard < 100; guard++) {
    const page = listContacts(
      db,
      { limit, offset: 0, ...q, ...(after ? { after } : {}) },
      { defaultCountry: 'US', now: new Date(NOW) },
    );
    total = page.total;
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return { ids, total };
}

const SORTS: ContactSort[] = (['name', 'phone', 'added', 'lastTexted'] as const).flatMap((by) =>
  (['asc', 'desc'] as const).map((direction) => ({ by, direction })),
);

describe('sorting the contacts table', () => {
  it.each(SORTS)('by $by $direction: every contact once, in order, ties broken by id, paged by cursor', (sort) => {
    const people = seed();
    const { ids, total } = pageThrough({ sort }, 7);
    expect(total).toBe(40);
    expect(ids).toEqual(expected(people, sort));
  });

  it('keeps the order while searching and filtering by tag', () => {
    const people = seed();
    const sort: ContactSort = { by: 'name', direction: 'asc' };
    const vips = people.filter((p) => p.vip);
    expect(pageThrough({ sort, tag: 'VIP' }, 4).ids).toEqual(expected(vips, sort));
    const smiths = people.filter((p) => p.last === 'Smith');
    expect(pageThrough({ sort: { by: 'phone', direction: 'desc' }, search: 'smith' }, 3)).toEqual({
      ids: expected(smiths, { by: 'phone', direction: 'desc' }),
      total: smiths.length,
    });
    expect(pageThrough({ sort: { by: 'lastTexted', direction: 'desc' }, search: 'smith', tag: 'VIP' }, 2).ids).toEqual(
      expected(
        smiths.filter((p) => p.vip),
        { by: 'lastTexted', direction: 'desc' },
      ),
    );
  });

  it('contacts without a name come after every named one from A to Z', () => {
    const people = seed();
    const page = listContacts(
      db,
      { limit: 100, offset: 0, sort: { by: 'name', direction: 'asc' } },
      { defaultCountry: 'US', now: new Date(NOW) },
    );
    const unnamed = people.filter((p) => !p.first && !p.last).map((p) => p.id);
    expect(unnamed.length).toBeGreaterThan(0);
    expect(page.rows.slice(-unnamed.length).map((r) => r.id)).toEqual(unnamed);
    expect(page.rows[0]).toMatchObject({ firstName: 'Anna' });
  });

  it('reads a page in any order from an index, seeking to the cursor rather than sorting the list', () => {
    for (const [by, key] of Object.entries(SORT_KEYS)) {
      // The prediction sorts walk the predictions' partial index, joined to the contacts (as listSorted writes them).
      const predicted = predictionSort(by as ContactSortColumn);
      const from = predicted ? 'contact_predictions p JOIN contacts c ON c.id = p.contact_id' : 'contacts c';
      const scored = predicted ? `${key} IS NOT NULL AND ` : '';
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.id FROM ${from} WHERE ${scored}${key} >= @k AND (${key} > @k OR c.id > @i) ORDER BY ${key} ASC, c.id ASC LIMIT 200`,
        )
        .all({ k: '', i: 0 }) as { detail: string }[];
      const text = plan.map((p) => p.detail).join(' | ');
      if (predicted) {
        expect(text, by).toMatch(/^SEARCH p USING (COVERING )?INDEX contact_predictions_/);
        // Only rows with the same probability are put in id order, never the whole list.
        expect(text, by).not.toContain('TEMP B-TREE FOR ORDER BY');
      } else {
        expect(text, by).toMatch(/^SEARCH c USING (COVERING )?(INDEX|INTEGER PRIMARY KEY)/);
        expect(text, by).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('refuses a cursor it did not hand out', () => {
    expect(() =>
      listContacts(
        db,
        { limit: 5, offset: 0, sort: { by: 'name', direction: 'asc' }, after: '{"x":1}' },
        { defaultCountry: 'US', now: new Date(NOW) },
      ),
    ).toThrow(/after: expected the nextCursor/);
  });
});
