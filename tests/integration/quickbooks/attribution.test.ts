import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, T0, markDelivered } from '../abtests/helpers';
import { launchCampaign, rollupsAndRebuild, seedTagged } from '../analytics/helpers';
import { seedPhone } from '../../helpers/seed';
import { customer, qboHarness, sale, type QboHarness } from './helpers';

let h: QboHarness;
beforeEach(async () => {
  h = await qboHarness({ connected: true });
});
afterEach(async () => {
  await h.close();
});

/** "(415) 200-0000" — how people type numbers into QuickBooks. */
const typed = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

describe('QuickBooks sales as attributed conversions', () => {
  it('a matched customer’s sale after a campaign text belongs to that campaign; unmatched sales are counted and listed', async () => {
    const [ana, ben] = seedTagged(h, 3, 'regulars');
    h.app.db.prepare('UPDATE contacts SET email = ? WHERE id = ?').run('Ben@Example.com', ben);
    const spring = await launchCampaign(h, 'Spring sale', 'regulars');
    markDelivered(
      h.app,
      spring.messages.map((m) => m.id),
      T0,
    );

    h.fake.put('Customer', customer('1', 'Ana Lima', { phone: typed(seedPhone(0)) }));
    h.fake.put('Customer', customer('2', 'Ben Okafor', { email: ' ben@example.COM ' }));
    h.fake.put('Customer', customer('3', 'Walk-in Customer', { phone: '+1 (212) 555-0199' }));
    h.fake.put('SalesReceipt', sale('100', '1', 42.5, T0 + 2 * HOUR)); // inside the 24 h delivery window
    h.fake.put('Invoice', sale('200', '2', 120, T0 + 3 * HOUR, 20)); // 100 of 120 paid
    h.fake.put('SalesReceipt', sale('101', '1', 9, T0 - 2 * HOUR)); // before the text: no campaign
    h.fake.put('SalesReceipt', sale('300', '3', 18, T0 + HOUR)); // no contact matches
    h.advance(4 * HOUR);
    h.fake.setTime(new Date(h.now()).toISOString());

    expect(await h.sync()).toEqual({ customers: 3, sales: 4, conversions: 3, unmatched: 1, deleted: 0 });
    const rows = h.app.db
      .prepare(
        `SELECT source, source_id, contact_id, campaign_id, amount_minor, rule FROM conversions ORDER BY source_id`,
      )
      .all();
    expect(rows).toEqual([
      {
        source: 'quickbooks',
        source_id: 'quickbooks:Invoice:200',
        contact_id: ben,
        campaign_id: spring.id,
        amount_minor: 10000,
        rule: 'delivery',
      },
      {
        source: 'quickbooks',
        source_id: 'quickbooks:SalesReceipt:100',
        contact_id: ana,
        campaign_id: spring.id,
        amount_minor: 4250,
        rule: 'delivery',
      },
      {
        source: 'quickbooks',
        source_id: 'quickbooks:SalesReceipt:101',
        contact_id: ana,
        campaign_id: null,
        amount_minor: 900,
        rule: null,
      },
    ]);

    const results = await h.ok('analytics:campaignResults', { campaignId: spring.id });
    expect(results.money.revenueMinor).toBe(14250);
    expect(results.conversionsBySource).toEqual([
      { source: 'quickbooks', label: 'QuickBooks', count: 2, revenueMinor: 14250 },
    ]);

    const dashboard = await h.ok('analytics:summary', { from: '2026-11-15', to: '2026-12-15', bucket: 'day', top: 5 });
    expect(dashboard.revenueBySource).toEqual([
      { source: 'quickbooks', label: 'QuickBooks', count: 2, revenueMinor: 14250 },
    ]);
    expect(dashboard.revenue).toBe(142.5);

    const s = await h.status();
    expect(s.counts).toMatchObject({
      customers: 3,
      unmatchedCustomers: 1,
      sales: 4,
      unmatchedSales: 1,
      conversions: 3,
      attributed: 2,
      revenueMinor: 15150,
      attributedRevenueMinor: 14250,
    });
    expect(s.unmatched).toEqual([
      {
        entity: 'SalesReceipt',
        id: '300',
        customerName: 'Walk-in Customer',
        amountMinor: 1800,
        at: new Date(T0 + HOUR).toISOString(),
      },
    ]);

    // A sale synced twice is one conversion (unique per entity id).
    await h.sync(true);
    expect(h.app.db.prepare(`SELECT count(*) AS n FROM conversions`).get()).toEqual({ n: 3 });

    // Deleted in QuickBooks: its conversion goes, and the roll-ups equal a rebuild from scratch.
    h.advance(15 * 60_000);
    h.fake.setTime(new Date(h.now()).toISOString());
    h.fake.remove('SalesReceipt', '100');
    expect(await h.sync()).toMatchObject({ deleted: 1, conversions: 0 });
    expect((await h.ok('analytics:campaignResults', { campaignId: spring.id })).money.revenueMinor).toBe(10000);
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept).toEqual(rebuilt);
  });

  it('a customer added as a contact later is matched on the next sync', async () => {
    h.fake.put('Customer', customer('1', 'Ana Lima', { mobile: typed(seedPhone(5)) }));
    h.fake.put('SalesReceipt', sale('100', '1', 30, T0 - HOUR));
    expect(await h.sync()).toMatchObject({ conversions: 0, unmatched: 1 });
    seedTagged(h, 1, 'walk-ins', 5);
    expect(await h.sync()).toMatchObject({ customers: 0, sales: 0, conversions: 1, unmatched: 0 });
  });

  it('creates contacts from unmatched customers only when asked, with no consent assumed', async () => {
    h.fake.put('Customer', customer('1', 'Ana Lima', { mobile: typed(seedPhone(7)), email: 'ana@example.com' }));
    h.fake.put('Customer', customer('2', 'No Phone Ltd', { email: 'office@example.com' }));
    h.fake.put('SalesReceipt', sale('100', '1', 30, T0 - HOUR));
    await h.sync();
    expect(h.app.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });

    h.app.settings.set('quickbooks.createContacts', true);
    expect(await h.sync(true)).toMatchObject({ conversions: 1, unmatched: 0 });
    const made = h.app.db
      .prepare('SELECT phone, first_name, last_name, email, textable, not_textable_reason FROM contacts')
      .all();
    expect(made).toEqual([
      {
        phone: seedPhone(7),
        first_name: 'Ana',
        last_name: 'Lima',
        email: 'ana@example.com',
        textable: 0,
        not_textable_reason: expect.stringMatching(/consent/i),
      },
    ]);
  });
});
