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
  it('imports a Shopify orders export: matches by e-mail or billing phone, keeps a multi-item order as one, rejects with row numbers, never counts an order twice, undoes', async () => {
    seedTagged(h, 2, 'regulars');
    h.app.db.prepare(`UPDATE contacts SET email = 'ana@example.com' WHERE id = 1`).run();
    const c = await launchCampaign(h, 'Holiday', 'regulars');
    markDelivered(
      h.app,
      c.messages.map((m) => m.id),
      T0 - HOUR,
    );
    h.at(T0 + 4 * HOUR);
    const file = await readOrdersFile(join(FIXTURES, 'shopify-orders.csv'), 'shopify-orders.csv');
    expect(detectLayout(file.headers)).toBe('shopify');
    const columns = mapOrderColumns(file.headers);
    const ctx = orderImportContext(h.app);
    expect(columns.filter((c) => c.target !== 'drop').map((c) => `${c.header}=${c.target}`)).toEqual([
      'Name=order_id',
      'Email=email',
      'Currency=currency',
      'Total=amount',
      'Created at=date',
      'Billing Phone=phone',
      'Shipping Phone=phone',
      'Phone=phone',
    ]);
    const dry = importOrders(ctx, file, columns, true);
    // Row 3 is the second line item of order #1002 (no total of its own): part of that order, not a reject.
    expect(dry).toMatchObject({
      rows: 7,
      matched: 2,
      unmatched: 1,
      duplicates: 1,
      invalid: 2,
      lineItems: 1,
      revenueMinor: 124850,
    });
    expect(dry.rejects).toEqual([
      { row: 4, reason: '+12125550199 matches no contact' },
      { row: 5, reason: '"abc" is not an amount' },
      { row: 6, reason: 'the date 2027-06-01 10:00:00 -0400 is in the future' },
    ]);
    expect(h.app.db.prepare('SELECT COUNT(*) AS n FROM conversions').get()).toEqual({ n: 0 });

    const done = importOrders(ctx, file, columns, false);
    expect(done).toMatchObject({ matched: 2, attributed: 2 });
    const results = await h.ok('analytics:campaignResults', { campaignId: c.id });
    expect(results).toMatchObject({ converted: 2, revenue: 1248.5 });
    expect(importOrders(ctx, file, columns, false)).toMatchObject({ matched: 0, duplicates: 3 });
    expect(undoOrderImport(h.app.db, done.importId, new Date(h.now()))).toEqual({
      importId: done.importId,
      removed: 2,
    });
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept).toEqual(rebuilt);
  });

  it('reads a European spreadsheet (BOM, semicolons, decimal commas, day.month.year) and refuses a foreign currency symbol', async () => {
    seedTagged(h, 2, 'regulars');
    h.at(T0 + 4 * HOUR);
    const file = await readOrdersFile(join(FIXTURES, 'spreadsheet-orders-eu.csv'), 'spreadsheet-orders-eu.csv');
    expect(file.detected).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';' });
    expect(detectLayout(file.headers)).toBeNull();
    const r = importOrders(orderImportContext(h.app), file, mapOrderColumns(file.headers), true);
    expect(r).toMatchObject({ rows: 2, matched: 1, invalid: 1, revenueMinor: 2500 });
    expect(r.rejects).toEqual([{ row: 2, reason: 'amount "30,00 €" is in EUR, not the business currency USD' }]);
  });

  it('recognises Square’s transactions export and says what it lacks: Square lists customers without a phone or e-mail', async () => {
    const file = await readOrdersFile(join(FIXTURES, 'square-transactions.csv'), 'square-transactions.csv');
    expect(detectLayout(file.headers)).toBe('square');
    const columns = mapOrderColumns(file.headers);
    expect(columns.filter((c) => c.target !== 'drop').map((c) => `${c.header}=${c.target}`)).toEqual([
      'Date=date',
      'Time=time',
      'Time Zone=time_zone',
      'Total Collected=amount',
      'Transaction ID=order_id',
    ]);
    expect(() => importOrders(orderImportContext(h.app), file, columns, true)).toThrow(
      /Square transactions export .* no phone or e-mail column .*"Customer Phone"/,
    );
  });

  it('imports Square transactions with the customer’s phone added: date, time and Square’s zone make the moment; a refund is refused', async () => {
    seedTagged(h, 2, 'regulars');
    const c = await launchCampaign(h, 'Holiday', 'regulars');
    markDelivered(
      h.app,
      c.messages.map((m) => m.id),
      T0 - HOUR,
    );
    h.at(T0 + 4 * HOUR);
    const file = await readOrdersFile(
      join(FIXTURES, 'square-transactions-with-phone.csv'),
      'square-transactions-with-phone.csv',
    );
    const columns = mapOrderColumns(file.headers);
    const r = importOrders(orderImportContext(h.app), file, columns, false);
    expect(r).toMatchObject({
      rows: 5,
      matched: 2,
      attributed: 2,
      unmatched: 1,
      invalid: 2,
      duplicates: 0,
      revenueMinor: 9500,
    });
    expect(r.rejects).toEqual([
      { row: 3, reason: 'amount -$25.00 is negative (a refund): only sales count as conversions' },
      { row: 4, reason: '+12125550199 matches no contact' },
      { row: 5, reason: 'the date 2027-01-15 10:00:00 is in the future' },
    ]);
    // 14:05:11 Eastern and 12:30 Pacific, not midnight in the business's zone.
    expect(h.app.db.prepare(`SELECT order_id, at, amount_minor FROM conversions ORDER BY id`).all()).toEqual([
      { order_id: 'Sq7aTx1001', at: '2026-12-02T19:05:11.000Z', amount_minor: 7000 },
      { order_id: 'Sq7aTx1002', at: '2026-12-02T20:30:00.000Z', amount_minor: 2500 },
    ]);
  });
});
