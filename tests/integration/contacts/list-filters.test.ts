import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './desk';
import type { ContactListPage } from '../../../shared/ipc/channels/contacts';

let desk: Desk;
beforeEach(async () => {
  desk = await startDesk();
});
afterEach(() => desk.close());

const NOW = '2026-03-01T10:00:00.000Z';

/** Contacts straight into the schema: i = 0..n-1, every 3rd opted out, every 4th not textable, every 5th tagged VIP. */
function seed(n: number): void {
  const { db } = desk.app;
  db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)').run('VIP', NOW);
  const insert = db.prepare(
    'INSERT INTO contacts (phone, first_name, last_name, email, opted_out, textable, not_textable_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare(`INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = 'VIP'`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = Number(
        insert.run(
          `+1415555${String(1000 + i)}`,
          i === 7 ? 'Chloé' : `Person${i}`,
          'Dubois',
          `p${i}@example.com`,
          i % 3 === 0 ? 1 : 0,
          i % 4 === 0 ? 0 : 1,
          i % 4 === 0 ? 'landline' : null,
          NOW,
          NOW,
        ).lastInsertRowid,
      );
      if (i % 5 === 0) tag.run(id);
    }
  })();
}

const list = (input: Record<string, unknown>) => desk.call('contacts:list', { limit: 100, ...input });
const indexes = (page: ContactListPage) => page.rows.map((r) => Number(r.phone.slice(-4)) - 1000);

describe('contacts:list narrowed by consent state and segments', () => {
  it('opted out, textable and not textable, newest first, with exact totals', async () => {
    seed(40);
    const out = await list({ optedOut: true });
    expect(indexes(out)).toEqual([39, 36, 33, 30, 27, 24, 21, 18, 15, 12, 9, 6, 3, 0]);
    expect(out).toMatchObject({ total: 14, totalIsExact: true, nextAfterId: null });
    expect(out.rows.every((r) => r.optedOut)).toBe(true);

    // Textable now: neither a multiple of 3 (opted out) nor of 4 (not textable): 40 − 14 − 10 + 4 (multiples of 12).
    const textable = await list({ optedOut: false, textable: true });
    expect(textable).toMatchObject({ total: 20, totalIsExact: true });
    expect(textable.rows.every((r) => !r.optedOut && r.textable)).toBe(true);

    const notTextable = await list({ textable: false });
    expect(indexes(notTextable)).toEqual([36, 32, 28, 24, 20, 16, 12, 8, 4, 0]);
  });

  it('pages by keyset and combines with the tag and the search (a phone typed any way, a name)', async () => {
    seed(40);
    const first = await list({ optedOut: false, limit: 5 });
    expect(indexes(first)).toEqual([38, 37, 35, 34, 32]);
    expect(first.nextAfterId).toBe(first.rows[4].id);
    const second = await list({ optedOut: false, limit: 5, afterId: first.nextAfterId });
    expect(indexes(second)).toEqual([31, 29, 28, 26, 25]);
    const skipped = await list({ optedOut: false, limit: 5, afterId: first.nextAfterId, offset: 5 });
    expect(indexes(skipped)).toEqual([23, 22, 20, 19, 17]);

    expect(indexes(await list({ optedOut: false, tag: 'VIP' }))).toEqual([35, 25, 20, 10, 5]);
    expect(indexes(await list({ optedOut: false, search: '(415) 555-1035' }))).toEqual([35]);
    expect(indexes(await list({ textable: true, search: 'chloé' }))).toEqual([7]);
    expect(indexes(await list({ optedOut: true, search: 'Pe' }))).toEqual([
      39, 36, 33, 30, 27, 24, 21, 18, 15, 12, 9, 6, 3, 0,
    ]);
    expect((await list({ optedOut: false, tag: 'No such tag' })).rows).toEqual([]);
  });

  it('a saved segment means what it means for a campaign; an unknown one is refused by name', async () => {
    seed(40);
    const segment = await desk.call('segments:create', {
      name: 'VIPs who can be texted',
      filter: { tags: ['VIP'], optedOut: false, textable: true },
    });
    const page = await list({ segmentId: segment.id });
    expect(indexes(page)).toEqual([35, 25, 10, 5]);
    const counted = await desk.call('segments:count', { id: segment.id });
    expect(page.total).toBe(counted.matched);
    expect(indexes(await list({ segmentId: segment.id, search: 'Person1' }))).toEqual([10]);
    expect(await desk.fails('contacts:list', { segmentId: 999 })).toMatchObject({ code: 'not_found' });
  });

  it('counts up to the cap and says when the total is only a lower bound', async () => {
    const { db } = desk.app;
    const insert = db.prepare('INSERT INTO contacts (phone, opted_out, created_at, updated_at) VALUES (?, 1, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 10_050; i++) insert.run(`+1212${String(2_000_000 + i)}`, NOW, NOW);
    })();
    const page = await list({ optedOut: true, limit: 10 });
    expect(page).toMatchObject({ total: 10_000, totalIsExact: false });
    expect(page.rows).toHaveLength(10);
  });
});
