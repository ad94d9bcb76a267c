import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli } from '../../helpers/cli';
import { deskWithGemini, type GeminiDesk } from './desk';

let d: GeminiDesk;
afterEach(async () => {
  await d.close();
});

describe('results summary', () => {
  it('sums a campaign up in two sentences from its totals and rates only', async () => {
    d = await deskWithGemini();
    const at = d.now().toISOString();
    const id = Number(
      d.app.db
        .prepare(
          `INSERT INTO campaigns (name, status, provider, created_at, updated_at, launched_at) VALUES ('Winter roses', 'completed', 'quo', ?, ?, ?)`,
        )
        .run(at, at, at).lastInsertRowid,
    );
    d.app.db
      .prepare(
        `INSERT INTO campaign_daily (campaign_id, day, sent, delivered, failed, replied, clicked, opted_out, converted) VALUES (?, '2026-12-02', 120, 114, 6, 9, 0, 2, 3)`,
      )
      .run(id);

    expect(await d.call('ai:summary', { campaignId: id })).toEqual({
      summary: '114 of 120 texts were delivered and 9 people replied. Send the next one at the same time of day.',
    });
    const [call] = d.gemini.calls;
    expect(call.system).toContain('exactly two short, plain sentences');
    expect(JSON.parse(call.prompt.replace('Campaign figures (JSON): ', ''))).toMatchObject({
      sent: 120,
      delivered: 114,
      replied: 9,
      optedOut: 2,
      converted: 3,
      currency: 'USD',
    });
    expect(call.prompt).not.toContain('Winter roses');

    const r = await cli(['--db', join(d.app.paths.dataDir, 'desk.sqlite'), '--json', 'ai', 'summary', String(id)]);
    expect(JSON.parse(r.stdout)).toEqual({ summary: expect.stringContaining('114 of 120') });
    expect((await d.fails('ai:summary', { campaignId: 999 })).code).toBe('not_found');
  });
});
