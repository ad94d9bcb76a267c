import { afterEach, describe, expect, it } from 'vitest';
import { checkWaitingAbTests } from '../../../electron/abtests/jobs';
import { abHarness, HOUR, T0, markDelivered, outbox, type AbHarness } from './helpers';
import { launchAbCampaign } from './scenario';

let h: AbHarness;
afterEach(async () => h?.close());

const audits = (action: string) =>
  (h.app.db.prepare('SELECT detail_json AS d FROM audit_log WHERE action = ?').all(action) as { d: string }[]).map(
    (r) => JSON.parse(r.d) as Record<string, unknown>,
  );

/** A 60-contact "test 20 %, then winner" campaign: about 6 per variant can never reach the 100 the verdict needs. */
async function stalledTest(defaultVariant?: number) {
  h = await abHarness();
  const s = await launchAbCampaign(h, {
    contacts: 60,
    testPercent: 20,
    ...(defaultVariant !== undefined ? { defaultVariant } : {}),
  });
  markDelivered(
    h.app,
    [...s.test.A, ...s.test.B].map((r) => r.id),
    T0,
  );
  return s;
}

describe('A/B decision deadline (abtests.decisionDeadlineHours, fake clock)', () => {
  it('sends the default variant to the held-back rest once the deadline passes, and not before', async () => {
    const s = await stalledTest(1);
    expect(s.held.length).toBe(60 - s.test.A.length - s.test.B.length);
    h.at(T0 + 71 * HOUR);
    expect(await checkWaitingAbTests(h.app)).toEqual([]);
    expect(outbox(h.app, s.campaignId).filter((r) => r.state === 'held')).toHaveLength(s.held.length);

    h.at(T0 + 72 * HOUR + 1000);
    expect(await checkWaitingAbTests(h.app)).toEqual([s.campaignId]);
    const rest = outbox(h.app, s.campaignId).filter((r) => s.held.some((x) => x.id === r.id));
    expect(rest.every((r) => r.state === 'queued' && r.variant === 'B')).toBe(true);
    expect(audits('abtest.deadlineDefault')).toEqual([expect.objectContaining({ variant: 'B' })]);
    expect((await h.report(s.campaignId)).winner).toMatchObject({ state: 'sending' });
    // Once sent, a later check changes nothing.
    expect(await checkWaitingAbTests(h.app)).toEqual([]);
  });

  it('without a default variant, asks: "Decision needed" once, with a notification, and texts nobody', async () => {
    const s = await stalledTest();
    const notes: unknown[] = [];
    h.app.events.subscribe((name, payload) => name === 'app:notify' && notes.push(payload));
    h.app.settings.set('abtests.decisionDeadlineHours', 24);
    h.at(T0 + 25 * HOUR);
    expect(await checkWaitingAbTests(h.app)).toEqual([]);
    expect(await checkWaitingAbTests(h.app)).toEqual([]);
    expect(audits('abtest.decisionNeeded')).toHaveLength(1);
    expect(notes).toEqual([expect.objectContaining({ title: 'Decision needed: “Colour week”', level: 'warning' })]);
    const report = await h.report(s.campaignId);
    expect(report.winner).toMatchObject({
      state: 'decision_needed',
      note: expect.stringContaining('choose the variant'),
    });
    expect(outbox(h.app, s.campaignId).filter((r) => r.state === 'held')).toHaveLength(s.held.length);

    // The owner chooses; the rest gets it.
    await h.ok('abtests:sendWinner', { id: s.campaignId, variant: 0 });
    expect(outbox(h.app, s.campaignId).filter((r) => r.state === 'held')).toHaveLength(0);
  });

  it('refuses a default variant that is not one of the variants, or without a test sample', async () => {
    h = await abHarness();
    const variants = [
      { name: 'A', body: 'A. Reply STOP to opt out' },
      { name: 'B', body: 'B. Reply STOP to opt out' },
    ];
    expect(
      await h.app.dispatch('campaigns:create', {
        name: 'X',
        ab: { variants, split: [50, 50], testPercent: 20, defaultVariant: 2 },
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('default variant') } });
    expect(
      await h.app.dispatch('campaigns:create', { name: 'X', ab: { variants, split: [50, 50], defaultVariant: 0 } }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('default variant') } });
  });
});
