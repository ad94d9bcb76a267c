import { join } from 'node:path';
import { createApp, type DeskApp, type AppConfig } from '../../../electron/app';
import { launchCampaign } from '../../../electron/campaigns/lifecycle';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { startFakeTwilio, type FakeTwilio } from '../../fakes/twilio';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

/** A weekday afternoon in every US zone, so quiet hours never hold a send back. */
export const START = Date.parse('2026-12-02T19:00:00Z');
export const MINUTE = 60_000;

export interface DeskOptions {
  provider: 'quo' | 'twilio' | 'sandbox';
  config?: Partial<AppConfig>;
}

/**
 * A real app on a temp database, talking to a fake Quo or Twilio on loopback, with one clock the test moves for
 * both (so the provider's createdAt and our sent_at agree, as they roughly do in life).
 */
export async function desk(options: DeskOptions) {
  const dir = tempDir('smsdesk-monitoring-');
  let t = START;
  const now = () => new Date(t);
  const quo: FakeQuo | null =
    options.provider === 'quo' ? await startFakeQuo({ now, rateLimitPerSecond: 'unlimited' }) : null;
  const twilio: FakeTwilio | null = options.provider === 'twilio' ? await startFakeTwilio({ now }) : null;
  const app: DeskApp = await createApp({
    dbPath: join(dir.dir, 'desk.sqlite'),
    now,
    random: seeded(7),
    log: () => undefined,
    providerTimeoutMs: 400,
    dispatch: { rates: { quo: 500, twilio: 500 }, pollMs: 10, backoff: { baseMs: 10, capMs: 50 } },
    ...options.config,
  });
  app.settings.set('business.name', 'Bloom Florist');
  app.settings.set('provider', options.provider);
  if (quo) {
    app.settings.set('quo.baseUrl', quo.url);
    app.settings.set('quo.from', '+15550100000');
    app.secrets.set('quo.apiKey', 'test-quo-key');
  }
  if (twilio) {
    app.settings.set('twilio.baseUrl', twilio.url);
    app.settings.set('twilio.accountSid', twilio.accountSid);
    app.settings.set('twilio.from', '+15550100001');
    app.secrets.set('twilio.authToken', twilio.authToken);
  }

  /** Contacts and a campaign to them, launched and sent through the real dispatcher to the fake provider. */
  async function sendCampaign(
    count: number,
    body = 'Bloom Florist: tulips are in! Reply STOP to opt out',
    start = 0,
  ): Promise<{ campaignId: number; phones: string[] }> {
    const ids = seedContacts(app.db, count, { start, nowIso: now().toISOString(), tag: `batch${start}` });
    const c = app.db
      .prepare(
        `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        `campaign ${start}`,
        body,
        JSON.stringify({ tags: [`batch${start}`] }),
        options.provider,
        now().toISOString(),
        now().toISOString(),
      );
    const campaignId = Number(c.lastInsertRowid);
    await launchCampaign(app, campaignId);
    await app.dispatcher.runUntilIdle(300);
    const phones = ids.map(
      (id) => (app.db.prepare('SELECT phone FROM contacts WHERE id = ?').get(id) as { phone: string }).phone,
    );
    return { campaignId, phones };
  }

  return {
    app,
    quo,
    twilio,
    now,
    advance: (ms: number) => (t += ms),
    sendCampaign,
    outbox: (campaignId?: number) =>
      app.db
        .prepare(
          `SELECT id, to_phone AS phone, state, provider_message_id AS providerMessageId, error_code AS errorCode FROM outbox_messages ${campaignId ? 'WHERE campaign_id = ?' : ''} ORDER BY id`,
        )
        .all(...(campaignId ? [campaignId] : [])) as Array<{
        id: number;
        phone: string;
        state: string;
        providerMessageId: string | null;
        errorCode: string | null;
      }>,
    /** Everything reconciliation may touch, to prove a second run changes nothing. */
    snapshot: () => ({
      outbox: app.db
        .prepare(
          'SELECT id, state, provider_message_id, sent_at, delivered_at, error_code, next_attempt_at FROM outbox_messages ORDER BY id',
        )
        .all(),
      inbound: app.db
        .prepare('SELECT id, provider_message_id, from_phone, body, keyword FROM inbound_messages ORDER BY id')
        .all(),
      contacts: app.db.prepare('SELECT id, phone, opted_out FROM contacts ORDER BY id').all(),
      audit: app.db.prepare('SELECT id, phone, new_state, source FROM optout_audit ORDER BY id').all(),
      campaigns: app.db.prepare('SELECT id, status FROM campaigns ORDER BY id').all(),
    }),
    async close() {
      await app.close();
      await quo?.close();
      await twilio?.close();
      dir.cleanup();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof desk>>;

/** mulberry32, so probe tokens and the like are repeatable. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calls a channel through the validated dispatch, as the UI does. */
export async function call<C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
