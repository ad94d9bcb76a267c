import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { createApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
const json = async <T>(args: string[]): Promise<T> => {
  const r = await cli(['--json', ...args]);
  if (r.code !== 0) throw new Error(`${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

let db = '';
let cleanup = () => {};
beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = join(t.dir, 'desk.sqlite');
  const app = await createApp({ dbPath: db, log: () => undefined });
  seedContacts(app.db, 6, { tag: 'vip' });
  seedContacts(app.db, 4, { start: 50, tag: 'new' });
  app.settings.set('business.name', 'Bloom');
  app.settings.set('sandbox.deliveryDelayMs', 0);
  await app.close();
});
afterEach(() => cleanup());

describe('segments from the command line', () => {
  it('creates, updates and deletes a segment with the filters the Contacts page saves', async () => {
    const { id } = await json<{ id: number }>([
      'segments',
      'create',
      '--name',
      'VIPs',
      '--tag',
      'vip',
      '--min-days',
      '30',
    ]);
    expect(id).toBeGreaterThan(0);
    const [seg] = await json<Array<{ id: number; name: string; filter: object }>>(['segments', 'list']);
    expect(seg).toMatchObject({ id, name: 'VIPs', filter: { tags: ['vip'], minDaysSinceContact: 30 } });
    expect(await json(['segments', 'update', String(id), '--tag', 'new', '--status', 'textable'])).toMatchObject({
      id,
      filter: { tags: ['new'], optedOut: false, textable: true },
    });
    expect(await cli(['segments', 'update', String(id), '--status', 'maybe'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--status'),
    });
    expect(await cli(['segments', 'create', '--name', 'vips'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already exists'),
    });

    // A campaign picks it with --segment (by name), and deleting it is refused while the campaign uses it.
    const c = await json<{ id: number }>([
      'campaigns',
      'create',
      '--name',
      'Seg',
      '--body',
      'Bloom: hi! Reply STOP to opt out',
      '--segment',
      'VIPs',
    ]);
    expect(await json(['campaigns', 'launch', String(c.id)])).toMatchObject({ audience: 4 });
    expect(await cli(['segments', 'delete', String(id)])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('"Seg"'),
    });
    await json(['campaigns', 'cancel', String(c.id)]);
    expect(await json(['segments', 'delete', String(id)])).toEqual({ deleted: true });
    expect(await cli(['campaigns', 'create', '--name', 'X', '--body', 'x', '--segment', 'VIPs'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No saved segment'),
    });
  });
});

describe('campaign actions from the command line', () => {
  it('launch refuses without --acknowledge and says how; with it the reason is logged', async () => {
    const { id } = await json<{ id: number }>([
      'campaigns',
      'create',
      '--name',
      'Plain',
      '--body',
      'Sale today',
      '--tag',
      'vip',
    ]);
    const refused = await cli(['campaigns', 'launch', String(id)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`campaigns launch ${id} --acknowledge`);
    expect(
      await json(['campaigns', 'launch', String(id), '--acknowledge', 'opt-out is in our signup text']),
    ).toMatchObject({ status: 'sending', audience: 6 });
    const app = await createApp({ dbPath: db, log: () => undefined });
    const row = app.db
      .prepare(`SELECT detail_json AS d FROM audit_log WHERE action = 'campaign.acknowledge'`)
      .get() as { d: string };
    expect(JSON.parse(row.d)).toMatchObject({ reason: 'opt-out is in our signup text' });
    await app.close();
  });

  it('duplicates, archives, unarchives, edits a draft, and creates with --local-time and --min-days', async () => {
    const { id } = await json<{ id: number }>([
      'campaigns',
      'create',
      '--name',
      'Roses',
      '--body',
      'Bloom: roses. Reply STOP to opt out',
      '--tag',
      'vip',
      '--min-days',
      '14',
      '--at',
      '2030-05-01T10:00',
      '--local-time',
    ]);
    const detail = (await createApp({ dbPath: db, log: () => undefined }).then(async (app) => {
      const r = await app.dispatch('campaigns:get', { id });
      await app.close();
      return r;
    })) as { ok: true; value: { audience: object; schedule: object } };
    expect(detail.value).toMatchObject({
      audience: { tags: ['vip'], minDaysSinceContact: 14 },
      schedule: { mode: 'recipient_local', date: '2030-05-01', time: '10:00' },
    });
    expect(await cli(['campaigns', 'create', '--name', 'Bad', '--body', 'x', '--local-time'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--local-time needs --at'),
    });
    expect(await cli(['campaigns', 'create', '--name', 'Bad', '--body', 'x', '--min-days', '0'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--min-days'),
    });

    const copy = await json<{ id: number }>(['campaigns', 'duplicate', String(id)]);
    expect(copy.id).not.toBe(id);
    expect(
      await json([
        'campaigns',
        'edit',
        String(copy.id),
        '--name',
        'Tulips',
        '--body',
        'Bloom: tulips. Reply STOP to opt out',
        '--tag',
        'new',
        '--now',
      ]),
    ).toEqual({ id: copy.id, status: 'draft' });
    const list = await json<Array<{ id: number; name: string }>>(['campaigns', 'list']);
    expect(list.map((c) => c.name).sort()).toEqual(['Roses', 'Tulips']);
    expect(await json(['campaigns', 'launch', String(copy.id)])).toMatchObject({ audience: 4 });
    expect(await cli(['campaigns', 'edit', String(copy.id), '--name', 'Late'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('only drafts'),
    });
    expect(await cli(['campaigns', 'edit', String(id)])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('say what to change'),
    });

    expect(await json(['campaigns', 'archive', String(id)])).toEqual({ id, archived: true });
    expect((await json<Array<{ id: number }>>(['campaigns', 'list'])).map((c) => c.id)).toEqual([copy.id]);
    expect(await json(['campaigns', 'unarchive', String(id)])).toEqual({ id, archived: false });
    expect((await json<Array<{ id: number }>>(['campaigns', 'list'])).map((c) => c.id).sort()).toEqual(
      [id, copy.id].sort(),
    );
  });

  it("sends a test to the owner's numbers rendered for --contact", async () => {
    const { id } = await json<{ id: number }>([
      'campaigns',
      'create',
      '--name',
      'Roses',
      '--body',
      'Hi {{first_name}}, Bloom roses. Reply STOP to opt out',
      '--tag',
      'vip',
    ]);
    expect(await cli(['campaigns', 'test', String(id)])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('business.testPhones'),
    });
    expect((await cli(['settings', 'set', 'business.testPhones', '+14155550100'])).code).toBe(0);
    const r = await json<{ renderedFor: { phone: string }; messages: Array<{ toPhone: string; body: string }> }>([
      'campaigns',
      'test',
      String(id),
      '--contact',
      '+12122000000',
    ]);
    expect(r.renderedFor.phone).toBe('+12122000000');
    expect(r.messages).toEqual([
      expect.objectContaining({ toPhone: '+14155550100', body: 'Hi Ana, Bloom roses. Reply STOP to opt out' }),
    ]);
    expect(await json(['campaigns', 'status', String(id)])).toMatchObject({ audience: 0 });
  });
});
