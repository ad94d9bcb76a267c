import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type AppConfig, type DeskApp } from '../../../electron/app';
import type { AbReport } from '../../../shared/ipc/channels/abtests';
import { tempDir } from '../../helpers/db';
import { emailReady } from '../../helpers/email-outbox';
import { sandboxBehaviour } from '../../helpers/app';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

/** 14:00 in New York on a Wednesday: inside every US zone's sending window. */
export const T0 = Date.parse('2026-12-02T19:00:00Z');
export const HOUR = 3_600_000;

export interface AbHarness {
  app: DeskApp;
  dir: string;
  /** The app's clock; it only moves when the test moves it. */
  at(ms: number): void;
  advance(ms: number): void;
  now(): number;
  ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  report(id: number): Promise<AbReport>;
  close(): Promise<void>;
}

/** A real app on a temp database with a clock the test controls and a quiet, instant Sandbox. */
export async function abHarness(config: Omit<AppConfig, 'dbPath' | 'now'> = {}): Promise<AbHarness> {
  const t = tempDir('smsdesk-ab-');
  let clock = T0;
  const app = await createApp({
    log: () => undefined,
    dispatch: { pollMs: 20 },
    ...config,
    dbPath: join(t.dir, 'desk.sqlite'),
    now: () => new Date(clock),
  });
  sandboxBehaviour(app);
  app.settings.set('sandbox.ratePerSecond', 1000);
  app.settings.set('business.name', 'Bloom Salon');
  const ok = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const r = await app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return {
    app,
    dir: t.dir,
    at: (ms) => (clock = ms),
    advance: (ms) => (clock += ms),
    now: () => clock,
    ok,
    report: (id) => ok('abtests:report', { id }),
    async close() {
      await app.close();
      t.cleanup();
    },
  };
}

export interface Delivery {
  id: number;
  contactId: number;
  variant: string | null;
  state: string;
  phone: string;
}

/** The campaign's outbox rows, in contact order. */
export function outbox(app: DeskApp, campaignId: number): Delivery[] {
  return app.db
    .prepare(
      `SELECT id, contact_id AS contactId, variant, state, to_phone AS phone FROM outbox_messages WHERE campaign_id = ? AND kind = 'campaign' ORDER BY contact_id`,
    )
    .all(campaignId) as Delivery[];
}

/**
 * Plays the provider's part for test messages: marks them sent at `sentAt` and delivered (or failed), as the
 * dispatcher and the provider's receipts would. Used where a scenario needs exact outcomes for exact recipients.
 */
export function markDelivered(
  app: DeskApp,
  ids: readonly number[],
  sentAt: number,
  state: 'delivered' | 'failed' | 'sent' = 'delivered',
): void {
  const iso = new Date(sentAt).toISOString();
  const stmt = app.db.prepare(
    `UPDATE outbox_messages SET state = ?, sent_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE NULL END, provider_message_id = 'SB' || id, updated_at = ? WHERE id = ?`,
  );
  app.db.transaction(() => ids.forEach((id) => stmt.run(state, iso, state, iso, iso, id)))();
}

/** A reply from a contact, through the same event path as a provider webhook. */
export function reply(app: DeskApp, phone: string, body: string, at: number, id: string): void {
  app.ingest({
    kind: 'inbound',
    provider: 'sandbox',
    eventId: `${id}:received`,
    providerMessageId: id,
    from: phone,
    to: '+15550100000',
    body,
    at: new Date(at).toISOString(),
  });
  app.tick();
}

/**
 * A fresh A/B harness before each test of the file, ready to send marketing e-mail through the relay's public URL,
 * closed after it; `use` receives each one (like useTempApp).
 */
export function useEmailAbHarness(publicUrl: string, use: (h: AbHarness) => void): void {
  let h: AbHarness;
  beforeEach(async () => {
    h = await abHarness();
    emailReady(h.app, publicUrl);
    use(h);
  });
  afterEach(async () => {
    await h.close();
  });
}

/** The text of a campaign whose e-mail A/B test leaves its texts one message (business name and opt-out line). */
export const EMAIL_AB_TEXT = 'Hi {{first_name|there}}, colour week at {{business_name}}. Reply STOP to opt out';
const EMAIL_AB_BODY = 'Hi {{first_name|there}},\n\nColour week: 20% off.\n\n[Book now](https://bloom.example/book)';
/** Two e-mail variants that differ in their subject line only, compared on link clicks. */
export const EMAIL_AB = {
  channel: 'email' as const,
  variants: [
    { name: 'A', subject: 'Colour week at Bloom', body: EMAIL_AB_BODY },
    { name: 'B', subject: '{{first_name|Friend}}, 20% off colour ends Friday', body: EMAIL_AB_BODY },
  ],
  split: [50, 50],
  metric: 'clicked' as const,
};
