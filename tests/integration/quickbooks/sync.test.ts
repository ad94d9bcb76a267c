import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, T0 } from '../abtests/helpers';
import { seedContacts, seedPhone } from '../../helpers/seed';
import { cli } from '../../helpers/cli';
import { customer, qboHarness, sale, type QboHarness } from './helpers';

let h: QboHarness;
beforeEach(async () => {
  h = await qboHarness({ connected: true });
});
afterEach(async () => {
  await h.close();
});

const conversions = () =>
  h.app.db
    .prepare(`SELECT source_id, amount_minor FROM conversions WHERE source = 'quickbooks' ORDER BY source_id`)
    .all() as Array<{ source_id: string; amount_minor: number }>;

describe('QuickBooks sync', () => {
  it('pulls everything the first time, 1,000 rows a page', async () => {
    for (let i = 1; i <= 2300; i++)
      h.fake.put('Customer', customer(String(i), `Customer ${i}`, { phone: seedPhone(10_000 + i) }));
    h.fake.put('SalesReceipt', sale('1', '1', 25, T0 - HOUR));
    h.fake.put('Payment', { Id: '7', TotalAmt: 10, CustomerRef: { value: '2' } });
    const r = await h.sync();
    expect(r).toEqual({ customers: 2300, sales: 1, conversions: 0, unmatched: 1, deleted: 0 });
    expect(h.fake.queries.filter((q) => q.startsWith('SELECT * FROM Customer'))).toEqual([
      'SELECT * FROM Customer STARTPOSITION 1 MAXRESULTS 1000',
      'SELECT * FROM Customer STARTPOSITION 1001 MAXRESULTS 1000',
      'SELECT * FROM Customer STARTPOSITION 2001 MAXRESULTS 1000',
    ]);
    const s = await h.status();
    expect(s.counts).toMatchObject({ customers: 2300, unmatchedCustomers: 2300, sales: 1, unmatchedSales: 1 });
    expect(s.lastSyncAt).toBe(new Date(T0).toISOString());
  });

  it('then reads only the changes (CDC), and a sale deleted in QuickBooks loses its conversion', async () => {
    const [ana, ben] = seedContacts(h.app.db, 2);
    h.fake.put('Customer', customer('1', 'Ana', { mobile: seedPhone(0) }));
    h.fake.put('Customer', customer('2', 'Ben', { mobile: seedPhone(1) }));
    h.fake.put('SalesReceipt', sale('10', '1', 40, T0 - HOUR));
    h.fake.put('SalesReceipt', sale('11', '2', 15.5, T0 - HOUR));
    expect(await h.sync()).toMatchObject({ customers: 2, sales: 2, conversions: 2, deleted: 0 });
    expect(ana).toBeGreaterThan(0);
    expect(ben).toBeGreaterThan(0);

    h.advance(15 * 60_000);
    h.fake.setTime(new Date(h.now()).toISOString());
    h.fake.remove('SalesReceipt', '11');
    h.fake.put('Invoice', sale('20', '1', 100, h.now(), 60));
    const queriesBefore = h.fake.queries.length;
    const r = await h.sync();
    expect(r).toEqual({ customers: 0, sales: 1, conversions: 1, unmatched: 0, deleted: 1 });
    expect(h.fake.queries.length).toBe(queriesBefore);
    expect(h.fake.requests.at(-1)?.path).toBe(`/v3/company/${h.fake.realmId}/cdc`);
    expect(conversions()).toEqual([
      { source_id: 'quickbooks:Invoice:20', amount_minor: 4000 },
      { source_id: 'quickbooks:SalesReceipt:10', amount_minor: 4000 },
    ]);

    // The invoice paid in full: its conversion follows the paid amount.
    h.advance(15 * 60_000);
    h.fake.setTime(new Date(h.now()).toISOString());
    h.fake.put('Invoice', { ...sale('20', '1', 100, T0 + 15 * 60_000, 0) });
    expect(await h.sync()).toMatchObject({ sales: 1, conversions: 1 });
    expect(conversions()[0]).toEqual({ source_id: 'quickbooks:Invoice:20', amount_minor: 10000 });
  });

  it('backs off on 429 ThrottleExceeded and carries on', async () => {
    h.fake.put('Customer', customer('1', 'Ana', { mobile: seedPhone(0) }));
    h.fake.faults.next({ kind: 'rate_limited', retryAfter: '1' }, 2, 'read');
    const r = await h.sync();
    expect(r.customers).toBe(1);
    expect(h.fake.faults.injected.rate_limited).toBe(2);
    expect(h.fake.requests.filter((q) => q.status === 429)).toHaveLength(2);
  });

  it('stops with QuickBooks’ own message after throttling that does not end', async () => {
    h.fake.faults.next({ kind: 'rate_limited', retryAfter: '1' }, 10, 'read');
    await expect(h.sync()).rejects.toThrow(/throttled, code 003001/);
  });

  it('treats a Fault inside an HTTP 200 as an error and keeps the cursor where it was', async () => {
    h.fake.put('Customer', customer('1', 'Ana', { mobile: seedPhone(0) }));
    await h.sync();
    const cursor = h.app.db.prepare('SELECT changed_since FROM quickbooks_connection').get();
    h.advance(15 * 60_000);
    h.fake.faultIn200Next();
    await expect(h.sync()).rejects.toThrow(
      /QuickBooks answered with an error: An application error has occurred.*code 10000/,
    );
    expect(h.app.db.prepare('SELECT changed_since FROM quickbooks_connection').get()).toEqual(cursor);
    expect((await h.status()).lastError).toMatch(/application error/);
    expect((await h.sync()).customers).toBe(0);
  });
});

describe('quickbooks CLI (headless: secrets and settings set by hand)', () => {
  it('sync refreshes the token itself and prints { customers, sales, conversions, unmatched, deleted }; status --json', async () => {
    seedContacts(h.app.db, 1);
    h.fake.put('Customer', customer('1', 'Ana', { phone: seedPhone(0).replace('+1', '1-') }));
    h.fake.put('SalesReceipt', sale('10', '1', 40, T0 - HOUR));
    h.fake.put('SalesReceipt', sale('11', '99', 5, T0 - HOUR));
    const db = h.app.db.name;
    // The CLI is its own app on the same database and secret file: the harness app's secrets file is in its data folder.
    const secretsFile = h.app.paths.secretsFile;
    expect(secretsFile.startsWith(h.dir)).toBe(true);
    const r = await cli(['--db', db, '--json', 'quickbooks', 'sync']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ customers: 1, sales: 2, conversions: 1, unmatched: 1, deleted: 0 });
    const s = await cli(['--db', db, '--json', 'quickbooks', 'status']);
    expect(JSON.parse(s.stdout)).toMatchObject({
      state: 'connected',
      label: 'Connected',
      counts: { sales: 2, unmatchedSales: 1, conversions: 1 },
    });
    const text = await cli(['--db', db, 'quickbooks', 'status']);
    expect(text.stdout).toContain('1 sales could not be matched to a contact');
  });

  it('settings refuse a plain-http API address other than 127.0.0.1/localhost', async () => {
    const r = await cli([
      '--db',
      h.app.db.name,
      'settings',
      'set',
      'quickbooks.apiBaseUrl',
      'http://quickbooks.example.com',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('must start with https://');
    expect(
      (await cli(['--db', h.app.db.name, 'settings', 'set', 'quickbooks.environment', 'staging'])).stderr,
    ).toContain('choose one of: sandbox, production');
  });
});
