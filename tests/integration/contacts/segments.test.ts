import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchingContactIds } from '../../../electron/campaigns/audience';
import { snapshot } from './import-helpers';
import { startDesk, type Desk } from './desk';
import type { InputOf } from '../../../shared/ipc/contract';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

const DAY = 86_400_000;

/** Eight contacts: tags, a custom field, one opted out, one landline, texted at different times. */
async function people() {
  await d.call('contacts:createField', { label: 'Tier' });
  const rows: Array<[string, string[], string | null]> = [
    ['+14155550100', ['VIP'], 'gold'],
    ['+14155550101', ['VIP', 'Spring'], 'silver'],
    ['+14155550102', ['Spring'], 'gold'],
    ['+14155550103', [], null],
    ['+14155550104', ['VIP'], 'gold'],
    ['+14155550105', ['Spring'], null],
    ['+14155550106', ['VIP'], 'bronze'],
    ['+14155550107', [], 'gold'],
  ];
  for (const [phone, tags, tier] of rows) {
    await d.call('contacts:create', {
      phone,
      tags,
      consent: { given: true, note: 'Signed up in store' },
      ...(tier ? { customFields: { tier } } : {}),
    });
    d.advance(DAY);
  }
  await d.call('contacts:optOut', { phone: '+14155550104' });
  await d.call('contacts:update', { id: 7, textable: false });
  const texted = d.app.db.prepare('UPDATE contacts SET last_contacted_at = ? WHERE id = ?');
  texted.run(new Date(Date.parse(d.iso()) - 2 * DAY).toISOString(), 1);
  texted.run(new Date(Date.parse(d.iso()) - 40 * DAY).toISOString(), 2);
}

describe('segments', () => {
  it('a saved segment counts exactly the contacts its filter matches, with the exclusions explained', async () => {
    await people();
    const filters: InputOf<'segments:create'>['filter'][] = [
      { tags: ['VIP'] },
      { tags: ['VIP', 'Spring'], tagMode: 'all' },
      { excludeTags: ['VIP'] },
      { fields: [{ key: 'tier', op: 'eq', value: 'GOLD' }] },
      { fields: [{ key: 'tier', op: 'empty' }] },
      { optedOut: false, textable: true },
      { minDaysSinceContact: 30 },
      { createdAfter: '2026-03-04T00:00:00.000Z' },
      { tags: ['VIP'], fields: [{ key: 'tier', op: 'neq', value: 'gold' }] },
    ];
    const expected = [
      [1, 2, 5, 7],
      [2],
      [3, 4, 6, 8],
      [1, 3, 5, 8],
      [4, 6],
      [1, 2, 3, 4, 6, 8],
      [2, 3, 4, 5, 6, 7, 8],
      [4, 5, 6, 7, 8],
      [2, 7],
    ];
    for (const [i, filter] of filters.entries()) {
      const seg = await d.call('segments:create', { name: `Segment ${i}`, filter });
      const count = await d.call('segments:count', { id: seg.id });
      const ids = matchingContactIds(d.app.db, seg.filter, new Date(d.iso()));
      expect(ids, JSON.stringify(filter)).toEqual(expected[i]);
      expect(count.matched, JSON.stringify(filter)).toBe(ids.length);
      expect(count.eligible + count.excluded.optedOut + count.excluded.notTextable + count.excluded.invalidPhone).toBe(
        count.matched,
      );
    }
    expect(await d.call('segments:count', { id: 1 })).toEqual({
      matched: 4,
      eligible: 2,
      excluded: { optedOut: 1, notTextable: 1, invalidPhone: 0 },
    });
    expect(await d.call('segments:count', { filter: { segmentId: 1, excludeTags: ['Spring'] } })).toMatchObject({
      matched: 3,
    });
  });

  it('lists, renames and re-filters segments; names are unique; a segment cannot refer to itself', async () => {
    const a = await d.call('segments:create', { name: 'VIPs', filter: { tags: ['VIP'] } });
    await d.call('segments:create', { name: 'all', filter: {} });
    expect((await d.call('segments:list', {})).map((s) => s.name)).toEqual(['all', 'VIPs']);
    d.advance(1000);
    const u = await d.call('segments:update', {
      id: a.id,
      name: 'Best customers',
      filter: { tags: ['VIP'], minDaysSinceContact: 14 },
    });
    expect(u).toEqual({
      id: a.id,
      name: 'Best customers',
      filter: { tags: ['VIP'], tagMode: 'any', minDaysSinceContact: 14 },
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:01.000Z',
    });
    const before = snapshot(d.app.db);
    expect(await d.fails('segments:create', { name: 'ALL', filter: {} })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('name'),
    });
    expect(await d.fails('segments:update', { id: a.id, filter: { segmentId: a.id } })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('filter'),
    });
    expect(await d.fails('segments:create', { name: 'x', filter: { segmentId: 99 } })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Segment 99'),
    });
    expect(await d.fails('segments:create', { name: '', filter: {} })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('name'),
    });
    expect(await d.fails('segments:create', { name: 'x', filter: { minDaysSinceContact: 0 } })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('filter.minDaysSinceContact'),
    });
    expect(await d.fails('segments:count', {})).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('id'),
    });
    expect(await d.fails('segments:count', { id: 42 })).toMatchObject({ code: 'not_found' });
    expect(snapshot(d.app.db)).toEqual(before);
  });

  it('refuses to delete a segment an unfinished campaign or another segment uses', async () => {
    const a = await d.call('segments:create', { name: 'VIPs', filter: { tags: ['VIP'] } });
    const b = await d.call('segments:create', {
      name: 'VIPs not texted lately',
      filter: { segmentId: a.id, minDaysSinceContact: 7 },
    });
    expect(await d.fails('segments:delete', { id: a.id })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('"VIPs not texted lately"'),
    });
    d.app.db
      .prepare(
        `INSERT INTO campaigns (name, status, audience_json, provider, created_at, updated_at) VALUES ('Spring', 'draft', ?, 'sandbox', ?, ?)`,
      )
      .run(JSON.stringify({ segmentId: b.id }), d.iso(), d.iso());
    expect(await d.fails('segments:delete', { id: b.id })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('campaign "Spring"'),
    });
    d.app.db.prepare(`UPDATE campaigns SET status = 'completed'`).run();
    expect(await d.call('segments:delete', { id: b.id })).toEqual({ deleted: true });
    expect(await d.call('segments:delete', { id: a.id })).toEqual({ deleted: true });
    expect(await d.fails('segments:delete', { id: a.id })).toMatchObject({ code: 'not_found' });
  });
});
