import { afterAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { runDueReports } from '../../../electron/reports/schedule';
import { summaryFromAnalytics } from '../../../electron/reports/run';
import { sandboxBehaviour } from '../../helpers/app';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';
import { pdfPages } from '../../unit/reports/pdf-text';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

const RECIPIENTS = 6;

describe('a scheduled report missed while the app was closed, from real Sandbox sends', () => {
  const t = tempDir('smsdesk-report-real-');
  const dbPath = join(t.dir, 'desk.sqlite');
  const folder = join(t.dir, 'Owner reports');
  let clock = new Date('2026-12-02T19:00:00Z'); // a Wednesday afternoon in week 49 (30 Nov – 6 Dec)
  const open = () => createApp({ dbPath, now: () => clock, log: () => undefined, dispatch: { pollMs: 20 } });
  const ok = async <C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const r = await app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  afterAll(() => t.cleanup());

  it('writes the week that ended while closed at the next start, once, with the week’s real sent, spend and revenue', async () => {
    // Week 49, app open: a campaign really sent through the Sandbox (price stored at hand-over), a sale credited to it.
    const first = await open();
    sandboxBehaviour(first);
    first.settings.set('sandbox.ratePerSecond', 1000);
    first.settings.set('business.name', 'Bloom Salon');
    first.settings.set('pricing.sandboxPerSegment', 0.01);
    first.settings.set('reports.schedule', 'weekly');
    first.settings.set('reports.folder', folder);
    seedContacts(first.db, RECIPIENTS, { tag: 'regulars', nowIso: '2026-11-01T12:00:00.000Z' });
    const c = await ok(first, 'campaigns:create', {
      name: 'Colour week',
      body: 'Colour week at {{business_name}}: 20% off. Reply STOP to opt out',
      audience: { tags: ['regulars'] },
    });
    await ok(first, 'campaigns:launch', { id: c.id });
    await first.dispatcher.runUntilIdle();
    first.tick(); // the Sandbox's receipts
    const phone = (
      first.db
        .prepare(
          `SELECT to_phone AS p FROM outbox_messages WHERE campaign_id = ? AND state = 'delivered' ORDER BY id LIMIT 1`,
        )
        .get(c.id) as { p: string }
    ).p;
    clock = new Date('2026-12-03T10:00:00Z');
    await ok(first, 'conversions:add', { phone, amount: 42.5, note: 'booked a colour' });
    const results = await ok(first, 'analytics:campaignResults', { campaignId: c.id });
    expect(results).toMatchObject({ sent: RECIPIENTS, delivered: RECIPIENTS, converted: 1, revenue: 42.5 });
    expect(results.spend).toBeCloseTo(0.06, 10);
    // Up to date while open: last week (48, nothing sent) is written; week 49 has not ended.
    expect((await runDueReports(first, summaryFromAnalytics(first))).map((w) => w.from)).toEqual([
      '2026-11-23T00:00:00.000Z',
    ]);
    await first.close();

    // Closed over Sunday night; opened again on Wednesday of week 50. Starting the app's jobs writes week 49.
    clock = new Date('2026-12-09T08:30:00Z');
    const next = await open();
    const notices: string[] = [];
    next.events.subscribe(
      (name, payload) => void (name === 'app:notify' && notices.push((payload as { title: string }).title)),
    );
    next.startJobs(50);
    const runs = () =>
      next.db
        .prepare(
          'SELECT kind, period_start AS periodStart FROM report_runs WHERE pdf_path IS NOT NULL ORDER BY period_start',
        )
        .all();
    await vi.waitFor(() => expect(runs()).toHaveLength(2), { timeout: 10_000, interval: 50 });
    expect(runs()).toEqual([
      { kind: 'week', periodStart: '2026-11-23T00:00:00.000Z' },
      { kind: 'week', periodStart: '2026-11-30T00:00:00.000Z' },
    ]);
    expect(notices).toEqual(['Weekly report ready']);
    // Checking again (as the hourly job does) writes nothing more.
    expect(await runDueReports(next, summaryFromAnalytics(next))).toEqual([]);
    await next.close();
    expect(readdirSync(folder).sort()).toEqual([
      'report-weekly-2026-W48.csv',
      'report-weekly-2026-W48.pdf',
      'report-weekly-2026-W49.csv',
      'report-weekly-2026-W49.pdf',
    ]);

    const csv = readFileSync(join(folder, 'report-weekly-2026-W49.csv'), 'utf8').split('\r\n');
    const row = (prefix: string) => csv.find((l) => l.startsWith(prefix));
    expect(row('weekly')).toContain('Week 49: 30 Nov – 6 Dec 2026,2026-11-30,2026-12-07,USD');
    expect([row('Sent,'), row('Delivered,'), row('Conversions,'), row('Revenue,'), row('Spend,')]).toEqual([
      `Sent,${RECIPIENTS},0,new`,
      `Delivered,${RECIPIENTS},0,new`,
      'Conversions,1,0,new',
      'Revenue,42.5,0,new',
      'Spend,0.06,0,new',
    ]);
    // The week's seven days, no more: the send on Wednesday, the sale on Thursday.
    const days = csv.filter((l) => /^2026-\d\d-\d\d,/.test(l));
    expect(days.map((l) => l.slice(0, 10))).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(days[2]).toBe(`2026-12-02,${RECIPIENTS},${RECIPIENTS},0,0,0,0,0,0.06,0,0`);
    expect(days[3]).toBe('2026-12-03,0,0,0,0,0,1,42.5,0,0,0');
    expect(csv).toContain(`${c.id},Colour week,${RECIPIENTS},${RECIPIENTS},0,1,42.5,0.06,${(42.5 - 0.06) / 0.06}`);
    const pdf = (await pdfPages(readFileSync(join(folder, 'report-weekly-2026-W49.pdf')))).join(' ');
    expect(pdf).toContain('Week 49: 30 Nov – 6 Dec 2026');
    expect(pdf).toContain('Colour week');
    expect(pdf).toContain('$42.50');
    expect(pdf).toContain('$0.06');
  });
});
