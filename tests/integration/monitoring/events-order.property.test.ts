import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDb } from '../../../electron/db/connection';
import type { ProviderEvent } from '../../../electron/webhooks/events';
import { processPending } from '../../../electron/webhooks/process';
import { storeEvent } from '../../../electron/webhooks/store';
import { tempDb } from '../../helpers/db';

/**
 * Property: the provider's events (delivery receipts for several messages, replies including STOP and START)
 * delivered in any order, each up to 3 more times (same event id, or another id for the same thing, as when a
 * webhook and reconciliation both report it), end in the same state as one orderly delivery.
 */

const NOW = new Date('2026-12-02T19:00:00Z');
const at = (secondsBefore: number) => new Date(NOW.getTime() - secondsBefore * 1000).toISOString();
const MESSAGES = 5;
const CONTACTS = 8;
const phone = (i: number) => `+1415555${String(100 + i).padStart(4, '0')}`;

let template: { path: string; dir: string; cleanup: () => void };
let runsDir: string;
let runs = 0;

beforeAll(async () => {
  const t = await tempDb();
  const nowIso = NOW.toISOString();
  const sentAt = at(600);
  t.db.transaction(() => {
    const c = t.db
      .prepare(
        `INSERT INTO campaigns (name, body, audience_json, provider, status, created_at, updated_at) VALUES ('Tulips', 'Tulips! Reply STOP to opt out', '{}', 'quo', 'sending', ?, ?)`,
      )
      .run(nowIso, nowIso);
    for (let i = 0; i < CONTACTS; i++) {
      // Contacts 6 and 7 had opted out earlier: their START is a real opt-in.
      const contact = t.db
        .prepare('INSERT INTO contacts (phone, first_name, opted_out, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(phone(i), `C${i}`, i >= 6 ? 1 : 0, nowIso, nowIso);
      if (i < MESSAGES) {
        t.db
          .prepare(
            `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, from_number, body, provider, state, provider_message_id, created_at, updated_at, sent_at, next_attempt_at)
             VALUES (?, ?, 'campaign', ?, '+15550100000', 'Tulips! Reply STOP to opt out', 'quo', 'sent', ?, ?, ?, ?, ?)`,
          )
          .run(
            Number(c.lastInsertRowid),
            Number(contact.lastInsertRowid),
            phone(i),
            `ACmsg${i}`,
            sentAt,
            sentAt,
            sentAt,
            sentAt,
          );
      }
    }
  })();
  t.db.close();
  template = t;
  // Each run starts from a copy of the template; in memory-backed /tmp-like storage when there is one, so 120 runs
  // of real, fully synced SQLite commits take seconds rather than a minute.
  runsDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'smsdesk-order-'));
});
afterAll(() => {
  template.cleanup();
  rmSync(runsDir, { recursive: true, force: true });
});

function freshDb(): SqliteDb {
  const path = join(runsDir, `run-${++runs}.sqlite`);
  copyFileSync(template.path, path);
  return openDatabase(path);
}

type Final = 'delivered' | 'undelivered' | 'failed' | 'none';
/** What one contact writes. Opposite keywords from one contact are left out: their confirmations depend on arrival by design (see the report). */
const SCRIPTS = {
  chat: ['Thanks!'],
  stop: ['STOP'],
  stopTwice: ['Stop.', 'unsubscribe'],
  stopPhrase: ['please stop texting me'],
  chatThenStop: ['Is this still on?', 'STOP'],
  help: ['HELP'],
  helpTwice: ['help', 'INFO'],
  start: ['START'],
  startTwice: ['UNSTOP', 'START'],
} as const;
type Script = keyof typeof SCRIPTS;
const OPEN_SCRIPTS: Script[] = ['chat', 'stop', 'stopTwice', 'stopPhrase', 'chatThenStop', 'help', 'helpTwice'];
const OPTED_OUT_SCRIPTS: Script[] = ['chat', 'start', 'startTwice', 'stop'];

function buildEvents(finals: Final[], withSent: boolean[], scripts: Script[]): ProviderEvent[] {
  const events: ProviderEvent[] = [];
  finals.forEach((final, i) => {
    const id = `ACmsg${i}`;
    if (withSent[i])
      events.push({
        kind: 'status',
        provider: 'quo',
        eventId: `EV${id}:sent`,
        providerMessageId: id,
        status: 'sent',
        at: at(590 - i),
      });
    if (final !== 'none') {
      events.push({
        kind: 'status',
        provider: 'quo',
        eventId: `EV${id}:${final}`,
        providerMessageId: id,
        status: final,
        errorCode: final === 'delivered' ? null : '30003',
        errorMessage: final === 'delivered' ? null : 'Unreachable destination handset',
        at: at(500 - i),
      });
    }
  });
  scripts.forEach((script, c) => {
    SCRIPTS[script].forEach((body, k) => {
      const id = `ACin${c}_${k}`;
      events.push({
        kind: 'inbound',
        provider: 'quo',
        eventId: `EV${id}`,
        providerMessageId: id,
        from: phone(c),
        to: '+15550100000',
        body,
        at: at(120 - c * 10 - k),
      });
    });
  });
  return events;
}

/** Everything the events decide, without row ids (service messages get ids in processing order). */
function finalState(db: SqliteDb) {
  return {
    campaignMessages: db
      .prepare(
        `SELECT id, state, error_code, delivered_at, sent_at FROM outbox_messages WHERE kind = 'campaign' ORDER BY id`,
      )
      .all(),
    serviceMessages: db
      .prepare(
        `SELECT kind, to_phone, body, state FROM outbox_messages WHERE kind <> 'campaign' ORDER BY to_phone, kind, body, state`,
      )
      .all(),
    contacts: db.prepare('SELECT phone, opted_out, is_unknown FROM contacts ORDER BY phone').all(),
    inbound: db
      .prepare(
        'SELECT provider_message_id, from_phone, body, keyword, campaign_id FROM inbound_messages ORDER BY provider_message_id',
      )
      .all(),
    consentChanges: db
      .prepare('SELECT phone, old_state, new_state, source FROM optout_audit ORDER BY phone, new_state')
      .all(),
    unprocessed: db.prepare(`SELECT COUNT(*) AS n FROM webhook_events WHERE state <> 'processed'`).get(),
  };
}

function deliver(events: ProviderEvent[]): ReturnType<typeof finalState> {
  const db = freshDb();
  try {
    const deps = { db, now: () => NOW, businessName: () => 'Bloom Florist' };
    // Each arrival is stored and processed as the relay does (processing soon after storing), so order matters here.
    for (const e of events) {
      storeEvent(db, e, NOW.toISOString());
      processPending(deps);
    }
    return finalState(db);
  } finally {
    db.close();
  }
}

const scenario = fc
  .record({
    finals: fc.array(fc.constantFrom<Final>('delivered', 'undelivered', 'failed', 'none'), {
      minLength: MESSAGES,
      maxLength: MESSAGES,
    }),
    withSent: fc.array(fc.boolean(), { minLength: MESSAGES, maxLength: MESSAGES }),
    open: fc.array(fc.constantFrom(...OPEN_SCRIPTS), { minLength: 6, maxLength: 6 }),
    optedOut: fc.array(fc.constantFrom(...OPTED_OUT_SCRIPTS), { minLength: 2, maxLength: 2 }),
  })
  .chain(({ finals, withSent, open, optedOut }) => {
    const events = buildEvents(finals, withSent, [...open, ...optedOut]);
    // Per event: how many extra copies (0–3) and whether each copy carries another id (reconciliation's), then a shuffle.
    const copies = fc.array(fc.array(fc.boolean(), { maxLength: 3 }), {
      minLength: events.length,
      maxLength: events.length,
    });
    return fc.tuple(fc.constant(events), copies).chain(([evs, extra]) => {
      const deliveries = evs.flatMap((e, i) => [
        e,
        ...extra[i].map((otherId) => (otherId ? { ...e, eventId: `recon:${e.eventId}` } : e)),
      ]);
      return fc.tuple(
        fc.constant(evs),
        fc.shuffledSubarray(deliveries, { minLength: deliveries.length, maxLength: deliveries.length }),
      );
    });
  });

describe('provider events: order and duplicates do not matter', () => {
  it('any order with up to 3 duplicates each gives the same final state as the in-order run', () => {
    fc.assert(
      fc.property(scenario, ([events, shuffled]) => {
        const inOrder = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId));
        const expected = deliver(inOrder);
        expect(expected.unprocessed).toEqual({ n: 0 });
        expect(deliver(shuffled)).toEqual(expected);
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });

  it('a STOP repeated in two different texts opts out once and earns exactly one confirmation, in either order', () => {
    const stopA: ProviderEvent = {
      kind: 'inbound',
      provider: 'quo',
      eventId: 'EVa',
      providerMessageId: 'ACa',
      from: phone(0),
      to: '+15550100000',
      body: 'STOP',
      at: at(60),
    };
    const stopB: ProviderEvent = {
      kind: 'inbound',
      provider: 'quo',
      eventId: 'EVb',
      providerMessageId: 'ACb',
      from: phone(0),
      to: '+15550100000',
      body: 'Stop!',
      at: at(30),
    };
    for (const order of [
      [stopA, stopB, stopA],
      [stopB, stopA, stopB],
    ]) {
      const state = deliver(order);
      expect(state.serviceMessages).toEqual([
        { kind: 'confirmation', to_phone: phone(0), body: expect.stringContaining('unsubscribed'), state: 'queued' },
      ]);
      expect(state.consentChanges).toEqual([
        { phone: phone(0), old_state: 'opted_in', new_state: 'opted_out', source: 'keyword' },
      ]);
    }
  });
});
