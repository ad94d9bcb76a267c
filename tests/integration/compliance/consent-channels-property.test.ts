import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changeConsent, changeDoNotCall, suppressEmail, unsubscribeEmail } from '../../../electron/compliance';
import type { SqliteDb } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/db';

const PHONE = '+14155550100';
const EMAIL = 'ana@example.com';
const AT = '2026-12-02T19:00:00.000Z';

type Op =
  | { channel: 'sms'; optedOut: boolean; source: 'keyword' | 'manual' | 'provider' }
  | { channel: 'email'; kind: 'unsubscribe' | 'hard_bounce' | 'complaint' }
  | { channel: 'voice'; dnc: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    channel: fc.constant('sms' as const),
    optedOut: fc.boolean(),
    source: fc.constantFrom('keyword' as const, 'manual' as const, 'provider' as const),
  }),
  fc.record({
    channel: fc.constant('email' as const),
    kind: fc.constantFrom('unsubscribe' as const, 'hard_bounce' as const, 'complaint' as const),
  }),
  fc.record({ channel: fc.constant('voice' as const), dnc: fc.boolean() }),
);

function apply(db: SqliteDb, o: Op): void {
  const who = { actor: 'test', at: AT };
  if (o.channel === 'sms') changeConsent(db, { phone: PHONE, optedOut: o.optedOut, source: o.source, ...who });
  else if (o.channel === 'voice') changeDoNotCall(db, PHONE, o.dnc, { source: 'manual', ...who });
  else if (o.kind === 'unsubscribe') unsubscribeEmail(db, EMAIL, { source: 'manual', ...who });
  else suppressEmail(db, EMAIL, o.kind, who);
}

/** Each channel's side of the contact: what one channel's change must never touch on the others. */
function sides(db: SqliteDb) {
  const c = db
    .prepare(
      `SELECT opted_out, opted_out_at, email_opted_out, email_opted_out_at, email_suppressed, email_suppressed_at,
              voice_consent_at, dnc, dnc_at FROM contacts WHERE phone = ?`,
    )
    .get(PHONE) as Record<string, unknown>;
  const rows = (channel: string) =>
    db.prepare('SELECT COUNT(*) AS n FROM optout_audit WHERE channel = ?').pluck().get(channel) as number;
  const waiting = (channel: string) =>
    db
      .prepare(`SELECT COUNT(*) FROM outbox_messages WHERE channel = ? AND state = 'queued'`)
      .pluck()
      .get(channel) as number;
  return {
    sms: { opted_out: c.opted_out, at: c.opted_out_at, audit: rows('sms'), waiting: waiting('sms') },
    email: {
      opted_out: c.email_opted_out,
      at: c.email_opted_out_at,
      suppressed: c.email_suppressed,
      suppressedAt: c.email_suppressed_at,
      audit: rows('email'),
      waiting: waiting('email'),
    },
    voice: { consent: c.voice_consent_at, dnc: c.dnc, at: c.dnc_at, audit: rows('voice'), waiting: waiting('voice') },
  };
}

let t: Awaited<ReturnType<typeof tempDb>>;
beforeAll(async () => {
  t = await tempDb();
});
afterAll(() => t.cleanup());

describe('consent per channel (settings off)', () => {
  it('no change of one channel alters the consent, audit or waiting messages of another', () => {
    const { db } = t;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        db.exec('DELETE FROM outbox_messages; DELETE FROM contacts');
        const id = Number(
          db
            .prepare(
              `INSERT INTO contacts (phone, email, email_consent, textable, voice_consent_at, voice_consent_source, created_at, updated_at)
               VALUES (?, ?, 1, 1, ?, 'signed form', ?, ?)`,
            )
            .run(PHONE, EMAIL, AT, AT, AT).lastInsertRowid,
        );
        const queue = db.prepare(
          `INSERT INTO outbox_messages (contact_id, kind, to_phone, body, provider, state, channel, created_at, updated_at, next_attempt_at)
           VALUES (?, 'reply', ?, 'hi', ?, 'queued', ?, ?, ?, ?)`,
        );
        queue.run(id, PHONE, 'sandbox', 'sms', AT, AT, AT);
        queue.run(id, PHONE, 'sandbox_email', 'email', AT, AT, AT);
        queue.run(id, PHONE, 'sandbox_voice', 'voice', AT, AT, AT);
        for (const o of ops) {
          const before = sides(db);
          apply(db, o);
          const after = sides(db);
          for (const other of ['sms', 'email', 'voice'] as const)
            if (other !== o.channel) expect(after[other]).toEqual(before[other]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
