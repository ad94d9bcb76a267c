import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMessageOutcome } from '../../../electron/analytics/record';
import { cli } from '../../helpers/cli';
import { abHarness, markDelivered, reply, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, launchCampaign, seedTagged } from './helpers';

let h: AbHarness;
let db: string;
let autumn: number;
let winter: number;
const DAY = 24 * HOUR;
const windows = { clickDays: 5, deliveryHours: 24 };

/** Two campaigns to the same 6 contacts: Autumn 40 days before T0 (5 delivered, 1 failed), Winter at T0 (all 6 delivered). */
beforeAll(async () => {
  h = await abHarness();
  db = join(h.dir, 'desk.sqlite');
  seedTagged(h, 6, 'regulars');
  const a = await launchCampaign(h, 'Autumn', 'regulars');
  const w = await launchCampaign(h, 'Winter', 'regulars');
  autumn = a.id;
  winter = w.id;
  markDelivered(
    h.app,
    a.messages.slice(0, 5).map((m) => m.id),
    T0 - 40 * DAY,
  );
  markDelivered(h.app, [a.messages[5].id], T0 - 40 * DAY, 'failed');
  markDelivered(
    h.app,
    w.messages.map((m) => m.id),
    T0,
  );
  h.at(T0 - 40 * DAY + 2 * HOUR);
  reply(h.app, a.messages[0].phone, 'Lovely, thanks', T0 - 40 * DAY + HOUR, 'a-1');
  h.at(T0 + 3 * HOUR);
  for (const m of w.messages.slice(0, 3))
    recordMessageOutcome(
      h.app.db,
      { outboxId: m.id, campaignId: winter, rule: 'direct' },
      {
        kind: 'clicked',
        contactId: m.contactId,
        at: new Date(T0 + HOUR).toISOString(),
        windows,
        sourceRef: `k:${m.id}`,
      },
    );
  reply(h.app, w.messages[0].phone, 'Count me in', T0 + 2 * HOUR, 'w-1');
  reply(h.app, w.messages[1].phone, 'Yes', T0 + 2 * HOUR, 'w-2');
  await h.ok('conversions:add', { outboxId: w.messages[0].id, amount: 45 });
});
afterAll(async () => {
  await h.close();
});

describe('funnel', () => {
  it('per campaign: sent → delivered → clicked → replied → converted with drop-off against its base', async () => {
    const f = await h.ok('engagement:funnel', { campaignId: winter });
    expect(f).toMatchObject({
      sent: 6,
      delivered: 6,
      clicked: 3,
      replied: 2,
      converted: 1,
      campaignName: 'Winter',
      from: null,
    });
    expect(f.dropOff).toEqual([
      { step: 'delivered', of: 'sent', dropOff: 0 },
      { step: 'clicked', of: 'delivered', dropOff: 0.5 },
      { step: 'replied', of: 'delivered', dropOff: 1 - 2 / 6 },
      { step: 'converted', of: 'delivered', dropOff: 1 - 1 / 6 },
    ]);
    expect(await h.ok('engagement:funnel', { campaignId: autumn })).toMatchObject({
      sent: 6,
      delivered: 5,
      clicked: 0,
      replied: 1,
      converted: 0,
    });
  });

  it('across a period: only what happened in it, every campaign together', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const recent = await h.ok('engagement:funnel', { from: day(T0 - 7 * DAY), to: day(T0 + DAY) });
    expect(recent).toMatchObject({ sent: 6, delivered: 6, clicked: 3, replied: 2, converted: 1 });
    const both = await h.ok('engagement:funnel', { from: day(T0 - 60 * DAY), to: day(T0 + DAY) });
    expect(both).toMatchObject({ sent: 12, delivered: 11, clicked: 3, replied: 3, converted: 1 });
    const autumnOnly = await h.ok('engagement:funnel', {
      campaignId: winter,
      from: day(T0 - 60 * DAY),
      to: day(T0 - 30 * DAY),
    });
    expect(autumnOnly).toMatchObject({ sent: 0, delivered: 0, clicked: 0, replied: 0, converted: 0 });
  });
});

describe('analytics commands, --json shapes exactly as issue 14 says', () => {
  it('analytics funnel', async () => {
    const r = await cli(['--db', db, '--json', 'analytics', 'funnel', '--campaign', String(winter)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ sent: 6, delivered: 6, clicked: 3, replied: 2, converted: 1 });
    const text = await cli(['--db', db, 'analytics', 'funnel', '--campaign', String(winter)]);
    expect(text.stdout).toContain('Clicked            3  50% of delivered, 50% drop-off');
    const bad = await cli(['--db', db, 'analytics', 'funnel', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from must be an ISO date such as 2026-11-01, got "yesterday"');
  });

  it('analytics engagement: the bands add up to the contacts', async () => {
    const r = await cli(['--db', db, '--json', 'analytics', 'engagement']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['bands', 'total']);
    expect(Object.keys(json.bands)).toEqual(['champions', 'engaged', 'quiet', 'atRisk', 'lost', 'new']);
    expect(json.total).toBe(6);
    expect(Object.values(json.bands as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('analytics cohorts', async () => {
    const r = await cli(['--db', db, '--json', 'analytics', 'cohorts', '--months', '3']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['cohorts']);
    expect(json.cohorts).toHaveLength(3);
    for (const c of json.cohorts) expect(Object.keys(c)).toEqual(['month', 'size', 'subscribed', 'engaged']);
    const bad = await cli(['--db', db, 'analytics', 'cohorts', '--months', '0']);
    expect(bad.code).toBe(2);
  });

  it('contacts list --band and segments create --band', async () => {
    const bands = JSON.parse((await cli(['--db', db, '--json', 'analytics', 'engagement'])).stdout).bands as Record<
      string,
      number
    >;
    const engaged = JSON.parse((await cli(['--db', db, '--json', 'contacts', 'list', '--band', 'engaged'])).stdout);
    expect(engaged.rows).toHaveLength(bands.engaged);
    const made = await cli(['--db', db, '--json', 'segments', 'create', '--name', 'Drifting', '--band', 'at-risk']);
    expect(made.code).toBe(0);
    const list = JSON.parse((await cli(['--db', db, '--json', 'segments', 'list'])).stdout) as Array<{
      name: string;
      filter: { band?: string };
    }>;
    expect(list.find((s) => s.name === 'Drifting')?.filter.band).toBe('atRisk');
    const bad = await cli(['--db', db, 'contacts', 'list', '--band', 'gold']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--band must be one of champions, engaged, quiet, at-risk, lost, new, got "gold"');
  });
});
