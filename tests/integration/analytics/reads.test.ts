import { afterEach, describe, expect, it } from 'vitest';
import { createAnalyticsReads } from '../../../electron/analytics/reads';
import { catchUpInSlices } from '../../../electron/analytics/catch-up';
import type { AnalyticsSettings } from '../../../electron/analytics/settings';
import { tempDb } from '../../helpers/db';

const SETTINGS: AnalyticsSettings = {
  windows: { clickDays: 5, deliveryHours: 24 },
  currency: 'USD',
  keywords: [],
  thankYouUrl: '',
};
const NOW = '2026-12-07T12:00:00.000Z';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('the results reader (off the main thread)', () => {
  it('answers the dashboard and the results page from its own connection, sees committed writes, and keeps error codes', async () => {
    const t = await tempDb();
    cleanup = t.cleanup;
    const reads = createAnalyticsReads(t.db, { dbPath: t.path });
    try {
      t.db
        .prepare(
          `INSERT INTO campaigns (id, name, status, body, provider, created_at, updated_at) VALUES (7, 'Brunch', 'completed', 'x', 'sandbox', ?, ?)`,
        )
        .run(NOW, NOW);
      t.db
        .prepare(
          `INSERT INTO campaign_daily (campaign_id, day, sent, delivered, spend_micros) VALUES (7, '2026-12-06', 60, 58, 474000)`,
        )
        .run();
      const summary = await reads.read('summary', { settings: SETTINGS, query: { bucket: 'day', top: 5 }, now: NOW });
      expect(summary).toMatchObject({
        sent: 60,
        delivered: 58,
        spend: 0.47,
        topCampaigns: [{ id: 7, name: 'Brunch', revenue: 0, roi: -1 }],
      });
      const results = await reads.read('results', { settings: SETTINGS, campaignId: 7, now: NOW });
      expect(results).toMatchObject({ id: 7, sent: 60, spend: 0.47, money: { spendMinor: 47.4 } });
      await expect(reads.read('results', { settings: SETTINGS, campaignId: 99, now: NOW })).rejects.toMatchObject({
        name: 'AppError',
        code: 'not_found',
        message: 'There is no campaign 99.',
      });
      await expect(
        reads.read('summary', {
          settings: SETTINGS,
          query: { from: '2026-12-05', to: '2026-12-01', bucket: 'day', top: 5 },
          now: NOW,
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      // Still answering after an error; a later write is seen by the next read.
      t.db.prepare(`UPDATE campaign_daily SET sent = 61 WHERE campaign_id = 7`).run();
      expect((await reads.read('results', { settings: SETTINGS, campaignId: 7, now: NOW })).sent).toBe(61);
    } finally {
      await reads.close();
    }
  });

  it('answers best time and a segment comparison from its own thread, keeping error codes', async () => {
    const t = await tempDb();
    cleanup = t.cleanup;
    const reads = createAnalyticsReads(t.db, { dbPath: t.path });
    reads.warm();
    try {
      const best = await reads.read('bestTime', { businessZone: 'America/New_York' });
      expect(best.recommendation).toBeNull();
      expect(best.reason).toMatch(/not enough data/i);
      t.db.prepare(`INSERT INTO tags (name, created_at) VALUES ('VIP', ?), ('Regulars', ?)`).run(NOW, NOW);
      const compared = await reads.read('compare', {
        groups: [{ tag: 'VIP' }, { tag: 'Regulars' }],
        metric: 'replied',
        now: NOW,
      });
      expect(compared.outcomes).toEqual([
        { name: 'VIP', delivered: 0, replied: 0, clicked: 0, optedOut: 0, converted: 0 },
        { name: 'Regulars', delivered: 0, replied: 0, clicked: 0, optedOut: 0, converted: 0 },
      ]);
      await expect(
        reads.read('compare', { groups: [{ tag: 'VIP' }, { tag: 'Nobody' }], metric: 'replied', now: NOW }),
      ).rejects.toMatchObject({ code: 'not_found', message: 'There is no tag "Nobody".' });
    } finally {
      await reads.close();
    }
  });

  it('loads the best-time and comparison code once idle after its first answer (the dashboard never waits for it)', async () => {
    const t = await tempDb();
    cleanup = t.cleanup;
    const reads = createAnalyticsReads(t.db, { dbPath: t.path });
    const order: string[] = [];
    try {
      reads.warm();
      const warmed = reads.warmed().then(() => order.push('warmed'));
      await reads
        .read('summary', { settings: SETTINGS, query: { bucket: 'day', top: 5 }, now: NOW })
        .then(() => order.push('dashboard'));
      await warmed;
      expect(order).toEqual(['dashboard', 'warmed']);
      expect((await reads.read('bestTime', { businessZone: 'America/New_York' })).recommendation).toBeNull();
    } finally {
      await reads.close();
    }
  });
});

describe('catching up on outcomes before a report (issue 13: the main thread never held long)', () => {
  it('takes in a backlog a bounded round per task, lets other work run between rounds, and runs once at a time', async () => {
    const t = await tempDb();
    cleanup = t.cleanup;
    const insert = t.db.prepare(
      `INSERT INTO inbound_messages (provider, from_phone, body, received_at, created_at) VALUES ('sandbox', '+14155550100', 'Thanks!', ?, ?)`,
    );
    t.db.transaction(() => {
      for (let i = 0; i < 1_200; i++) insert.run(NOW, NOW);
    })();
    const order: string[] = [];
    let rounds = 0;
    const around = (round: () => number) => {
      rounds++;
      order.push('round');
      setImmediate(() => order.push('other'));
      return round();
    };
    const first = catchUpInSlices(t.db, SETTINGS, new Date(NOW), { around });
    // Asked again while it runs: the same catch-up, not a second one.
    expect(catchUpInSlices(t.db, SETTINGS, new Date(NOW), { around })).toBe(first);
    await first;
    // 1,200 texts at 500 a round, then a round that finds nothing; other tasks ran between the rounds.
    expect(rounds).toBe(4);
    expect(order.slice(0, 4)).toEqual(['round', 'other', 'round', 'other']);
    expect(
      (t.db.prepare(`SELECT last_id FROM analytics_cursors WHERE source = 'inbound'`).get() as { last_id: number })
        .last_id,
    ).toBe(1_200);
    // Once settled, the next call is a new catch-up.
    const again = catchUpInSlices(t.db, SETTINGS, new Date(NOW), { around });
    expect(again).not.toBe(first);
    await again;
    expect(rounds).toBe(5);
  });
});
