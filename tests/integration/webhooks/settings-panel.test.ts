import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { tempDir } from '../../helpers/db';
import { QUO_SIGNING_SECRET, QUO_WEBHOOK_SECRET } from './signers';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
let cleanup: () => void;
beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  let clock = Date.parse('2026-11-28T15:00:00Z');
  app = await createApp({
    dbPath: join(t.dir, 'desk.sqlite'),
    now: () => new Date((clock += 1)),
    log: () => undefined,
  });
});
afterEach(async () => {
  await app.close();
  cleanup();
});

async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('Settings → Webhooks', () => {
  it('shows the relay address, the exact tunnel commands and, once the public URL is set, the URLs to paste', async () => {
    expect(await call('webhooks:setup', {})).toEqual({
      relay: { running: false, url: null, host: '127.0.0.1', port: 8787 },
      localUrl: 'http://localhost:8787',
      commands: { cloudflared: 'cloudflared tunnel --url http://localhost:8787', ngrok: 'ngrok http 8787' },
      publicUrl: '',
      webhookUrls: null,
      secrets: {
        postmarkWebhookPassword: false,
        quoSigningSecret: false,
        quoWebhookSecret: false,
        twilioAuthToken: false,
      },
    });
    const relay = await app.startRelay({ port: 0 });
    app.settings.set('webhooks.publicUrl', 'https://quiet-fog-1234.trycloudflare.com/');
    app.secrets.set('twilio.authToken', 'token');
    const setup = await call('webhooks:setup', {});
    expect(setup).toMatchObject({
      relay: { running: true, url: relay.url, port: relay.port },
      commands: {
        cloudflared: `cloudflared tunnel --url http://localhost:${relay.port}`,
        ngrok: `ngrok http ${relay.port}`,
      },
      webhookUrls: {
        quo: 'https://quiet-fog-1234.trycloudflare.com/webhooks/quo',
        twilio: 'https://quiet-fog-1234.trycloudflare.com/webhooks/twilio',
      },
      secrets: {
        postmarkWebhookPassword: false,
        quoSigningSecret: false,
        quoWebhookSecret: false,
        twilioAuthToken: true,
      },
    });
  });

  it('"Send test event" without a Quo secret says which secret to set', async () => {
    await app.startRelay({ port: 0 });
    const r = await app.dispatch('webhooks:sendTest', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'secret_unavailable', message: expect.stringMatching(/quo\.signingSecret.*quo\.webhookSecret/) },
    });
  });

  it('sends one correctly signed event per Quo secret through verify → store → process, and lists it as arrived', async () => {
    await app.startRelay({ port: 0 });
    app.secrets.set('quo.signingSecret', QUO_SIGNING_SECRET);
    app.secrets.set('quo.webhookSecret', QUO_WEBHOOK_SECRET);
    const results = await call('webhooks:sendTest', {});
    expect(results.map((r) => [r.scheme, r.secret, r.httpStatus, r.state])).toEqual([
      ['legacy', 'quo.signingSecret', 200, 'processed'],
      ['standard', 'quo.webhookSecret', 200, 'processed'],
    ]);
    expect(results[0].message).toMatch(/verified, stored and processed/);
    const recent = await call('webhooks:recent', {});
    expect(recent.map((e) => [e.provider, e.type, e.state, e.isTest, e.summary])).toEqual([
      ['quo', 'status', 'processed', true, 'Test event from Settings → Webhooks'],
      ['quo', 'status', 'processed', true, 'Test event from Settings → Webhooks'],
    ]);
    expect(recent.map((e) => e.eventId)).toEqual([results[1].eventId, results[0].eventId]);
    // The test touched nothing else: no contact, no inbox text, no outbox change.
    expect(
      app.db
        .prepare(
          'SELECT (SELECT COUNT(*) FROM contacts) + (SELECT COUNT(*) FROM inbound_messages) + (SELECT COUNT(*) FROM outbox_messages) AS n',
        )
        .get(),
    ).toEqual({ n: 0 });
  });

  it("reports the relay's refusal in its own words when the stored secret is unusable", async () => {
    await app.startRelay({ port: 0 });
    app.secrets.set('quo.signingSecret', 'not base64 at all!');
    const [result] = await call('webhooks:sendTest', {});
    expect(result).toMatchObject({
      httpStatus: 401,
      state: null,
      message: expect.stringContaining('not valid base64'),
    });
    expect(await call('webhooks:recent', {})).toEqual([]);
  });

  it('says the relay is not running when nothing listens on its port', async () => {
    app.secrets.set('quo.signingSecret', QUO_SIGNING_SECRET);
    app.settings.set('webhooks.port', Number(new URL(await unusedLoopbackUrl()).port));
    const r = await app.dispatch('webhooks:sendTest', {});
    expect(r).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('the webhook relay is not running') },
    });
  });

  it('describes what has arrived in plain words, newest first, at most the number asked for', async () => {
    const at = app.now().toISOString();
    app.ingest({
      kind: 'inbound',
      provider: 'quo',
      eventId: 'EV1',
      providerMessageId: 'AC1',
      from: '+14155550100',
      to: '+15550100000',
      body: 'Thanks so much!',
      at,
    });
    app.ingest({
      kind: 'status',
      provider: 'twilio',
      eventId: 'SM1:failed',
      providerMessageId: 'SM1',
      status: 'failed',
      errorCode: '30006',
      at,
    });
    app.ingest({
      kind: 'provider_opt_out',
      provider: 'twilio',
      eventId: 'SM1:opt_out',
      phone: '+14155550100',
      detail: 'x',
      at,
    });
    app.tick();
    const recent = await call('webhooks:recent', { limit: 3 });
    expect(recent.map((e) => [e.provider, e.type, e.state, e.summary])).toEqual([
      ['twilio', 'provider_opt_out', 'processed', '+14155550100 opted out at the provider'],
      ['twilio', 'status', 'processed', 'Message SM1 failed (error 30006)'],
      ['quo', 'inbound', 'processed', 'Text from +14155550100: Thanks so much!'],
    ]);
    expect(await call('webhooks:recent', { limit: 1 })).toHaveLength(1);
  });
});
