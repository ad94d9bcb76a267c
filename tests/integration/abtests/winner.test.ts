import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWaitingAbTests } from '../../../electron/abtests/jobs';
import { sendWinner } from '../../../electron/abtests/winner';
import { HOUR, T0, abHarness, markDelivered, type AbHarness } from './helpers';
import { launchAbCampaign, playTest, seedReplies } from './scenario';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

const remainderRows = (campaignId: number) =>
  h.app.db
    .prepare(
      `SELECT contact_id AS contactId, state, variant, body FROM outbox_messages WHERE campaign_id = ? AND kind = 'campaign' AND ab_remainder = 1 ORDER BY contact_id`,
    )
    .all(campaignId) as Array<{ contactId: number; state: string; variant: string; body: string }>;

describe('A/B verdict: a winner only when it is significant and above the minimum sample', () => {
  it('names no winner below the minimum sample however large the difference, and a winner once the sample suffices', async () => {
    const s = await launchAbCampaign(h, { contacts: 400 });
    playTest(h, s, { A: 0.05, B: 0.3 });
    h.at(T0 + 100 * HOUR); // every window has closed
    h.app.settings.set('abtests.minSamplePerVariant', 1000);
    const early = await h.report(s.campaignId);
    expect(early.verdict).toMatchObject({ decided: false, winner: null, reason: 'not_enough_data' });
    expect(early.verdict.sentence).toContain('each variant needs at least 1,000 delivered messages');
    expect(h.app.db.prepare('SELECT verdict_json FROM ab_state WHERE campaign_id = ?').get(s.campaignId)).toEqual({
      verdict_json: null,
    });

    h.app.settings.set('abtests.minSamplePerVariant', 100);
    const late = await h.report(s.campaignId);
    expect(late.verdict).toMatchObject({ decided: true, winner: 1, reason: 'winner' });
    expect(late.verdict.sentence).toMatch(
      /^Variant B got \d+% more replies than Variant A; we are (more than )?\d+(\.\d)?% confident this is not luck\.$/,
    );
    expect(late.verdict.test!.pValue).toBeLessThan(0.001);
    expect(late.verdict.guard.method).toBe('group-sequential');
  });

  it('names no winner when the difference could be luck, and then the owner chooses what the rest gets', async () => {
    const s = await launchAbCampaign(h, { contacts: 800, testPercent: 50 });
    playTest(h, s, { A: 0.1, B: 0.11 });
    h.at(T0 + 100 * HOUR);
    const r = await h.report(s.campaignId);
    expect(r.verdict).toMatchObject({ decided: true, winner: null, reason: 'no_clear_winner' });
    expect(r.winner.state).toBe('owner_choice');
    expect(await h.app.dispatch('abtests:sendWinner', { id: s.campaignId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('No clear winner') },
    });
    expect(remainderRows(s.campaignId)).toEqual([]);
    const chosen = await h.ok('abtests:sendWinner', { id: s.campaignId, variant: 0 });
    expect(chosen).toMatchObject({
      variant: 0,
      variantName: 'A',
      chosenBy: 'owner',
      released: s.held.length,
      skipped: 0,
      alreadySent: false,
    });
    expect((await h.report(s.campaignId)).winner).toMatchObject({ state: 'sending', variant: 0, chosenBy: 'owner' });
  });

  it('keeps the peeking guard honest: each new look is stored, a report reopened on the same data takes none, and the verdict is final once decided', async () => {
    h.app.settings.set('abtests.minSamplePerVariant', 50);
    const s = await launchAbCampaign(h, { contacts: 400 });
    // Half of each variant went out 50 hours after the other half, so at T0 + 80 h only the first half is measurable.
    const half = (rows: typeof s.test.A) => [
      rows.slice(0, Math.floor(rows.length / 2)),
      rows.slice(Math.floor(rows.length / 2)),
    ];
    const [a1, a2] = half(s.test.A);
    const [b1, b2] = half(s.test.B);
    markDelivered(
      h.app,
      [...a1, ...b1].map((r) => r.id),
      T0,
    );
    markDelivered(
      h.app,
      [...a2, ...b2].map((r) => r.id),
      T0 + 50 * HOUR,
    );
    seedReplies(h.app, s.campaignId, a1, 8, T0 + HOUR);
    seedReplies(h.app, s.campaignId, b1, 12, T0 + HOUR);
    h.at(T0 + 80 * HOUR);
    const first = await h.report(s.campaignId);
    const looks = () =>
      JSON.parse(
        (
          h.app.db.prepare('SELECT looks_json FROM ab_state WHERE campaign_id = ?').get(s.campaignId) as {
            looks_json: string;
          }
        ).looks_json,
      ) as number[];
    expect(first.settledMessages).toBe(a1.length + b1.length);
    expect(looks()).toHaveLength(1);
    expect(looks()[0]).toBeCloseTo(Math.min(a1.length, b1.length) / Math.min(s.test.A.length, s.test.B.length), 12);
    expect(first.verdict.decided).toBe(false);
    // Opening the report again on the same data is not a new look.
    await h.report(s.campaignId);
    await h.report(s.campaignId);
    expect(looks()).toHaveLength(1);
    // Once every window has closed the final look happens and the verdict is stored for good.
    seedReplies(h.app, s.campaignId, a2, 10, T0 + 51 * HOUR);
    seedReplies(h.app, s.campaignId, b2, 11, T0 + 51 * HOUR);
    h.at(T0 + 130 * HOUR);
    const final = await h.report(s.campaignId);
    expect(looks()).toEqual([looks()[0], 1]);
    expect(final.verdict.decided).toBe(true);
    // Later replies change the table but not the verdict.
    seedReplies(h.app, s.campaignId, b2.slice(20), 40, T0 + 60 * HOUR, 'Booked!');
    const after = await h.report(s.campaignId);
    expect(after.verdict).toEqual(final.verdict);
    expect(after.variants[1].replied).toBeGreaterThan(final.variants[1].replied);
  });
});

describe('A/B winner to the rest of the audience: exactly once', () => {
  it('approve mode waits for the owner; send-winner twice, and concurrently, queues one message per held contact and the dispatcher sends each once', async () => {
    const s = await launchAbCampaign(h, { contacts: 600, testPercent: 40 });
    expect(s.held.length).toBeGreaterThan(300);
    playTest(h, s, { A: 0.04, B: 0.3 });
    h.at(T0 + 100 * HOUR);
    const r = await h.report(s.campaignId);
    expect(r.winner).toMatchObject({ mode: 'approve', state: 'awaiting_approval', variant: 1 });
    expect(r.winner.note).toContain(`Variant B won. ${s.held.length} held-back contacts are waiting`);
    expect(remainderRows(s.campaignId)).toEqual([]);

    const [one, two] = await Promise.all([
      h.ok('abtests:sendWinner', { id: s.campaignId }),
      h.ok('abtests:sendWinner', { id: s.campaignId }),
    ]);
    const third = await h.ok('abtests:sendWinner', { id: s.campaignId });
    expect(one.released + two.released + third.released).toBe(s.held.length);
    expect(third).toMatchObject({ released: 0, alreadySent: true, variant: 1 });
    const rest = remainderRows(s.campaignId);
    expect(rest).toHaveLength(s.held.length);
    expect(new Set(rest.map((m) => m.contactId)).size).toBe(s.held.length);
    expect(rest.every((m) => m.state === 'queued' && m.variant === 'B')).toBe(true);
    // Rendered per contact like the snapshot: names and business details filled in.
    const first = h.app.db.prepare('SELECT first_name FROM contacts WHERE id = ?').get(rest[0].contactId) as {
      first_name: string;
    };
    expect(rest[0].body).toBe(`${first.first_name}! Book a colour by Friday and save 10%. Reply STOP to opt out`);
    // A different variant can no longer be chosen.
    expect(await h.app.dispatch('abtests:sendWinner', { id: s.campaignId, variant: 0 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    await h.app.dispatcher.runUntilIdle();
    deliverAll();
    const sent = h.app.db
      .prepare(
        `SELECT to_phone AS phone, COUNT(*) AS n FROM sandbox_messages WHERE direction = 'outgoing' GROUP BY to_phone`,
      )
      .all() as Array<{ phone: string; n: number }>;
    expect(sent).toHaveLength(s.held.length);
    expect(sent.every((m) => m.n === 1)).toBe(true);
    expect(new Set(sent.map((m) => m.phone))).toEqual(new Set(s.held.map((m) => m.phone)));
    const done = await h.report(s.campaignId);
    expect(done.campaign.status).toBe('completed');
    expect(done.winner).toMatchObject({
      state: 'sent',
      chosenBy: 'verdict',
      remainder: { held: 0, queued: 0, delivered: s.held.length },
    });
    // The test's numbers never mix with the rest's.
    expect(done.variants[1].messages).toBe(s.test.B.length);
  });

  it('automatic mode: the report and the background check racing still queue exactly one winner message per held contact', async () => {
    h.app.settings.set('abtests.winnerMode', 'automatic');
    const s = await launchAbCampaign(h, { contacts: 600, testPercent: 40 });
    playTest(h, s, { A: 0.3, B: 0.04 });
    // Someone opted out while the test ran: they are skipped, never texted.
    const optedOut = s.held[3];
    h.app.db.prepare('UPDATE contacts SET opted_out = 1 WHERE id = ?').run(optedOut.contactId);
    h.at(T0 + 100 * HOUR);
    const [report, released] = await Promise.all([
      h.report(s.campaignId),
      checkWaitingAbTests(h.app),
      checkWaitingAbTests(h.app),
      h.report(s.campaignId),
    ]);
    expect(report.verdict.winner).toBe(0);
    expect(released).toEqual([s.campaignId]);
    const rest = remainderRows(s.campaignId);
    expect(rest).toHaveLength(s.held.length);
    expect(rest.filter((m) => m.state === 'queued')).toHaveLength(s.held.length - 1);
    expect(rest.find((m) => m.contactId === optedOut.contactId)).toMatchObject({ state: 'skipped' });
    expect(new Set(rest.map((m) => m.contactId)).size).toBe(s.held.length);
    expect(
      h.app.db
        .prepare('SELECT approval, release_chosen_by AS chosenBy FROM ab_state WHERE campaign_id = ?')
        .get(s.campaignId),
    ).toEqual({ approval: 'automatic', chosenBy: 'verdict' });
    // Nothing is left for the background check to do.
    expect(await checkWaitingAbTests(h.app)).toEqual([]);
    await h.app.dispatcher.runUntilIdle();
    const sent = h.app.db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT to_phone) AS phones FROM sandbox_messages WHERE direction = 'outgoing'`,
      )
      .get();
    expect(sent).toEqual({ n: s.held.length - 1, phones: s.held.length - 1 });
  });

  it('an interrupted release continues with the same variant and queues nobody twice', async () => {
    h.app.settings.set('abtests.minSamplePerVariant', 50);
    const s = await launchAbCampaign(h, { contacts: 300, testPercent: 50 });
    playTest(h, s, { A: 0.04, B: 0.35 });
    h.at(T0 + 100 * HOUR);
    expect((await h.report(s.campaignId)).verdict.winner).toBe(1);
    // Released in chunks of ten, all of them in one go here.
    const first = await sendWinner(h.app, s.campaignId, { chunk: 10 });
    expect(first.released).toBe(s.held.length);
    // Put back the state a crash after the first chunk leaves: the choice stored, ten queued, the rest still held.
    h.app.db
      .prepare(
        `UPDATE outbox_messages SET state = 'held', body = '', variant = NULL, ab_remainder = 0 WHERE campaign_id = ? AND ab_remainder = 1 AND id > ?`,
      )
      .run(s.campaignId, remainderIds(s.campaignId)[9]);
    h.app.db.prepare('UPDATE ab_state SET winner_done_at = NULL WHERE campaign_id = ?').run(s.campaignId);
    expect(remainderRows(s.campaignId)).toHaveLength(10);
    expect(await checkWaitingAbTests(h.app)).toEqual([s.campaignId]);
    const rest = remainderRows(s.campaignId);
    expect(rest).toHaveLength(s.held.length);
    expect(rest.every((m) => m.variant === 'B' && m.state === 'queued')).toBe(true);
  });
});

/** Sandbox receipts and event processing until every receipt is applied (each pass handles a batch). */
function deliverAll(): void {
  for (let pass = 0; pass < 20; pass++) {
    h.app.tick();
    const pending = h.app.db.prepare(`SELECT COUNT(*) AS n FROM webhook_events WHERE state = 'pending'`).get() as {
      n: number;
    };
    const due = h.app.db.prepare('SELECT COUNT(*) AS n FROM sandbox_messages WHERE due_at IS NOT NULL').get() as {
      n: number;
    };
    if (pending.n === 0 && due.n === 0) return;
  }
}

function remainderIds(campaignId: number): number[] {
  return (
    h.app.db
      .prepare(`SELECT id FROM outbox_messages WHERE campaign_id = ? AND ab_remainder = 1 ORDER BY id`)
      .all(campaignId) as { id: number }[]
  ).map((r) => r.id);
}
