import { expect, it } from 'vitest';
import fc from 'fast-check';
import { changeConsent, changeDoNotCall, suppressEmail, unsubscribeEmail } from '../../../electron/compliance';
import type { Db } from '../../../electron/db/db';
import { firstRow, insertedId, qb, runQuery } from '../../../electron/db/sync-query';
import { describeBothBackends } from '../../helpers/both-backends';

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

function apply(db: Db, o: Op): void {
  const who = { actor: 'test', at: AT };
  if (o.channel === 'sms') changeConsent(db, { phone: PHONE, optedOut: o.optedOut, source: o.source, ...who });
  else if (o.channel === 'voice') changeDoNotCall(db, PHONE, o.dnc, { source: 'manual', ...who });
  else if (o.kind === 'unsubscribe') unsubscribeEmail(db, EMAIL, { source: 'manual', ...who });
  else suppressEmail(db, EMAIL, o.kind, who);
}

/** Each channel's side of the contact: what one channel's change must never touch on the others. */
function sides(db: Db) {
  const c = firstRow(
    db,
    qb
      .selectFrom('contacts')
      .select([
        'opted_out',
        'opted_out_at',
        'email_opted_out',
        'email_opted_out_at',
        'email_suppressed',
        'email_suppressed_at',
        'voice_consent_at',
        'dnc',
        'dnc_at',
      ])
      .where('phone', '=', PHONE),
  );
  if (!c) throw new Error(`no contact ${PHONE}`);
  const count = (rows: number | undefined) => rows ?? 0;
  const rows = (channel: 'sms' | 'email' | 'voice') =>
    count(
      firstRow(
        db,
        qb
          .selectFrom('optout_audit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', channel),
      )?.n,
    );
  const waiting = (channel: 'sms' | 'email' | 'voice') =>
    count(
      firstRow(
        db,
        qb
          .selectFrom('outbox_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', channel)
          .where('state', '=', 'queued'),
      )?.n,
    );
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

describeBothBackends('consent per channel (settings off)', (get) => {
  it('no change of one channel alters the consent, audit or waiting messages of another', () => {
    const { db } = get();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        runQuery(db, qb.deleteFrom('outbox_messages'));
        runQuery(db, qb.deleteFrom('contacts'));
        const id = insertedId(
          db,
          qb
            .insertInto('contacts')
            .values({
              phone: PHONE,
              email: EMAIL,
              email_consent: 1,
              textable: 1,
              voice_consent_at: AT,
              voice_consent_source: 'signed form',
              created_at: AT,
              updated_at: AT,
            })
            .returning('id'),
        );
        const queue = (provider: string, channel: 'sms' | 'email' | 'voice') =>
          runQuery(
            db,
            qb.insertInto('outbox_messages').values({
              contact_id: id,
              kind: 'reply',
              to_phone: PHONE,
              body: 'hi',
              provider,
              state: 'queued',
              channel,
              created_at: AT,
              updated_at: AT,
              next_attempt_at: AT,
            }),
          );
        queue('sandbox', 'sms');
        queue('sandbox_email', 'email');
        queue('sandbox_voice', 'voice');
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
