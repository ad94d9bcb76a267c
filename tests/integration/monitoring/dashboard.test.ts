import { afterEach, describe, expect, it } from 'vitest';
import { call, desk, MINUTE, type Desk } from './desk';

let d: Desk;
afterEach(async () => {
  await d.close();
});

describe('monitoring dashboard', () => {
  it('shows queue depths, send rate, failures by reason, webhook lag, breakers, the last reconciliation and health history', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const empty = await call(d.app, 'monitoring:dashboard', {});
    expect(empty).toMatchObject({
      queue: {},
      events: { pending: 0, processed: 0, failed: 0, dead: 0 },
      sendRate: { lastMinute: 0, last15Minutes: 0, lastHour: 0 },
      failures: [],
      webhooks: { lastEventAt: null, sinceLastEventMs: null, lagMedianMs: null, samples: 0 },
      breakers: [
        { provider: 'sandbox', state: 'closed', setUp: true, missing: [] },
        { provider: 'quo', state: 'closed', setUp: true, missing: [] },
        {
          provider: 'twilio',
          state: 'closed',
          setUp: false,
          missing: ['the Twilio Account SID', 'the Twilio Auth Token', 'the Twilio sending number'],
        },
      ],
      provider: 'quo',
      lastReconciliation: null,
      health: null,
      healthHistory: [],
    });
    expect(empty.sendRate.perMinute).toHaveLength(60);

    // One text refused permanently (A2P not approved), four sent.
    d.quo!.setA2pApproved(false);
    await d.sendCampaign(1, 'Hello from Bloom Florist. Reply STOP to opt out', 100);
    d.quo!.setA2pApproved(true);
    d.advance(20 * MINUTE);
    const { campaignId } = await d.sendCampaign(4);
    const sent = d.outbox(campaignId);
    // Two receipts arrive by webhook, 3 s and 9 s after Quo's own event time.
    d.advance(3000);
    d.app.ingest({
      kind: 'status',
      provider: 'quo',
      eventId: 'EV1',
      providerMessageId: sent[0].providerMessageId!,
      status: 'delivered',
      at: new Date(d.now().getTime() - 3000).toISOString(),
    });
    d.app.ingest({
      kind: 'status',
      provider: 'quo',
      eventId: 'EV2',
      providerMessageId: sent[1].providerMessageId!,
      status: 'undelivered',
      errorCode: '30003',
      at: new Date(d.now().getTime() - 9000).toISOString(),
    });
    d.app.tick();
    await call(d.app, 'reconciliation:run', { since: new Date(start.getTime() - 60 * MINUTE).toISOString() });
    await call(d.app, 'health:check', {});
    d.advance(2 * MINUTE);

    const dash = await call(d.app, 'monitoring:dashboard', {});
    expect(dash.queue).toEqual({ sent: 2, delivered: 1, undelivered: 1, failed: 1 });
    expect(dash.sendRate).toMatchObject({ lastMinute: 0, last15Minutes: 4, lastHour: 4 });
    expect(dash.sendRate.perMinute.reduce((a, b) => a + b, 0)).toBe(4);
    expect(dash.failures).toEqual([
      { code: '0206400', count: 1, example: expect.stringContaining('A2P') },
      { code: '30003', count: 1, example: null },
    ]);
    expect(dash.events).toEqual({ pending: 0, processed: 2, failed: 0, dead: 0 });
    expect(dash.webhooks).toEqual({
      lastEventAt: new Date(d.now().getTime() - 2 * MINUTE).toISOString(),
      sinceLastEventMs: 2 * MINUTE,
      lagMedianMs: 9000,
      lagP95Ms: 9000,
      samples: 2,
    });
    expect(dash.lastReconciliation).toMatchObject({ provider: 'quo', trigger: 'manual', status: 'ok' });
    expect(dash.health).toMatchObject({ status: 'red' });
    expect(dash.healthHistory).toEqual([
      { at: expect.any(String), status: 'red', reason: dash.health!.reason, checksRan: dash.health!.checksRan },
    ]);
    expect(dash.health!.checksRan).toBeGreaterThan(0);
  });

  it('says which providers are not set up, and that a check with nothing to check ran no checks', async () => {
    d = await desk({ provider: 'sandbox' });
    await call(d.app, 'health:check', {});
    const dash = await call(d.app, 'monitoring:dashboard', {});
    expect(dash.breakers.map((b) => [b.provider, b.setUp, b.missing])).toEqual([
      ['sandbox', true, []],
      ['quo', false, ['the Quo API key', 'the Quo sending number']],
      ['twilio', false, ['the Twilio Account SID', 'the Twilio Auth Token', 'the Twilio sending number']],
    ]);
    // The Sandbox needs no webhooks: every check is skipped, so nothing was checked (the page says so, not "Healthy").
    expect(dash.health).toMatchObject({ status: 'green', checksRan: 0 });
    expect(dash.healthHistory).toEqual([expect.objectContaining({ checksRan: 0 })]);
    d.app.settings.set('quo.from', '+15550100000');
    d.app.secrets.set('quo.apiKey', 'key');
    const later = await call(d.app, 'monitoring:dashboard', {});
    expect(later.breakers.find((b) => b.provider === 'quo')).toMatchObject({ setUp: true, missing: [] });
  });

  it("shows a provider's breaker open while it is down", async () => {
    d = await desk({
      provider: 'quo',
      config: {
        dispatch: {
          rates: { quo: 500 },
          pollMs: 10,
          backoff: { baseMs: 10, capMs: 20 },
          breakerThreshold: 2,
          breakerHalfOpenMs: 60_000,
        },
      },
    });
    d.quo!.faults.next({ kind: 'server_error', status: 503 }, 10, 'send');
    await d.sendCampaign(3);
    const dash = await call(d.app, 'monitoring:dashboard', {});
    expect(dash.breakers.find((b) => b.provider === 'quo')).toEqual({
      provider: 'quo',
      state: 'open',
      setUp: true,
      missing: [],
    });
    expect(dash.queue.retry_wait).toBeGreaterThan(0);
  });
});
