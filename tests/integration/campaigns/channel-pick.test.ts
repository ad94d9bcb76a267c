import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachableOn } from '../../../electron/compliance';
import { canReachSql, pickSql, reachableSql, unreachableSql } from '../../../electron/campaigns/channel-pick';
import { countChannelReach } from '../../../electron/campaigns/channel-reach';
import { ELIGIBLE_SQL } from '../../../electron/contacts';
import type { SqliteDb } from '../../../electron/db/connection';
import { allRows, qb } from '../../../electron/db/sync-query';
import type { Channel } from '../../../shared/types/domain';
import { tempDb } from '../../helpers/db';
import { seedPhone } from '../../helpers/seed';

let db: SqliteDb;
let cleanup: () => void;
beforeAll(async () => ({ db, cleanup } = await tempDb()));
afterAll(() => cleanup());

/** A contact's consent on every channel, as the columns of migration 0020 hold it. */
const consentState = fc.record({
  phone: fc.constantFrom('valid', 'invalid'),
  textable: fc.constantFrom(0, 1),
  optedOut: fc.constantFrom(0, 1),
  email: fc.constantFrom<string | null>(null, '', 'ana@example.com', 'no-at-sign'),
  emailConsent: fc.constantFrom<number | null>(null, 0, 1),
  emailOptedOut: fc.constantFrom(0, 1),
  emailSuppressed: fc.constantFrom(null, 'hard_bounce', 'complaint'),
  voiceConsentAt: fc.constantFrom(null, '2026-01-05T10:00:00.000Z'),
  dnc: fc.constantFrom(0, 1),
});
type ConsentState = typeof consentState extends fc.Arbitrary<infer T> ? T : never;

function writeContacts(states: ConsentState[]): number[] {
  db.prepare('DELETE FROM contacts').run();
  const insert = db.prepare(
    `INSERT INTO contacts (phone, first_name, textable, opted_out, email, email_consent, email_opted_out, email_suppressed, voice_consent_at, dnc, created_at, updated_at)
     VALUES (?, 'Ana', ?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`,
  );
  return states.map((s, i) =>
    Number(
      insert.run(
        s.phone === 'valid' ? seedPhone(i) : `0${i}`,
        s.textable,
        s.optedOut,
        s.email,
        s.emailConsent,
        s.emailOptedOut,
        s.emailSuppressed,
        s.voiceConsentAt,
        s.dnc,
      ).lastInsertRowid,
    ),
  );
}

const ids = (sql: string) =>
  (db.prepare(`SELECT c.id FROM contacts c WHERE ${sql} ORDER BY c.id`).all() as { id: number }[]).map((r) => r.id);
const CHANNELS: Channel[] = ['sms', 'email', 'voice'];
const channelOrder = fc.shuffledSubarray(CHANNELS, { minLength: 1, maxLength: 3 });

describe('the snapshot reads who a channel reaches exactly as reachableOn defines it', () => {
  it('agrees with reachableOn on every channel over random consent states', () => {
    fc.assert(
      fc.property(fc.array(consentState, { minLength: 1, maxLength: 40 }), (states) => {
        writeContacts(states);
        for (const ch of CHANNELS) {
          const typed = allRows(
            db,
            qb
              .selectFrom('contacts')
              .select('id')
              .where((eb) => reachableOn(eb, ch))
              .orderBy('id'),
          ).map((r) => r.id);
          expect(ids(reachableSql(ch))).toEqual(typed);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('texts reach exactly whom a text campaign has always reached (ELIGIBLE_SQL)', () => {
    fc.assert(
      fc.property(fc.array(consentState, { minLength: 1, maxLength: 40 }), (states) => {
        writeContacts(states);
        expect(ids(`${canReachSql('sms')} = 1`)).toEqual(ids(ELIGIBLE_SQL));
      }),
      { numRuns: 40 },
    );
  });
});

describe('each contact gets the first channel in the owner’s order they can be reached on', () => {
  it('at most one message per contact unless every channel, only on reachable channels, and the unreachable counted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(consentState, { minLength: 1, maxLength: 40 }),
        channelOrder,
        fc.boolean(),
        async (states, channels, everyChannel) => {
          const contactIds = writeContacts(states);
          const picked = new Map<number, Channel[]>();
          for (const ch of channels)
            for (const id of ids(pickSql(channels, ch, everyChannel))) picked.set(id, [...(picked.get(id) ?? []), ch]);
          const reachable = new Map(CHANNELS.map((ch) => [ch, new Set(ids(`${canReachSql(ch)} = 1`))]));
          for (const id of contactIds) {
            const got = picked.get(id) ?? [];
            const canOn = channels.filter((ch) => reachable.get(ch)!.has(id));
            // Only on channels the contact can be reached on.
            for (const ch of got) expect(canOn).toContain(ch);
            if (everyChannel) expect(got).toEqual(canOn);
            else expect(got).toEqual(canOn.slice(0, 1));
          }
          const unreachable = ids(unreachableSql(channels));
          expect(unreachable).toEqual(contactIds.filter((id) => !picked.has(id)));
          const reach = await countChannelReach(db, { tagMode: 'any' }, channels, everyChannel, new Date());
          expect(reach.matched).toBe(contactIds.length);
          expect(reach.unreachable).toBe(unreachable.length);
          expect(reach.messages).toBe([...picked.values()].reduce((a, l) => a + l.length, 0));
          reach.channels.forEach((r, i) => {
            expect(r.channel).toBe(channels[i]);
            expect(r.reachable).toBe(reachable.get(r.channel)!.size);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a text, else an e-mail: the textable get a text, the rest with e-mail consent an e-mail, nobody both', () => {
    const [textable, emailOnly, both, neither] = writeContacts([
      { ...base, textable: 1 },
      { ...base, textable: 0, email: 'b@example.com', emailConsent: 1 },
      { ...base, textable: 1, email: 'c@example.com', emailConsent: 1 },
      { ...base, textable: 0, email: 'd@example.com', emailConsent: null },
    ]);
    expect(ids(pickSql(['sms', 'email'], 'sms', false))).toEqual([textable, both]);
    expect(ids(pickSql(['sms', 'email'], 'email', false))).toEqual([emailOnly]);
    expect(ids(pickSql(['email', 'sms'], 'email', false))).toEqual([emailOnly, both]);
    expect(ids(pickSql(['email', 'sms'], 'sms', false))).toEqual([textable]);
    // Asked for every channel, the contact with both gets both.
    expect(ids(pickSql(['sms', 'email'], 'email', true))).toEqual([emailOnly, both]);
    expect(ids(unreachableSql(['sms', 'email']))).toEqual([neither]);
  });
});

const base: ConsentState = {
  phone: 'valid',
  textable: 0,
  optedOut: 0,
  email: null,
  emailConsent: null,
  emailOptedOut: 0,
  emailSuppressed: null,
  voiceConsentAt: null,
  dnc: 0,
};
