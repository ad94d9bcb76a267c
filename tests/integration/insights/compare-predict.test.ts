import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { cli } from '../../helpers/cli';
import { invokeOk, useTempApp } from '../../helpers/app';
import { seedContacts, seedPhone } from '../../helpers/seed';
import { seedCampaignHistory, type SentText } from '../../helpers/sent-history';
import { seededRandom } from '../../fakes/faults';

let app: DeskApp;
useTempApp(
  (a) => (app = a),
  () => ({ now: () => new Date('2026-12-01T12:00:00Z') }),
);

const DAY = 86_400_000;
const START = Date.parse('2026-09-01T17:00:00Z');

/**
 * `contacts` contacts texted by `campaigns` weekly campaigns; `outcome` decides each text's fate. A contact who
 * opts out gets no later text, as in real sending.
 */
function seedHistory(
  contacts: number,
  campaigns: number,
  outcome: (i: number, rnd: () => number) => { replied: boolean; optedOut: boolean },
  seed = 11,
): number[] {
  const ids = seedContacts(app.db, contacts, { nowIso: '2026-08-01T00:00:00Z' });
  const rnd = seededRandom(seed);
  const gone = new Set<number>();
  for (let k = 0; k < campaigns; k++) {
    const texts: SentText[] = [];
    ids.forEach((contactId, i) => {
      if (gone.has(i)) return;
      const o = outcome(i, rnd);
      if (o.optedOut) gone.add(i);
      texts.push({
        contactId,
        phone: seedPhone(i),
        at: START + k * 7 * DAY + i * 1000,
        replied: o.replied && !o.optedOut,
        optedOut: o.optedOut,
      });
    });
    seedCampaignHistory(app.db, `Weekly ${k + 1}`, texts);
  }
  return ids;
}

function tag(ids: readonly number[], name: string): void {
  app.db.prepare('INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, ?)').run(name, '2026-08-01T00:00:00Z');
  const tagId = (app.db.prepare('SELECT id FROM tags WHERE name = ?').get(name) as { id: number }).id;
  const insert = app.db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)');
  app.db.transaction(() => ids.forEach((id) => insert.run(id, tagId)))();
}

describe('segment comparison', () => {
  it('compares tags and saved segments on the documented JSON shape, with SciPy-checked figures', async () => {
    // VIP: 10 contacts × 20 texts, a reply to every 4th; Regulars: 10 × 20, every 10th.
    const ids = seedHistory(20, 20, () => ({ replied: false, optedOut: false }));
    const vip = ids.slice(0, 10);
    tag(vip, 'VIP');
    tag(ids.slice(10), 'Regulars');
    const rows = app.db.prepare(`SELECT id, contact_id, campaign_id FROM outbox_messages ORDER BY id`).all() as {
      id: number;
      contact_id: number;
      campaign_id: number;
    }[];
    const reply = app.db.prepare(
      `INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours) VALUES (?, ?, ?, 'replied', '2026-11-01T00:00:00Z', 'delivery', 5, 24)`,
    );
    const seen = { vip: 0, regular: 0 };
    for (const r of rows) {
      const isVip = vip.includes(r.contact_id);
      const n = isVip ? seen.vip++ : seen.regular++;
      if (n % (isVip ? 4 : 10) === 0) reply.run(r.id, r.campaign_id, r.contact_id);
    }
    const counts = (name: string) =>
      app.db
        .prepare(
          `SELECT COUNT(*) AS delivered, SUM(EXISTS (SELECT 1 FROM message_outcomes m WHERE m.outbox_id = o.id)) AS replied FROM outbox_messages o JOIN contact_tags ct ON ct.contact_id = o.contact_id JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?`,
        )
        .get(name) as { delivered: number; replied: number };
    expect(counts('VIP')).toEqual({ delivered: 200, replied: 50 });
    expect(counts('Regulars')).toEqual({ delivered: 200, replied: 20 });
    await invokeOk(app, 'segments:create', { name: 'Everyone VIP', filter: { tags: ['VIP'] } });

    const out = await cli([
      '--db',
      app.paths.dbPath,
      '--json',
      'analytics',
      'compare',
      '--tag',
      'Regulars',
      '--segment',
      'Everyone VIP',
    ]);
    expect(out.stderr).toBe('');
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json).sort()).toEqual(['groups', 'test', 'verdict']);
    expect(json.groups).toEqual([
      { name: 'Regulars', delivered: 200, successes: 20, rate: 0.1 },
      { name: 'Everyone VIP', delivered: 200, successes: 50, rate: 0.25 },
    ]);
    expect(Object.keys(json.test).sort()).toEqual(['dof', 'method', 'pValue', 'statistic']);
    // SciPy 1.17.1: chi2_contingency([[20, 180], [50, 150]], correction=False) → 15.584415584415584, dof 1,
    // p = 7.890224290256159e-05.
    expect(json.test.statistic).toBeCloseTo(15.584415584415584, 9);
    expect(json.test.pValue).toBeCloseTo(7.890224290256159e-5, 12);
    expect(json.verdict).toMatch(/^Everyone VIP gets the most replies \(25% against 10% for Regulars\)/);

    const view = await invokeOk(app, 'insights:compare', {
      groups: [{ tag: 'VIP' }, { tag: 'Regulars' }],
      metric: 'optedOut',
    });
    expect(view.outcomes.map((o) => [o.name, o.delivered, o.replied, o.optedOut])).toEqual([
      ['VIP', 200, 50, 0],
      ['Regulars', 200, 20, 0],
    ]);
    const bad = await app.dispatch('insights:compare', { groups: [{ tag: 'VIP' }, { tag: 'Nobody' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no tag "Nobody".' } });
    const one = await cli(['--db', app.paths.dbPath, '--json', 'analytics', 'compare', '--tag', 'VIP']);
    expect(one.code).toBe(2);
  });
});

describe('predictions', () => {
  it('learns a known signal (holdout AUC ≥ 0.7), scores contacts, orders Contacts by them, and leaves out high opt-out risk in Contacts, audiences and segments', async () => {
    // A fifth of the list answers half the texts; the rest rarely do, and tire of them: the more texts they have
    // had, the likelier they opt out.
    const sent = new Map<number, number>();
    seedHistory(1000, 10, (i, rnd) => {
      const k = (sent.get(i) ?? 0) + 1;
      sent.set(i, k);
      return i % 5 === 0
        ? { replied: rnd() < 0.5, optedOut: false }
        : { replied: rnd() < 0.03, optedOut: rnd() < 0.012 * k };
    });
    const out = await cli(['--db', app.paths.dbPath, '--json', 'analytics', 'predict']);
    expect(out.stderr).toBe('');
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json).sort()).toEqual(['optOut', 'reply']);
    expect(Object.keys(json.reply).sort()).toEqual(['auc', 'baseRate', 'usable']);
    expect(json.reply.usable).toBe(true);
    expect(json.reply.auc).toBeGreaterThanOrEqual(0.7);
    expect(json.reply.baseRate).toBeGreaterThan(0.08);
    expect(json.reply.baseRate).toBeLessThan(0.16);

    const view = await invokeOk(app, 'insights:predictions', {});
    expect(view.likelyToReply.length).toBe(10);
    // The most likely to reply are the responsive fifth (contact ids 1, 6, 11, …).
    for (const c of view.likelyToReply) expect((c.contactId - 1) % 5).toBe(0);
    expect(json.optOut.usable).toBe(true);
    expect(view.highRisk).toBeGreaterThan(0);
    const all = await invokeOk(app, 'segments:count', { filter: {} });
    const kept = await invokeOk(app, 'segments:count', { filter: { optOutRisk: 'exclude-high' } });
    expect(all.matched - kept.matched).toBe(view.highRisk);
    // The high-risk are nearly all from the tiring four fifths: the responsive fifth is far under its share of the list
    // (one who happened to answer little looks like the others).
    const high = app.db.prepare('SELECT contact_id AS id FROM contact_predictions WHERE opt_out_high = 1').all() as {
      id: number;
    }[];
    expect(high.filter((h) => (h.id - 1) % 5 === 0).length / high.length).toBeLessThan(0.1);

    // A sort in Contacts: the scored contacts, most likely first (ties by id, same direction), paged by keyset.
    const prediction = (id: number) =>
      app.db
        .prepare(
          'SELECT reply_probability AS reply, opt_out_risk AS risk FROM contact_predictions WHERE contact_id = ?',
        )
        .get(id) as { reply: number; risk: number };
    const scored = (
      app.db.prepare('SELECT count(*) AS n FROM contact_predictions WHERE reply_probability IS NOT NULL').get() as {
        n: number;
      }
    ).n;
    const byReply = { by: 'replyChance', direction: 'desc' } as const;
    const first = await invokeOk(app, 'contacts:list', { sort: byReply, limit: 40 });
    const second = await invokeOk(app, 'contacts:list', { sort: byReply, limit: 40, after: first.nextCursor! });
    expect(first.total).toBe(scored);
    const listed = [...first.rows, ...second.rows].map((r) => ({ id: r.id, p: prediction(r.id).reply }));
    expect(new Set(listed.map((r) => r.id)).size).toBe(80);
    for (let i = 1; i < listed.length; i++)
      expect(
        listed[i].p < listed[i - 1].p || (listed[i].p === listed[i - 1].p && listed[i].id < listed[i - 1].id),
      ).toBe(true);
    expect(listed[0].p).toBe(view.likelyToReply[0].replyProbability);
    // The responsive fifth comes first.
    expect(listed.slice(0, 10).every((r) => (r.id - 1) % 5 === 0)).toBe(true);
    const byRisk = await invokeOk(app, 'contacts:list', { sort: { by: 'optOutRisk', direction: 'desc' }, limit: 5 });
    expect(prediction(byRisk.rows[0].id).risk).toBe(view.atRisk[0].optOutRisk);
    const leastRisk = await invokeOk(app, 'contacts:list', { sort: { by: 'optOutRisk', direction: 'asc' }, limit: 5 });
    expect(prediction(leastRisk.rows[0].id).risk).toBeLessThanOrEqual(prediction(byRisk.rows[4].id).risk);
    // A filter in Contacts, the same count as the audience filter; with a tag and a sort too.
    const safe = await invokeOk(app, 'contacts:list', { optOutRisk: 'exclude-high', limit: 1000 });
    expect(safe.total).toBe(kept.matched);
    expect(safe.rows.some((r) => high.some((h) => h.id === r.id))).toBe(false);
    const safeByRisk = await invokeOk(app, 'contacts:list', {
      optOutRisk: 'exclude-high',
      sort: { by: 'optOutRisk', direction: 'desc' },
      limit: 1000,
    });
    expect(safeByRisk.rows.every((r) => !high.some((h) => h.id === r.id))).toBe(true);
    expect(prediction(safeByRisk.rows[0].id).risk).toBeLessThan(prediction(byRisk.rows[0].id).risk);
    // A segment rule from the command line, so campaign audiences too.
    const made = await cli([
      '--db',
      app.paths.dbPath,
      '--json',
      'segments',
      'create',
      '--name',
      'Not at risk',
      '--exclude-high-optout-risk',
    ]);
    expect(made.stderr).toBe('');
    const segment = JSON.parse(made.stdout) as { id: number };
    const inSegment = await invokeOk(app, 'segments:count', { filter: { segmentId: segment.id } });
    expect(inSegment.matched).toBe(kept.matched);
  });

  it('does not call a model usable on noise', async () => {
    seedHistory(1000, 10, (_i, rnd) => ({ replied: rnd() < 0.15, optedOut: false }), 23);
    const r = await invokeOk(app, 'insights:train', {});
    expect(r.reply?.usable).toBe(false);
    expect(r.reply?.auc).toBeGreaterThan(0.4);
    expect(r.reply?.auc).toBeLessThan(0.6);
    expect(r.reply?.reason).toMatch(/does not beat the base rate/);
    expect(r.optOut).toMatchObject({ usable: false, auc: null });
    expect(r.likelyToReply).toEqual([]);
    expect(r.highRisk).toBe(0);
  });
});
