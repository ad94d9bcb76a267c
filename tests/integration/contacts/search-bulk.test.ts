import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { indexAllQueuedContacts, indexedThrough } from '../../../electron/contacts/search-index';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

describe('indexing a big import in bulk', () => {
  it('indexes every new contact, finds them, and leaves the indexes with their usual FTS5 options', () => {
    t.db.exec(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000)
      INSERT INTO contacts (phone, first_name, last_name, email, created_at, updated_at)
      SELECT '+1212' || (2000000 + i), CASE WHEN i % 3 = 0 THEN 'Zoë' ELSE 'Ana' END, 'Smith', 'user' || i || '@example.com', 'x', 'x' FROM s`);
    expect(indexAllQueuedContacts(t.db)).toBe(3000);
    expect(indexedThrough(t.db)).toBe(3000);
    expect(
      t.db
        .prepare(`SELECT count(*) FROM contact_search WHERE contact_search MATCH '{name email} : "zoe"'`)
        .pluck()
        .get(),
    ).toBe(1000);
    expect(t.db.prepare(`SELECT count(*) FROM contact_starts WHERE contact_starts MATCH '"^^an"'`).pluck().get()).toBe(
      2000,
    );
    for (const table of ['contact_search', 'contact_starts']) {
      const config = Object.fromEntries(
        t.db.prepare(`SELECT k, v FROM ${table}_config WHERE k IN ('automerge', 'hashsize')`).raw().all() as [
          string,
          number,
        ][],
      );
      expect(config, table).toEqual({ automerge: 4, hashsize: 1024 * 1024 });
    }
    expect(indexAllQueuedContacts(t.db)).toBe(0);
  });
});
