import { afterEach, describe, expect, it } from 'vitest';
import { createAnalyticsReads } from '../../../electron/analytics/reads';
import type { AnalyticsSettings } from '../../../electron/analytics/settings';
import { tempDb } from '../../helpers/db';

const SETTINGS: AnalyticsSettings = { windows: { clickDays: 5, deliveryHours: 24 }, currency: 'USD', keywords: [], thankYouUrl: '' };
const NOW = '2026-12-07T12:00:00.000Z';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('the results reader (off the main thread)', () => {
  it('answers the dashboard and the results page from its own connection, sees committed writes, and keeps error codes', async () => {
    const t = await tempDb();
    cleanup = t.cleanup;
    const reads = createAnalyticsReads(t.db, { dbPath: t.path });
    try {
      t.db.prepare(`INSERT INTO campaigns (id, name, status, body, provider, created_at, updated_at) VALUES (7, 'Brunch', 'completed', 'x', 'sandbox', ?, ?)`).run(NOW, NOW);
      t.db.prepare(`INSERT INTO campaign_daily (campaign_id, day, sent, delivered, spend_micros) VALUES (7, '2026-12-06', 60, 58, 474000)`).run();
      const summary = await reads.read('summary', { settings: SETTINGS, query: { bucket: 'day', top: 5 }, now: NOW });
      expect(summary).toMatchObject({ sent: 60, delivered: 58, spend: 0.47, topCampaigns: [{ id: 7, name: 'Brunch', revenue: 0, roi: -1 }] });
      const results = await reads.read('results', { settings: SETTINGS, campaignId: 7, now: NOW });
      expect(results).toMatchObject({ id: 7, sent: 60, spend: 0.47, money: { spendMinor: 47.4 } });
      await expect(reads.read('results', { settings: SETTINGS, campaignId: 99, now: NOW })).rejects.toMatchObject({ name: 'AppError', code: 'not_found', message: 'There is no campaign 99.' });
      await expect(reads.read('summary', { settings: SETTINGS, query: { from: '2026-12-05', to: '2026-12-01', bucket: 'day', top: 5 }, now: NOW })).rejects.toMatchObject({ code: 'invalid_input' });
      // Still answering after an error; a later write is seen by the next read.
      t.db.prepare(`UPDATE campaign_daily SET sent = 61 WHERE campaign_id = 7`).run();
      expect((await reads.read('results', { settings: SETTINGS, campaignId: 7, now: NOW })).sent).toBe(61);
    } finally {
      await reads.close();
    }
  });
});
