import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../electron/db/connection';
import { listContacts, type ContactQuery } from '../../../electron/contacts/list';
import { indexAllQueuedContacts, queuedForSearch } from '../../../electron/contacts/search-index';
import { tempDb } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';

let t: Awaited<ReturnType<typeof tempDb>>;
let db: SqliteDb;
beforeEach(async () => {
  t = await tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const NOW = '2026-03-01T10:00:00.000Z';
function add(phone: string, first: string | null, last: string | null, email: string | null = null): number {
  return Number(
    db
      .prepare(
        'INSERT INTO contacts (phone, first_name, last_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(phone, first, last, email, NOW, NOW).lastInsertRowid,
  );
}
function tag(contactId: number, name: string) {
  db.prepare('INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, ?)').run(name, NOW);
  db.prepare('INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(
    contactId,
    name,
  );
}
const list = (q: Partial<ContactQuery>, indexQueued = true) =>
  listContacts(db, { limit: 100, offset: 0, ...q }, { defaultCountry: 'US', now: new Date(NOW), indexQueued });
const phones = (q: Partial<ContactQuery>, indexQueued = true) => list(q, indexQueued).rows.map((r) => r.phone);

function people() {
  add('+14155550100', 'Anna', 'Smith', 'anna.smith@example.com');
  add('+12125550123', 'Chloé', 'Dubois', 'chloe@bakery.fr');
  add('+447911123456', 'Daniel', 'Okafor', 'dan@example.org');
  add('+13055550199', 'Ana', 'García', 'ana.garcia@example.com');
  add('+16175550142', null, null, 'smithers@example.com');
}

describe('contact search', () => {
  it('finds part of a name anywhere, words in any order, ignoring case and accents', () => {
    people();
    expect(phones({ search: 'smi' })).toEqual(['+16175550142', '+14155550100']);
    expect(phones({ search: 'anna smith' })).toEqual(['+14155550100']);
    expect(phones({ search: 'Smith ANNA' })).toEqual(['+14155550100']);
    expect(phones({ search: 'chloe' })).toEqual(['+12125550123']);
    expect(phones({ search: 'DUBOÍS' })).toEqual(['+12125550123']);
    expect(phones({ search: 'garcia' })).toEqual(['+13055550199']);
    expect(phones({ search: 'nobody' })).toEqual([]);
  });

  it('one or two characters match the start of a first name, last name or email', () => {
    people();
    expect(phones({ search: 'an' })).toEqual(['+13055550199', '+14155550100']);
    expect(phones({ search: 'Ok' })).toEqual(['+447911123456']);
    expect(phones({ search: 'sm' })).toEqual(['+16175550142', '+14155550100']);
    expect(phones({ search: 'el' })).toEqual([]);
    expect(phones({ search: 'a' })).toEqual(['+13055550199', '+14155550100']);
    expect(phones({ search: 'd' })).toEqual(['+447911123456', '+12125550123']);
  });

  it('one or two characters fold case and accents, and odd characters find only what starts with them', () => {
    add('+14155550100', 'Émile', 'Ødegaard', null);
    add('+14155550101', 'emma', null, '^caret@example.com');
    add('+14155550102', '"Q" Quinn', "o'Neil", null);
    add('+14155550103', 'E', null, null);
    expect(phones({ search: 'É' })).toEqual(['+14155550103', '+14155550101', '+14155550100']);
    expect(phones({ search: 'em' })).toEqual(['+14155550101', '+14155550100']);
    expect(phones({ search: 'EMI' })).toEqual(['+14155550100']);
    expect(phones({ search: '"Q' })).toEqual(['+14155550102']);
    expect(phones({ search: "o'" })).toEqual(['+14155550102']);
    expect(phones({ search: 'ca' })).toEqual(['+14155550101']);
    expect(phones({ search: '%' })).toEqual([]);
    expect(phones({ search: '^' })).toEqual([]);
  });

  it('finds a phone number typed in any format, and fragments of it', () => {
    people();
    for (const typed of [
      '(415) 555-0100',
      '415.555.0100',
      '+1 415 555 0100',
      '4155550100',
      '1-415-555-0100',
      '555-0100',
    ]) {
      expect(phones({ search: typed }), typed).toEqual(['+14155550100']);
    }
    expect(phones({ search: '555' })).toEqual(['+16175550142', '+13055550199', '+12125550123', '+14155550100']);
    // A British number in national format, with a US default country: the trunk 0 is not part of the stored number.
    expect(phones({ search: '07911 123456' })).toEqual(['+447911123456']);
    expect(phones({ search: '+44 7911 123456' })).toEqual(['+447911123456']);
  });

  it('finds an email whole or in part, and never a different address with the same start', () => {
    people();
    add('+14155550111', 'Anna', 'Smith', 'anna.smith@example.org');
    expect(phones({ search: 'anna.smith@example.com' })).toEqual(['+14155550100']);
    expect(phones({ search: 'ANNA.SMITH@EXAMPLE.ORG' })).toEqual(['+14155550111']);
    expect(phones({ search: 'bakery.fr' })).toEqual(['+12125550123']);
    expect(phones({ search: 'example.org' })).toEqual(['+14155550111', '+447911123456']);
  });

  it('combines a search with a tag, and an unknown tag finds nobody', () => {
    people();
    tag(1, 'VIP');
    tag(4, 'VIP');
    expect(phones({ search: 'an', tag: 'vip' })).toEqual(['+13055550199', '+14155550100']);
    expect(phones({ search: 'smith', tag: 'VIP' })).toEqual(['+14155550100']);
    expect(list({ tag: 'VIP' })).toMatchObject({ total: 2, totalIsExact: true });
    expect(list({ tag: 'nobody' })).toEqual({
      rows: [],
      total: 0,
      totalIsExact: true,
      nextAfterId: null,
      nextCursor: null,
    });
  });

  it('follows edits and deletions, whoever makes them', () => {
    people();
    db.prepare(`UPDATE contacts SET last_name = 'Martin' WHERE id = 2`).run();
    expect(phones({ search: 'dubois' })).toEqual([]);
    expect(phones({ search: 'chloé martin' })).toEqual(['+12125550123']);
    db.prepare(`UPDATE contacts SET phone = '+14155550999' WHERE id = 1`).run();
    expect(phones({ search: '555-0999' })).toEqual(['+14155550999']);
    expect(phones({ search: '555-0100' })).toEqual([]);
    db.prepare('DELETE FROM contacts WHERE id = 2').run();
    expect(phones({ search: 'chloe' })).toEqual([]);
    expect(queuedForSearch(db, 10)).toBe(0);
  });

  it('finds contacts still waiting to be indexed exactly as indexed ones (a big import in progress)', () => {
    people();
    indexAllQueuedContacts(db);
    db.prepare(`UPDATE contacts SET first_name = 'Hannah' WHERE id = 1`).run();
    add('+12065550177', 'Annabel', 'Smithson', 'annabel@example.com');
    expect(queuedForSearch(db, 10)).toBe(2);
    const searches = ['smith', 'anna', 'hannah', 'annabel@example.com', '206-555-0177', 'an', 'example.com'];
    const waiting = searches.map((search) => phones({ search }, false));
    expect(queuedForSearch(db, 10)).toBe(2);
    expect(waiting).toEqual([
      ['+12065550177', '+16175550142', '+14155550100'],
      ['+12065550177', '+14155550100'],
      ['+14155550100'],
      ['+12065550177'],
      ['+12065550177'],
      // Hannah's email still starts with "an".
      ['+12065550177', '+13055550199', '+14155550100'],
      ['+12065550177', '+16175550142', '+13055550199', '+14155550100'],
    ]);
    expect(searches.map((search) => phones({ search }))).toEqual(waiting);
    expect(queuedForSearch(db, 10)).toBe(0);
  });

  it('narrows by opt-out state, textable and saved segment, alone or with a search and a tag', () => {
    people();
    tag(1, 'VIP');
    tag(2, 'VIP');
    tag(4, 'VIP');
    db.prepare('UPDATE contacts SET opted_out = 1 WHERE id IN (1, 3)').run();
    db.prepare(`UPDATE contacts SET textable = 0, not_textable_reason = 'landline (NumVerify)' WHERE id = 2`).run();
    const segment = Number(
      db
        .prepare(`INSERT INTO segments (name, filter_json, created_at, updated_at) VALUES ('VIP', ?, ?, ?)`)
        .run(JSON.stringify({ tags: ['VIP'] }), NOW, NOW).lastInsertRowid,
    );
    expect(phones({ optedOut: true })).toEqual(['+447911123456', '+14155550100']);
    expect(phones({ optedOut: false, textable: true })).toEqual(['+16175550142', '+13055550199']);
    expect(phones({ textable: false })).toEqual(['+12125550123']);
    expect(phones({ segmentId: segment })).toEqual(['+13055550199', '+12125550123', '+14155550100']);
    expect(phones({ segmentId: segment, optedOut: false })).toEqual(['+13055550199', '+12125550123']);
    expect(phones({ search: 'an', optedOut: true })).toEqual(['+14155550100']);
    expect(phones({ search: 'example', optedOut: false })).toEqual(['+16175550142', '+13055550199']);
    expect(phones({ search: '555', tag: 'VIP', textable: true })).toEqual(['+13055550199', '+14155550100']);
    expect(list({ optedOut: true, limit: 1 })).toMatchObject({ total: 2, totalIsExact: true, nextAfterId: 3 });
    expect(phones({ optedOut: true, limit: 1, afterId: 3 })).toEqual(['+14155550100']);
    expect(() => list({ segmentId: 99 })).toThrow(/Segment 99 does not exist/);
  });

  it('pages newest first with afterId, every contact exactly once, and keeps offset working', () => {
    seedContacts(db, 250, { nowIso: NOW });
    const seen: number[] = [];
    let afterId: number | undefined;
    for (let page = 0; page < 5; page++) {
      const r = list({ afterId });
      expect(r.total).toBe(250);
      seen.push(...r.rows.map((c) => c.id));
      if (r.nextAfterId === null) break;
      afterId = r.nextAfterId;
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
    expect(list({ limit: 2, offset: 3 }).rows.map((r) => r.id)).toEqual([247, 246]);
    const searched: number[] = [];
    afterId = undefined;
    do {
      const r = list({ search: 'tester1', limit: 40, afterId });
      expect([r.total, r.totalIsExact]).toEqual([111, true]);
      searched.push(...r.rows.map((c) => c.id));
      afterId = r.nextAfterId ?? undefined;
    } while (afterId !== undefined);
    const expected = db
      .prepare(`SELECT id FROM contacts WHERE last_name LIKE 'Tester1%' ORDER BY id DESC`)
      .pluck()
      .all() as number[];
    expect(searched).toEqual(expected);
  });

  it('counts a search up to 10,000 and says so beyond, while paging still reaches every match', () => {
    seedContacts(db, 10_050, { nowIso: NOW });
    const first = list({ search: 'tester' });
    expect([first.total, first.totalIsExact, first.rows.length]).toEqual([10_000, false, 100]);
    expect(list({ search: 'tester10049' })).toMatchObject({ total: 1, totalIsExact: true });
    // The last page lies beyond the 10,000 counted matches.
    const last = list({ search: 'tester', afterId: 60, limit: 100 });
    expect(last.rows.map((r) => r.id)).toEqual(Array.from({ length: 59 }, (_, i) => 59 - i));
    expect(last.nextAfterId).toBeNull();
    expect(list({})).toMatchObject({ total: 10_050, totalIsExact: true });
  });
});
