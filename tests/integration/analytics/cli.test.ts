import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { openDatabase } from '../../../electron/db/connection';
import { abHarness, markDelivered, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, launchCampaign, seedTagged } from './helpers';

/**
 * The CLI of issue 13 with its exact `--json` shapes, over a database a real app filled: 60 texts sent through the
 * Sandbox at $0.0079 a segment (the spend must read $0.47, not 60 whole cents).
 */
async function cli(db: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, '--json', ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, json: out.length ? JSON.parse(out.join('\n')) : null, stderr: err.join('\n') };
}

let h: AbHarness;
let db: string;
let campaignId: number;
let phone: string;
beforeAll(async () => {
  h = await abHarness();
  db = join(h.dir, 'desk.sqlite');
  h.app.settings.set('pricing.sandboxPerSegment', 0.0079);
  seedTagged(h, 60, 'regulars');
  const c = await launchCampaign(h, 'Spring', 'regulars');
  campaignId = c.id;
  phone = c.messages[0].phone;
  await h.app.dispatcher.runUntilIdle();
  markDelivered(
    h.app,
    c.messages.map((m) => m.id),
    T0,
  );
  // The price changes after the campaign: what it cost stays as it was.
  h.app.settings.set('pricing.sandboxPerSegment', 0.05);
  h.advance(5000);
  await h.app.close();
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('the analytics command line', () => {
  it('campaigns results: the exact shape, spend at a fraction of a cent a text, rounded only in the total', async () => {
    const r = await cli(db, ['campaigns', 'results', String(campaignId)]);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      id: campaignId,
      name: 'Spring',
      sent: 60,
      delivered: 60,
      failed: 0,
      replied: 0,
      clicked: 0,
      optedOut: 0,
      converted: 0,
      revenue: 0,
      spend: 0.47,
      currency: 'USD',
      rates: { delivery: 1, reply: 0, click: 0, optOut: 0, conversion: 0 },
      roi: -1,
      epm: 0,
      costPerConversion: null,
      windows: { clickDays: 5, deliveryHours: 24 },
    });
  });

  it('conversions add: { id, contactId, campaignId }, attributed inside the window; an unknown phone exits 1 and says so', async () => {
    const added = await cli(db, [
      'conversions',
      'add',
      '--phone',
      phone,
      '--amount',
      '25.5',
      '--at',
      new Date(T0 + 2 * HOUR).toISOString(),
      '--order-id',
      'A-1',
      '--note',
      '=HYPERLINK("http://example.com","gift")',
    ]);
    expect(added.code).toBe(0);
    expect(added.json).toEqual({ id: expect.any(Number), contactId: expect.any(Number), campaignId });
    const unknown = await cli(db, ['conversions', 'add', '--phone', '+12125550199', '--amount', '5']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error.message).toContain('+12125550199');
    const after = await cli(db, ['campaigns', 'results', String(campaignId)]);
    expect(after.json).toMatchObject({
      converted: 1,
      revenue: 25.5,
      spend: 0.47,
      costPerConversion: 0.474,
      epm: 0.425,
    });
    expect(after.json.roi).toBeCloseTo((25.5 - 0.474) / 0.474, 6);
  });

  it('analytics summary: the exact shape', async () => {
    const r = await cli(db, ['analytics', 'summary', '--from', '2026-12-01', '--to', '2026-12-05']);
    expect(r.code).toBe(0);
    expect(Object.keys(r.json)).toEqual([
      'from',
      'to',
      'sent',
      'delivered',
      'replied',
      'clicked',
      'optedOut',
      'converted',
      'revenue',
      'spend',
      'roi',
      'newContacts',
      'optOuts',
      'topCampaigns',
      'channels',
    ]);
    expect(r.json).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-05',
      sent: 60,
      delivered: 60,
      converted: 1,
      revenue: 25.5,
      spend: 0.47,
      optOuts: 0,
    });
    expect(r.json.topCampaigns).toEqual([
      { id: campaignId, name: 'Spring', revenue: 25.5, roi: expect.closeTo((25.5 - 0.474) / 0.474, 6) },
    ]);
    // A text-only period: one channel, the whole of it.
    expect(r.json.channels).toEqual([
      {
        channel: 'sms',
        sent: 60,
        delivered: 60,
        failed: 0,
        replied: r.json.replied,
        clicked: r.json.clicked,
        optedOut: r.json.optedOut,
        converted: 1,
        revenue: 25.5,
        spend: 0.47,
        roi: r.json.roi,
      },
    ]);
  });

  it('conversions import --dry-run: { importId, rows, matched, unmatched, duplicates, invalid, rejects } for a Shopify export', async () => {
    const r = await cli(db, [
      'conversions',
      'import',
      join(__dirname, '../../fixtures/orders/shopify-orders.csv'),
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      importId: expect.stringMatching(/^ord_/),
      rows: 7,
      matched: 1,
      unmatched: 2,
      duplicates: 1,
      invalid: 2,
      rejects: [
        { row: 1, reason: 'ana@example.com matches no contact' },
        { row: 4, reason: '+12125550199 matches no contact' },
        { row: 5, reason: '"abc" is not an amount' },
        { row: 6, reason: 'the date 2027-06-01 10:00:00 -0400 is in the future' },
      ],
    });
  });

  it('reports run: writes the PDF and the CSV and prints their paths', async () => {
    const r = await cli(db, ['reports', 'run', '--out', h.dir, '--period', 'month']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      kind: 'month',
      pdf: expect.stringMatching(/report-monthly-.*\.pdf$/),
      csv: expect.stringMatching(/report-monthly-.*\.csv$/),
    });
    expect(readFileSync(r.json.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(r.json.csv, 'utf8')).toMatch(/click.*5.*deliver.*24|5-day.*24-hour/is);
  });

  it('export results and conversions: numbers stay numbers (a negative too), text that looks like a formula is escaped', async () => {
    const results = join(h.dir, 'results.csv');
    expect((await cli(db, ['export', 'results', results])).json).toEqual({ file: results, rows: 1 });
    const [head, row] = readFileSync(results, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const cell = (name: string) => row.split(',')[head.split(',').indexOf(name)];
    expect([cell('spend_USD'), cell('revenue_USD'), cell('click_window_days'), cell('delivery_window_hours')]).toEqual([
      '0.47',
      '25.5',
      '5',
      '24',
    ]);
    const conversions = join(h.dir, 'conversions.csv');
    await cli(db, ['export', 'conversions', conversions]);
    expect(readFileSync(conversions, 'utf8')).toContain(`"'=HYPERLINK(""http://example.com"",""gift"")"`);
  });

  it('export messages: each message keeps its own cost ($0.0079), spreadsheet-safe', async () => {
    const file = join(h.dir, 'messages.csv');
    const r = await cli(db, ['export', 'messages', file, '--campaign', String(campaignId)]);
    expect(r.json).toEqual({ file, rows: 60 });
    const lines = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('cost_USD');
    const costAt = lines[0].split(',').indexOf('cost_USD');
    expect(lines.slice(1).every((l) => l.split(',')[costAt] === '0.0079')).toBe(true);
  });

  it("conversions list [--campaign ID]: the conversions as rows, only that campaign's with --campaign", async () => {
    const all = await cli(db, ['conversions', 'list']);
    expect(all.code).toBe(0);
    const row = {
      id: expect.any(Number),
      contactId: expect.any(Number),
      contactName: expect.any(String),
      phone,
      campaignId,
      campaignName: 'Spring',
      outboxId: expect.any(Number),
      source: 'manual',
      sourceId: expect.any(String),
      amountMinor: 2550,
      currency: 'USD',
      orderId: 'A-1',
      note: '=HYPERLINK("http://example.com","gift")',
      at: new Date(T0 + 2 * HOUR).toISOString(),
      attribution: 'delivery',
      windows: { clickDays: 5, deliveryHours: 24 },
      importId: null,
    };
    expect(all.json).toEqual([row]);
    expect(Object.keys(all.json[0])).toEqual(Object.keys(row));
    expect((await cli(db, ['conversions', 'list', '--campaign', String(campaignId)])).json).toEqual([row]);
    expect((await cli(db, ['conversions', 'list', '--campaign', String(campaignId + 100)])).json).toEqual([]);
    expect((await cli(db, ['conversions', 'list', '--campaign', 'abc'])).code).not.toBe(0);
  });

  it('export inbox: every received text with who sent it, spreadsheet-safe (formula characters escaped, quotes doubled)', async () => {
    // Texts received a month after the campaign (outside every window: they stay unattributed).
    const at = new Date(T0 + 30 * 24 * HOUR).toISOString();
    const bodies = ['=SUM(A1:A9)', '+1 call me', '-5 off?', '@home', 'Yes, "please"', 'See you Friday'];
    const file = openDatabase(db);
    try {
      const insert = file.prepare(
        `INSERT INTO inbound_messages (provider, provider_message_id, contact_id, from_phone, body, received_at, created_at)
         SELECT 'sandbox', ?, id, phone, ?, ?, ? FROM contacts WHERE phone = ?`,
      );
      bodies.forEach((body, i) => insert.run(`in-${i}`, body, at, at, phone));
    } finally {
      file.close();
    }
    const out = join(h.dir, 'inbox.csv');
    const r = await cli(db, ['export', 'inbox', out]);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ file: out, rows: bodies.length });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('message_id,received_at,from,name,body,keyword,campaign_id,campaign,read_at');
    const bodyCells = lines.slice(1).map((l) => l.split(',').slice(4, -4).join(','));
    expect(bodyCells).toEqual([
      `'=SUM(A1:A9)`,
      `'+1 call me`,
      `'-5 off?`,
      `'@home`,
      `"Yes, ""please"""`,
      'See you Friday',
    ]);
    // The sender's number stays a number (not escaped), the sender's name beside it.
    expect(lines.slice(1).every((l) => l.split(',')[2] === phone)).toBe(true);
    // --campaign keeps only the texts linked to that campaign (these were not).
    const only = join(h.dir, 'inbox-campaign.csv');
    expect((await cli(db, ['export', 'inbox', only, '--campaign', String(campaignId)])).json).toEqual({
      file: only,
      rows: 0,
    });
  });
});
