import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abHarness, markDelivered, reply, type AbHarness } from '../abtests/helpers';
import { rebuildAll } from '../../../electron/analytics/rebuild';
import { HOUR, T0, launchCampaign, seedTagged } from './helpers';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

type Daily = Record<string, number | string>;

describe('analytics:rebuild', () => {
  it('recomputes lost roll-ups on its worker thread, equal to what the triggers kept', async () => {
    seedTagged(h, 4, 'regulars');
    const sale = await launchCampaign(h, 'Autumn sale', 'regulars');
    markDelivered(
      h.app,
      sale.messages.slice(0, 3).map((m) => m.id),
      T0,
    );
    markDelivered(h.app, [sale.messages[3].id], T0, 'failed');
    h.at(T0 + 2 * HOUR);
    reply(h.app, sale.messages[0].phone, 'Is the shop open Sunday?', T0 + 2 * HOUR, 'in-1');
    await h.ok('conversions:add', { phone: sale.messages[1].phone, amount: 30 });
    await h.ok('analytics:campaignResults', { campaignId: sale.id });
    const read = () => h.app.db.prepare('SELECT * FROM campaign_daily ORDER BY campaign_id, day').all() as Daily[];
    const kept = read();
    expect(kept.length).toBeGreaterThan(0);

    h.app.db.prepare('DELETE FROM campaign_daily').run();
    const r = await h.ok('analytics:rebuild', {});

    expect(r).toMatchObject({ campaigns: 1, days: kept.length });
    expect(read()).toEqual(kept);
  });

  it('on the connection it runs on, commits wait for the disk again afterwards, also when it fails', async () => {
    seedTagged(h, 2, 'regulars');
    const sale = await launchCampaign(h, 'Autumn sale', 'regulars');
    markDelivered(h.app, [sale.messages[0].id], T0);
    const db = h.app.db;
    const synchronous = () => db.pragma('synchronous', { simple: true });
    expect(synchronous()).toBe(2); // FULL
    rebuildAll(db, 1);
    expect(synchronous()).toBe(2);
    db.exec(
      `CREATE TEMP TRIGGER fail_rebuild BEFORE INSERT ON campaign_daily BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    try {
      expect(() => rebuildAll(db, 1)).toThrow(/disk full/);
    } finally {
      db.exec('DROP TRIGGER fail_rebuild');
    }
    expect(synchronous()).toBe(2);
  });
});
