import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../../shared/ipc/channels/monitoring';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { startFakeTunnel, type FakeTunnel } from '../../fakes/tunnel';
import { call, desk, MINUTE, type Desk } from './desk';

let d: Desk;
let tunnel: FakeTunnel | null = null;
afterEach(async () => {
  await tunnel?.close();
  tunnel = null;
  await d.close();
});

const check = () => call(d.app, 'health:check', {});
const byId = (r: HealthReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

function notifications(): Array<{ title: string; body: string; level: string }> {
  const seen: Array<{ title: string; body: string; level: string }> = [];
  d.app.events.subscribe((name, payload) => {
    if (name === 'app:notify') seen.push(payload as { title: string; body: string; level: string });
  });
  return seen;
}

/** Relay on a random port, a fake tunnel in front of it as the public URL, and Quo's webhook pointing there. */
async function wiredUp(): Promise<void> {
  const relay = await d.app.startRelay({ host: '127.0.0.1', port: 0 });
  tunnel = await startFakeTunnel(relay.url);
  d.app.settings.set('webhooks.publicUrl', tunnel.url);
  d.quo?.registerWebhook({ url: `${tunnel.url}/webhooks/quo` });
}

describe('health checks', () => {
  it('is red, with the reason, when the relay is not listening; the desktop notification comes once', async () => {
    d = await desk({ provider: 'quo', config: { monitoring: { healthTimeoutMs: 1000 } } });
    const seen = notifications();
    d.app.settings.set('webhooks.port', Number(new URL(await unusedLoopbackUrl()).port));
    const first = await check();
    expect(first.status).toBe('red');
    expect(first.reason).toMatch(
      /^Relay: The webhook relay is not listening on http:\/\/127\.0\.0\.1:\d+ .*replies, STOPs and delivery receipts from Quo cannot arrive/,
    );
    expect(byId(first)).toMatchObject({ relay: 'red', tunnel: 'red', registration: 'skipped' });
    const second = await check();
    expect(second.status).toBe('red');
    expect(seen).toEqual([{ title: 'Replies and receipts may not be arriving', body: first.reason, level: 'error' }]);
    const history = await call(d.app, 'health:history', {});
    expect(history.map((h) => h.id)).toEqual([second.id, first.id]);
  });

  it('is green when a request through the tunnel comes back to our relay and Quo points its webhook at it', async () => {
    d = await desk({ provider: 'quo' });
    await wiredUp();
    const report = await check();
    expect(report.checks).toEqual([
      { id: 'relay', label: 'Relay', status: 'green', detail: expect.stringContaining('Listening on') },
      { id: 'tunnel', label: 'Tunnel', status: 'green', detail: expect.stringContaining('reaches the relay') },
      {
        id: 'webhook_lag',
        label: 'Webhook lag',
        status: 'green',
        detail: expect.stringContaining('Nothing is waiting'),
      },
      {
        id: 'registration',
        label: 'Webhook registration',
        status: 'green',
        detail: expect.stringContaining('message.received and message.delivered'),
      },
    ]);
    expect(report.status).toBe('green');
    expect(tunnel!.forwarded).toBe(1);
  });

  it('is red when the tunnel answers without our probe (another program behind it) or cannot reach the relay', async () => {
    d = await desk({ provider: 'quo' });
    await wiredUp();
    tunnel!.impostor({ ok: true, probe: 'someone-else' });
    const wrong = await check();
    expect(wrong.status).toBe('red');
    expect(wrong.reason).toMatch(/^Tunnel: .* answers, but not from this app's relay/);
    tunnel!.impostor(undefined);
    tunnel!.setTarget(null);
    const down = await check();
    expect(down.reason).toMatch(/^Tunnel: .* answered HTTP 502/);
  });

  it("is red when Quo's webhook points somewhere else, or lacks message.received", async () => {
    d = await desk({ provider: 'quo' });
    const relay = await d.app.startRelay({ host: '127.0.0.1', port: 0 });
    d.app.settings.set('webhooks.publicUrl', relay.url);
    d.quo!.registerWebhook({ url: 'https://old-name.trycloudflare.com/webhooks/quo' });
    const elsewhere = await check();
    expect(elsewhere.reason).toBe(
      `Webhook registration: Quo sends its webhooks to https://old-name.trycloudflare.com/webhooks/quo, not to this app (${relay.url}/webhooks/quo). Change the webhook URL in Quo → Settings → Webhooks.`,
    );
    d.quo!.registerWebhook({
      url: `${relay.url}/webhooks/quo`,
      events: ['message.delivered'],
      apiVersion: '2026-03-30',
    });
    const partial = await check();
    expect(partial.status).toBe('red');
    expect(partial.reason).toMatch(/does not include message\.received/);
  });

  it('turns yellow, then red, when texts go out and no webhook comes back; a webhook makes it green again', async () => {
    d = await desk({ provider: 'quo' });
    await wiredUp();
    const { campaignId } = await d.sendCampaign(2);
    d.advance(10 * MINUTE);
    expect((await check()).status).toBe('green');
    d.advance(35 * MINUTE);
    const late = await check();
    expect(late.status).toBe('yellow');
    expect(late.reason).toMatch(
      /^Webhook lag: Webhooks from Quo are late: 2 texts sent since then, the first 45 min ago/,
    );
    d.advance(2 * 60 * MINUTE);
    const silent = await check();
    expect(silent.status).toBe('red');
    expect(silent.reason).toMatch(/No webhooks from Quo/);
    // Reconciliation's own corrections are not webhooks: still red.
    const [first] = d.outbox(campaignId);
    d.app.ingest({
      kind: 'status',
      provider: 'quo',
      eventId: `recon:${first.providerMessageId}:delivered`,
      providerMessageId: first.providerMessageId!,
      status: 'delivered',
      at: d.now().toISOString(),
    });
    expect((await check()).status).toBe('red');
    d.app.ingest({
      kind: 'status',
      provider: 'quo',
      eventId: 'EVreal',
      providerMessageId: first.providerMessageId!,
      status: 'delivered',
      at: d.now().toISOString(),
    });
    expect((await check()).status).toBe('green');
  });

  it("checks the Twilio number's incoming-message URL, and says plainly when it cannot", async () => {
    d = await desk({ provider: 'twilio' });
    const relay = await d.app.startRelay({ host: '127.0.0.1', port: 0 });
    d.app.settings.set('webhooks.publicUrl', relay.url);
    d.twilio!.setIncomingNumber({ phoneNumber: '+15550100001', smsUrl: `${relay.url}/webhooks/twilio` });
    expect(byId(await check())).toEqual({
      relay: 'green',
      tunnel: 'green',
      webhook_lag: 'green',
      registration: 'green',
    });
    d.twilio!.setIncomingNumber({ phoneNumber: '+15550100001', smsUrl: 'https://demo.twilio.com/welcome/sms/reply' });
    expect((await check()).reason).toMatch(
      /^Webhook registration: Twilio sends texts to \+15550100001 to https:\/\/demo\.twilio\.com/,
    );
    d.app.settings.set('twilio.from', 'MG0123456789abcdef0123456789abcdef');
    const service = await check();
    expect(service.checks.find((c) => c.id === 'registration')).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining('Messaging Service'),
    });
    expect(service.status).toBe('green');
  });

  it('the Sandbox needs no webhooks: green, with the checks that do not apply skipped', async () => {
    d = await desk({ provider: 'sandbox' });
    d.app.settings.set('webhooks.port', Number(new URL(await unusedLoopbackUrl()).port));
    const report = await check();
    expect(report.status).toBe('green');
    expect(byId(report)).toEqual({
      relay: 'skipped',
      tunnel: 'skipped',
      webhook_lag: 'skipped',
      registration: 'skipped',
    });
  });
});
