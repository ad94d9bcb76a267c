import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { createApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A database whose contacts are in Honolulu or Anchorage or New York, so some zone is inside quiet hours now. */
async function seeded(dir: string): Promise<string> {
  const db = join(dir, 'desk.sqlite');
  const app = await createApp({ dbPath: db, log: () => undefined });
  seedContacts(app.db, 12, { tag: 'vip' });
  const phones = [
    '+18085550101',
    '+19075550102',
    '+12125550103',
    '+14155550104',
    '+447700900123',
    '+61412345678',
    '+81901234567',
  ];
  // Recipients spread around the world: whatever hour CI runs at, some are inside their sending window.
  app.db.prepare('DELETE FROM contact_tags').run();
  app.db.prepare('DELETE FROM contacts').run();
  const now = new Date().toISOString();
  for (const p of phones) {
    const id = app.db
      .prepare('INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(p, 'Sam', now, now).lastInsertRowid;
    app.db
      .prepare('INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = ?')
      .run(id, 'vip');
  }
  // The owner's own sending window is read in the business's time zone too: put the business where it is daytime
  // now (one of the recipients' zones), so that recipient can be texted whatever hour the test runs at.
  // London, Tokyo and New York (each a single-zone recipient) between them cover every hour of the day.
  const zones = ['Europe/London', 'Asia/Tokyo', 'America/New_York'];
  const hourIn = (zone: string) =>
    Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(new Date()));
  const daytime = zones.find((zone) => hourIn(zone) >= 9 && hourIn(zone) < 20);
  if (!daytime) throw new Error('no recipient zone is between 09:00 and 20:00 now');
  app.settings.set('business.timezone', daytime);
  app.settings.set('sandbox.deliveryDelayMs', 0);
  await app.close();
  return db;
}

describe('campaigns CLI', () => {
  it('creates, launches, runs until idle and reports status as JSON', async () => {
    const t = tempDir();
    const db = await seeded(t.dir);
    const created = await cli([
      '--db',
      db,
      '--json',
      'campaigns',
      'create',
      '--name',
      'VIP night',
      '--body',
      'Hi {{first_name}}! VIP night Friday. Reply STOP to opt out',
      '--tag',
      'vip',
    ]);
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: number };
    expect(id).toBeGreaterThan(0);
    expect((await cli(['--db', db, 'campaigns', 'launch', String(id), '--acknowledge', 'test fixture'])).code).toBe(0);
    const run = await cli(['--db', db, '--json', 'campaigns', 'run', '--until-idle']);
    expect(run.code).toBe(0);
    const status = await cli(['--db', db, '--json', 'campaigns', 'status', String(id)]);
    const s = JSON.parse(status.stdout) as { status: string; audience: number; counts: Record<string, number> };
    expect(Object.keys(s.counts).sort()).toEqual([
      'delivered',
      'failed',
      'queued',
      'sending',
      'sent',
      'skipped',
      'unknown',
    ]);
    expect(s.audience).toBe(7);
    // Everyone either got it or waits for their own morning; nothing is lost.
    expect(s.counts.sent + s.counts.delivered + s.counts.failed + s.counts.queued).toBe(7);
    expect(s.counts.sent + s.counts.delivered + s.counts.failed).toBeGreaterThan(0);
    expect(s.counts.sending).toBe(0);
    t.cleanup();
  });

  it('names what is wrong with exit 2 for usage and 1 for failures', async () => {
    const t = tempDir();
    const db = await seeded(t.dir);
    const noName = await cli(['--db', db, 'campaigns', 'create', '--body', 'x']);
    expect(noName).toMatchObject({ code: 2, stderr: expect.stringContaining('--name') });
    const both = await cli(['--db', db, 'campaigns', 'create', '--name', 'x', '--body', 'x', '--template', '1']);
    expect(both.code).toBe(2);
    const badAt = await cli(['--db', db, 'campaigns', 'create', '--name', 'x', '--body', 'x', '--at', 'tomorrow']);
    expect(badAt).toMatchObject({ code: 2, stderr: expect.stringContaining('--at') });
    const missing = await cli(['--db', db, '--json', 'campaigns', 'status', '999']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toEqual({
      error: { code: 'not_found', message: 'Campaign 999 does not exist.' },
    });
    const noSegment = await cli([
      '--db',
      db,
      'campaigns',
      'create',
      '--name',
      'x',
      '--body',
      'x',
      '--segment',
      'Ghosts',
    ]);
    expect(noSegment).toMatchObject({ code: 1, stderr: expect.stringContaining('Ghosts') });
    t.cleanup();
  });
});
