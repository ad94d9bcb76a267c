import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOrdersFile } from '../../../electron/analytics/orders/read';
import { importOrders, undoOrderImport } from '../../../electron/analytics/orders/run';
import { mapOrderColumns, detectLayout } from '../../../electron/analytics/orders/mapping';
import { orderImportContext } from '../../../electron/analytics/orders/handlers';
import { abHarness, markDelivered, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, launchCampaign, rollupsAndRebuild, seedTagged } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/orders');
let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

describe('orders CSV import', () => {
  it('imports a Shopify orders export: matches by e-mail or billing phone, rejects with row numbers, never counts an order twice, undoes', async () => {
    seedTagged(h, 2, 'regulars');
    h.app.db.prepare(`UPDATE contacts SET email = 'ana@example.com' WHERE id = 1`).run();
    const c = await launchCampaign(h, 'Holiday', 'regulars');
    markDelivered(h.app, c.messages.map((m) => m.id), T0 - HOUR);
    h.at(T0 + 4 * HOUR);
    const file = await readOrdersFile(join(FIXTURES, 'shopify-orders.csv'), 'shopify-orders.csv');
    expect(detectLayout(file.headers)).toBe('shopify');
    const columns = mapOrderColumns(file.headers);
    const ctx = orderImportContext(h.app);
    const dry = importOrders(ctx, file, columns, true);
    expect(dry).toMatchObject({ rows: 6, matched: 2, unmatched: 1, duplicates: 1, invalid: 2, revenueMinor: 124850 });
    expect(dry.rejects).toEqual([
      { row: 3, reason: '+12125550199 matches no contact' },
      { row: 4, reason: '"abc" is not an amount' },
      { row: 5, reason: 'the date 2027-06-01 10:00:00 -0400 is in the future' },
    ]);
    expect(h.app.db.prepare('SELECT COUNT(*) AS n FROM conversions').get()).toEqual({ n: 0 });

    const done = importOrders(ctx, file, columns, false);
    expect(done).toMatchObject({ matched: 2, attributed: 2 });
    const results = await h.ok<{ converted: number; revenue: number }>('analytics:campaignResults', { campaignId: c.id });
    expect(results).toMatchObject({ converted: 2, revenue: 1248.5 });
    expect(importOrders(ctx, file, columns, false)).toMatchObject({ matched: 0, duplicates: 3 });
    expect(undoOrderImport(h.app.db, done.importId, new Date(h.now()))).toEqual({ importId: done.importId, removed: 2 });
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept).toEqual(rebuilt);
  });

  it('reads a Square transactions export (BOM, semicolons, decimal commas) and refuses a foreign currency symbol', async () => {
    seedTagged(h, 2, 'regulars');
    h.at(T0 + 4 * HOUR);
    const file = await readOrdersFile(join(FIXTURES, 'square-transactions.csv'), 'square-transactions.csv');
    expect(file.detected).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';' });
    expect(detectLayout(file.headers)).toBe('square');
    const r = importOrders(orderImportContext(h.app), file, mapOrderColumns(file.headers), true);
    expect(r).toMatchObject({ rows: 2, matched: 1, invalid: 1, revenueMinor: 2500 });
    expect(r.rejects).toEqual([{ row: 2, reason: 'amount "€30,00" is in EUR, not the business currency USD' }]);
  });
});
