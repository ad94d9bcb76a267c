import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { launchCampaign } from '../../../electron/campaigns/lifecycle';
import { tempDir } from '../../helpers/db';
import { daytimeClock, seedContacts } from '../../helpers/seed';

const CONCURRENCY = 6;
let app: DeskApp | undefined;
let server: Server | undefined;
let cleanup: (() => void) | undefined;

afterEach(async () => {
  await app?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  cleanup?.();
  app = server = cleanup = undefined;
});

describe('dispatch pipeline', () => {
  it('every request finds its message committed as sending, never more than `concurrency` are out, each is sent once', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const dbPath = join(t.dir, 'desk.sqlite');
    app = await createApp({
      dbPath,
      now: daytimeClock(),
      log: () => undefined,
      dispatch: { rates: { quo: Number.POSITIVE_INFINITY }, concurrency: CONCURRENCY, pollMs: 5 },
    });
    // A second connection sees only committed rows: what a crash at the moment of the request would leave behind.
    const reader = new Database(dbPath, { readonly: true });
    const stateOf = reader.prepare(`SELECT state FROM outbox_messages WHERE to_phone = ? AND kind = 'campaign'`);
    const statesSeen: string[] = [];
    const posts = new Map<string, number>();
    let out = 0;
    let maxOut = 0;
    let n = 0;
    server = createServer((req, res) => {
      out++;
      maxOut = Math.max(maxOut, out);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const to = (JSON.parse(body) as { to: string[] }).to[0];
        posts.set(to, (posts.get(to) ?? 0) + 1);
        statesSeen.push((stateOf.get(to) as { state: string }).state);
        // Answers spread over a few milliseconds, so outcomes arrive in different turns of the event loop.
        setTimeout(() => {
          out--;
          res.writeHead(202, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: { id: `AC${(++n).toString(16).padStart(30, '0')}`, status: 'queued' } }));
        }, n % 5);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    app.settings.set('provider', 'quo');
    app.settings.set('quo.baseUrl', `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    app.settings.set('quo.from', '+15550100000');
    app.secrets.set('quo.apiKey', 'test-quo-key');
    seedContacts(app.db, 300);
    const c = app.db
      .prepare(
        `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES ('pipeline', 'Sale! Reply STOP to opt out', '{}', 'quo', 'x', 'x')`,
      )
      .run();
    await launchCampaign(app, Number(c.lastInsertRowid));

    await app.dispatcher.runUntilIdle();
    reader.close();

    expect(statesSeen).toHaveLength(300);
    expect(new Set(statesSeen)).toEqual(new Set(['sending']));
    expect([...posts.values()].every((k) => k === 1)).toBe(true);
    expect(maxOut).toBeLessThanOrEqual(CONCURRENCY);
    const states = app.db
      .prepare(`SELECT state, COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? GROUP BY state`)
      .all(c.lastInsertRowid);
    expect(states).toEqual([{ state: 'sent', n: 300 }]);
  });
});
