import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { runDueReports } from '../../../electron/reports/schedule';
import type { SummarySource } from '../../../electron/reports/run';
import { tempDir } from '../../helpers/db';
import { salonWeek } from '../../unit/reports/summary-fixture';
import { pdfPages } from '../../unit/reports/pdf-text';

/** The figures for whatever range is asked (the schedule's part is which period, when, and only once). */
const summary: SummarySource = (range) => ({ ...salonWeek(range.from), from: range.from, to: range.to });

describe('scheduled reports with a fake clock', () => {
  const t = tempDir();
  const dbPath = join(t.dir, 'desk.sqlite');
  const folder = join(t.dir, 'My reports');
  let clock = new Date('2026-12-09T09:00:00Z'); // a Wednesday
  let app: DeskApp | null = null;
  const notices: Array<{ name: string; payload: unknown }> = [];
  const open = async () => {
    app = await createApp({ dbPath, now: () => clock, log: () => undefined });
    app.events.subscribe(
      (name, payload) => void ((name === 'app:notify' || name === 'reports:ready') && notices.push({ name, payload })),
    );
    return app;
  };
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('writes nothing while the schedule is off', async () => {
    const a = await open();
    expect(await runDueReports(a, summary)).toEqual([]);
    a.settings.set('reports.schedule', 'weekly');
    a.settings.set('reports.folder', folder);
  });

  it('writes last week once, with a notification, and not again on the next check', async () => {
    const a = await open();
    const written = await runDueReports(a, summary);
    expect(written.map((w) => [w.kind, w.from])).toEqual([['week', '2026-11-30T00:00:00.000Z']]);
    expect(readdirSync(folder).sort()).toEqual(['report-weekly-2026-W49.csv', 'report-weekly-2026-W49.pdf']);
    expect((await pdfPages(readFileSync(join(folder, 'report-weekly-2026-W49.pdf'))))[0]).toContain(
      'Week 49: 30 Nov – 6 Dec 2026',
    );
    expect(notices.map((n) => n.name)).toEqual(['reports:ready', 'app:notify']);
    expect(notices[1].payload).toMatchObject({ title: 'Weekly report ready', level: 'info' });
    clock = new Date('2026-12-13T22:00:00Z'); // later the same week
    expect(await runDueReports(a, summary)).toEqual([]);
  });

  it('a week missed while the app was closed is written at the next start, once; older missed weeks are not piled up', async () => {
    clock = new Date('2026-12-23T08:00:00Z'); // two Mondays later
    notices.length = 0;
    const a = await open(); // startJobs is what the app calls at start; the check it runs is this one
    const written = await runDueReports(a, summary);
    expect(written.map((w) => w.from)).toEqual(['2026-12-14T00:00:00.000Z']);
    expect(await runDueReports(a, summary)).toEqual([]);
    expect(existsSync(join(folder, 'report-weekly-2026-W50.pdf'))).toBe(false);
    expect(existsSync(join(folder, 'report-weekly-2026-W51.pdf'))).toBe(true);
    const runs = a.db.prepare('SELECT kind, period_start, pdf_path FROM report_runs ORDER BY period_start').all();
    expect(runs).toEqual([
      { kind: 'week', period_start: '2026-11-30T00:00:00.000Z', pdf_path: join(folder, 'report-weekly-2026-W49.pdf') },
      { kind: 'week', period_start: '2026-12-14T00:00:00.000Z', pdf_path: join(folder, 'report-weekly-2026-W51.pdf') },
    ]);
  });

  it('a folder that cannot be written is told once per session, and tried again at the next start', async () => {
    clock = new Date('2027-01-12T10:00:00Z');
    const a = await open();
    a.settings.set('reports.folder', 'relative/folder');
    notices.length = 0;
    const failed = new Set<string>();
    expect(await runDueReports(a, summary, failed)).toEqual([]);
    expect(notices).toEqual([
      {
        name: 'app:notify',
        payload: expect.objectContaining({
          title: 'The weekly report could not be written',
          level: 'error',
          body: expect.stringContaining('must be a full path'),
        }),
      },
    ]);
    expect(await runDueReports(a, summary, failed)).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(
      a.db.prepare(`SELECT COUNT(*) AS n FROM report_runs WHERE period_start = '2027-01-04T00:00:00.000Z'`).get(),
    ).toEqual({ n: 0 });
    a.settings.set('reports.folder', folder);
    expect((await runDueReports(a, summary)).map((w) => w.from)).toEqual(['2027-01-04T00:00:00.000Z']);
  });

  it('cleans up', () => t.cleanup());
});
