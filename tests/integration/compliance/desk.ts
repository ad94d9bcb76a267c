import { join } from 'node:path';
import { createApp, type AppConfig, type DeskApp } from '../../../electron/app';
import type { ProviderEvent } from '../../../electron/webhooks/events';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { tempDir } from '../../helpers/db';

export const OUR_NUMBER = '+15550100000';
export const ANA = '+14155550100';

/**
 * A real app on a temp database sending through a fake Quo on 127.0.0.1, with a clock the test moves. Starts on a
 * weekday at 14:00 in New York, inside every US sending window, unless told otherwise.
 */
export async function deskWithQuo(
  options: { start?: string; dispatch?: AppConfig['dispatch']; log?: AppConfig['log'] } = {},
) {
  const dir = tempDir('smsdesk-compliance-');
  let t = Date.parse(options.start ?? '2026-12-02T19:00:00Z');
  const now = () => new Date(t);
  const quo: FakeQuo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  const app: DeskApp = await createApp({
    dbPath: join(dir.dir, 'desk.sqlite'),
    now,
    log: options.log ?? (() => undefined),
    dispatch: { pollMs: 5, backoff: { baseMs: 5, capMs: 20 }, ...options.dispatch },
  });
  app.settings.set('provider', 'quo');
  app.settings.set('quo.baseUrl', quo.url);
  app.settings.set('quo.from', OUR_NUMBER);
  app.secrets.set('quo.apiKey', 'test-quo-key');
  app.settings.set('business.name', 'Bloom Florist');
  app.settings.set('business.contact', '(415) 555-0199');
  const iso = now().toISOString();
  const anaId = Number(
    app.db
      .prepare(
        `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, 'Ana', 'Reyes', ?, ?)`,
      )
      .run(ANA, iso, iso).lastInsertRowid,
  );
  let seq = 0;

  return {
    app,
    quo,
    anaId,
    now,
    advance: (ms: number) => (t += ms),
    /** A text from the contact as the provider reports it, stored and processed like any provider event. */
    inbound(
      body: string,
      o: {
        from?: string;
        messageId?: string;
        eventId?: string;
        at?: string;
        provider?: Extract<ProviderEvent, { kind: 'inbound' }>['provider'];
      } = {},
    ) {
      seq++;
      const messageId = o.messageId ?? `AC${seq}`;
      app.ingest({
        kind: 'inbound',
        provider: o.provider ?? 'quo',
        eventId: o.eventId ?? `EV${seq}`,
        providerMessageId: messageId,
        from: o.from ?? ANA,
        to: OUR_NUMBER,
        body,
        at: o.at ?? now().toISOString(),
      });
      app.tick();
      return messageId;
    },
    /** What the fake Quo really received for a phone, in order. */
    sentTo: (phone: string) => quo.sent.filter((m) => m.to.includes(phone)),
    outbox: (kind?: string) =>
      app.db
        .prepare(
          `SELECT id, kind, to_phone AS toPhone, from_number AS fromNumber, body, provider, state, error_code AS errorCode FROM outbox_messages ${kind ? 'WHERE kind = ?' : ''} ORDER BY id`,
        )
        .all(...(kind ? [kind] : [])) as Array<{
        id: number;
        kind: string;
        toPhone: string;
        fromNumber: string | null;
        body: string;
        provider: string;
        state: string;
        errorCode: string | null;
      }>,
    audit: () =>
      app.db
        .prepare(
          'SELECT phone, old_state AS oldState, new_state AS newState, source, message_text AS message, actor FROM optout_audit ORDER BY id',
        )
        .all() as Array<{
        phone: string;
        oldState: string;
        newState: string;
        source: string;
        message: string | null;
        actor: string;
      }>,
    optedOut: (phone = ANA) =>
      (app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(phone) as { opted_out: number })
        .opted_out === 1,
    async close() {
      await app.close();
      await quo.close();
      dir.cleanup();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof deskWithQuo>>;
