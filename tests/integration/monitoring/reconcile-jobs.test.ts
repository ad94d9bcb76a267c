import { afterEach, describe, expect, it } from 'vitest';
import { call, desk, MINUTE, START, type Desk } from './desk';

let d: Desk;
afterEach(async () => {
  await d.close();
});

const HOUR = 60 * MINUTE;
const runs = () => call(d.app, 'reconciliation:runs', {});

describe('scheduled reconciliation', () => {
  it('runs at start-up when the last run is over a day old, continuing from where the last one ended', async () => {
    d = await desk({ provider: 'quo' });
    const { campaignId } = await d.sendCampaign(1);
    const [m] = d.outbox(campaignId);
    d.quo!.markDelivered(m.providerMessageId!);
    d.advance(HOUR);

    // First start: no run yet, so one runs now, looking back 48 h.
    const first = await d.app.monitoring.reconciler.atStartup();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      trigger: 'startup',
      provider: 'quo',
      status: 'ok',
      since: new Date(START + HOUR - 48 * HOUR).toISOString(),
      until: new Date(START + HOUR).toISOString(),
    });
    expect(first[0].diff!.statusesFixed).toHaveLength(1);

    // Restarted an hour later: the last run is recent, nothing to do.
    d.advance(HOUR);
    expect(await d.app.monitoring.reconciler.atStartup()).toEqual([]);

    // Closed for three days: catch up from the previous run's end (an hour of overlap), not just the last 48 h.
    d.advance(72 * HOUR);
    const later = await d.app.monitoring.reconciler.atStartup();
    expect(later[0]).toMatchObject({
      trigger: 'startup',
      since: new Date(START + HOUR - HOUR).toISOString(),
      until: d.now().toISOString(),
    });
  });

  it('the daily run covers every provider in use, and a failure is recorded without stopping the others', async () => {
    d = await desk({ provider: 'quo' });
    await d.sendCampaign(1);
    // Twilio is not configured, but a message to it is waiting with an unknown fate.
    d.app.db
      .prepare(
        `INSERT INTO outbox_messages (kind, to_phone, body, provider, state, created_at, updated_at, sending_at) VALUES ('confirmation', '+14155550100', 'x', 'twilio', 'unknown', ?, ?, ?)`,
      )
      .run(d.now().toISOString(), d.now().toISOString(), d.now().toISOString());
    d.advance(HOUR);
    const daily = await d.app.monitoring.reconciler.daily();
    expect(daily.map((r) => [r.provider, r.trigger, r.status])).toEqual([
      ['quo', 'daily', 'ok'],
      ['twilio', 'daily', 'failed'],
    ]);
    expect(daily[1].error).toMatch(/Twilio/i);
  });

  it('marks a run left "running" by an app that stopped as interrupted, and refuses a second run while one is going', async () => {
    d = await desk({ provider: 'quo' });
    d.app.db
      .prepare(
        `INSERT INTO reconciliation_runs (provider, trigger, range_since, range_until, started_at, status) VALUES ('quo', 'daily', ?, ?, ?, 'running')`,
      )
      .run(
        new Date(START - 48 * HOUR).toISOString(),
        new Date(START).toISOString(),
        new Date(START - HOUR).toISOString(),
      );
    const first = d.app.monitoring.reconciler.atStartup();
    const second = d.app.dispatch('reconciliation:run', {});
    expect(await second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await first;
    expect((await runs()).map((r) => [r.trigger, r.status])).toEqual([
      ['startup', 'ok'],
      ['daily', 'interrupted'],
    ]);
  });

  it('startJobs starts the catch-up run at start-up (node-cron then drives the daily, hourly and 10-second jobs)', async () => {
    d = await desk({ provider: 'sandbox' });
    d.app.startJobs(250, { dispatch: false });
    await expect
      .poll(async () => (await runs()).map((r) => [r.provider, r.trigger, r.status]))
      .toEqual([['sandbox', 'startup', 'ok']]);
  });
});
