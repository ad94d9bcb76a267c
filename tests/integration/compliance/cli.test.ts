import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../../electron/cli/index';
import { createApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';

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

let dir: { dir: string; cleanup: () => void };
let db: string;

/** Ana texted STOP (26 Nov) and START (28 Nov); Ben was opted out by hand (27 Nov) and wrote twice, unread. */
beforeAll(async () => {
  dir = tempDir();
  db = join(dir.dir, 'desk.sqlite');
  let t = Date.parse('2026-11-26T15:00:00Z');
  const app = await createApp({ dbPath: db, now: () => new Date(t), log: () => undefined });
  const iso = new Date(t).toISOString();
  app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', ?, ?), ('+12125550123', 'Ben', ?, ?)`,
    )
    .run(iso, iso, iso, iso);
  const text = (from: string, body: string, id: string) => {
    app.ingest({
      kind: 'inbound',
      provider: 'sandbox',
      eventId: id,
      providerMessageId: id,
      from,
      to: '+15550100000',
      body,
      at: new Date(t).toISOString(),
    });
    app.tick();
  };
  text('+14155550100', 'STOP', 'm1');
  t += 86_400_000;
  text('+12125550123', 'Do you have tulips?', 'm2');
  text('+12125550123', 'Hello?', 'm3');
  await app.dispatch('optouts:setConsent', { contactId: 2, optedOut: true });
  t += 86_400_000;
  text('+14155550100', 'START', 'm4');
  await app.close();
});
afterAll(() => dir.cleanup());

describe('optouts and inbox on the command line', () => {
  it('optouts list --json prints [{ phone, at, source, message? }] for opt-outs, newest first', async () => {
    const r = await cli(['--db', db, '--json', 'optouts', 'list']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        phone: '+12125550123',
        at: '2026-11-27T15:00:00.000Z',
        source: 'manual',
        message: 'Opted out by hand in the app',
      },
      { phone: '+14155550100', at: '2026-11-26T15:00:00.000Z', source: 'keyword', message: 'STOP' },
    ]);
  });

  it('filters with --since and --source, adds opt-ins with --all, and prints readable lines without --json', async () => {
    expect(JSON.parse((await cli(['--db', db, '--json', 'optouts', 'list', '--since', '2026-11-27'])).stdout)).toEqual([
      {
        phone: '+12125550123',
        at: '2026-11-27T15:00:00.000Z',
        source: 'manual',
        message: 'Opted out by hand in the app',
      },
    ]);
    expect(
      JSON.parse((await cli(['--db', db, '--json', 'optouts', 'list', '--source', 'keyword', '--all'])).stdout),
    ).toEqual([
      { phone: '+14155550100', at: '2026-11-28T15:00:00.000Z', source: 'keyword', message: 'START', state: 'opted_in' },
      { phone: '+14155550100', at: '2026-11-26T15:00:00.000Z', source: 'keyword', message: 'STOP', state: 'opted_out' },
    ]);
    const text = await cli(['--db', db, 'optouts', 'list']);
    expect(text.stdout.split('\n')).toEqual([
      '2026-11-27 15:00  +12125550123  Changed by you  "Opted out by hand in the app"',
      '2026-11-26 15:00  +14155550100  Replied with a keyword  "STOP"',
    ]);
    expect((await cli(['--db', db, 'optouts', 'list', '--since', '2026-02-30T99'])).code).toBe(2);
    const bad = await cli(['--db', db, '--json', 'optouts', 'list', '--source', 'sms']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain('keyword, manual, provider, import, reconciliation');
  });

  it('optouts export writes every consent change as CSV to the file', async () => {
    const file = join(dir.dir, 'optouts.csv');
    const r = await cli(['--db', db, '--json', 'optouts', 'export', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file, rows: 3 });
    const records = parse<Record<string, string>>(readFileSync(file, 'utf8'), { columns: true });
    expect(records.map((x) => [x.phone, x.change, x.source])).toEqual([
      ['+14155550100', 'opted in', 'keyword'],
      ['+12125550123', 'opted out', 'manual'],
      ['+14155550100', 'opted out', 'keyword'],
    ]);
    const missingDir = await cli(['--db', db, 'optouts', 'export', join(dir.dir, 'no-such-folder', 'x.csv')]);
    expect([missingDir.code, missingDir.stderr]).toEqual([1, expect.stringContaining('Could not write')]);
  });

  it('inbox list --json prints the conversations with unread counts and opt-out state', async () => {
    const r = await cli(['--db', db, '--json', 'inbox', 'list']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        contactId: 1,
        phone: '+14155550100',
        name: 'Ana',
        lastMessage: 'START',
        lastAt: '2026-11-28T15:00:00.000Z',
        unread: 2,
        optedOut: false,
      },
      {
        contactId: 2,
        phone: '+12125550123',
        name: 'Ben',
        lastMessage: 'Hello?',
        lastAt: '2026-11-27T15:00:00.000Z',
        unread: 2,
        optedOut: true,
      },
    ]);
    const text = await cli(['--db', db, 'inbox', 'list', '--unread']);
    expect(text.stdout.split('\n')[1]).toBe('2026-11-27 15:00  Ben (+12125550123)  [2 unread, opted out]  "Hello?"');
  });
});
