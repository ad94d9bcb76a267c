import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { useTempApp } from '../../helpers/app';
import { seedContacts } from '../../helpers/seed';

let app: DeskApp;
useTempApp((a) => (app = a));

describe('contacts:tags', () => {
  it('is empty when no contact has ever been tagged', async () => {
    expect(await app.dispatch('contacts:tags', {})).toEqual({ ok: true, value: [] });
  });

  it('lists every tag case-insensitively sorted with how many contacts carry it, unused tags with 0', async () => {
    seedContacts(app.db, 3, { tag: 'vip', start: 0 });
    seedContacts(app.db, 5, { tag: 'Regulars', start: 10 });
    const vipToo = seedContacts(app.db, 1, { tag: 'vip', start: 20 });
    app.db.prepare(`INSERT INTO tags (name, created_at) VALUES ('archive', ?)`).run(new Date().toISOString());
    // A contact carrying two tags counts once for each.
    const regulars = (app.db.prepare(`SELECT id FROM tags WHERE name = 'Regulars'`).get() as { id: number }).id;
    app.db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)').run(vipToo[0], regulars);

    const r = await app.dispatch('contacts:tags', {});
    expect(r).toEqual({
      ok: true,
      value: [
        { name: 'archive', count: 0 },
        { name: 'Regulars', count: 6 },
        { name: 'vip', count: 4 },
      ],
    });
  });

  it('follows deletions: a deleted contact no longer counts', async () => {
    const ids = seedContacts(app.db, 2, { tag: 'vip' });
    app.db.prepare('DELETE FROM contacts WHERE id = ?').run(ids[0]);
    expect(await app.dispatch('contacts:tags', {})).toEqual({ ok: true, value: [{ name: 'vip', count: 1 }] });
  });

  it('refuses unexpected input fields', async () => {
    const r = await app.dispatchUntyped('contacts:tags', { tag: 'vip' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
  });
});
