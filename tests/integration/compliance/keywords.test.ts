import { afterEach, describe, expect, it } from 'vitest';
import { ANA, deskWithQuo, type Desk } from './desk';

let d: Desk;
afterEach(async () => {
  await d.close();
});

/**
 * compliance.md's keyword rules end to end: the reply goes through the provider-event path and the table says what
 * must follow (consent, the service message queued, the keyword recorded on the inbound message).
 */
const TABLE: Array<{
  text: string;
  wasOptedOut?: boolean;
  optedOut: boolean;
  queued: 'confirmation' | 'help' | null;
  keyword: string | null;
}> = [
  // FCC 24-24 words and carrier defaults, whatever the case, padding or punctuation.
  ...[
    'STOP',
    'stop',
    ' Stop. ',
    'stop!',
    'QUIT',
    'end',
    'Revoke',
    'opt out',
    'Opt-Out',
    'OPTOUT',
    'cancel',
    'UNSUBSCRIBE',
    'STOPALL',
  ].map((text) => ({
    text,
    optedOut: true,
    queued: 'confirmation' as const,
    keyword: expect.any(String),
  })),
  // A longer message a reasonable person reads as an opt-out: flagged, and treated as one by default.
  { text: 'please stop texting me', optedOut: true, queued: 'confirmation', keyword: 'stop texting' },
  { text: 'No más por favor', optedOut: true, queued: 'confirmation', keyword: 'no más' },
  { text: 'remove me from this list', optedOut: true, queued: 'confirmation', keyword: 'remove me' },
  // Opt back in.
  { text: 'START', wasOptedOut: true, optedOut: false, queued: 'confirmation', keyword: 'start' },
  { text: 'unstop', wasOptedOut: true, optedOut: false, queued: 'confirmation', keyword: 'unstop' },
  { text: 'Yes', wasOptedOut: true, optedOut: false, queued: 'confirmation', keyword: 'yes' },
  // YES from someone who never opted out is an ordinary reply.
  { text: 'Yes', optedOut: false, queued: null, keyword: null },
  // HELP and INFO answer without touching consent, also for someone opted out.
  { text: 'HELP', optedOut: false, queued: 'help', keyword: 'help' },
  { text: 'info?', wasOptedOut: true, optedOut: true, queued: 'help', keyword: 'info' },
  // Ordinary replies.
  { text: 'Thanks! See you Saturday', optedOut: false, queued: null, keyword: null },
  { text: 'stopped by yesterday, loved it', optedOut: false, queued: null, keyword: null },
];

describe('reply keywords through the whole inbound path', () => {
  it.each(TABLE)('$text (opted out before: $wasOptedOut) → opted out $optedOut, queues $queued', async (row) => {
    d = await deskWithQuo();
    if (row.wasOptedOut) {
      d.inbound('STOP');
      d.app.db.prepare('DELETE FROM outbox_messages').run();
    }
    const before = d.audit().length;
    d.inbound(row.text);
    expect(d.optedOut(ANA)).toBe(row.optedOut);
    const queued = d.outbox().map((o) => o.kind);
    expect(queued).toEqual(row.queued ? [row.queued] : []);
    const changed = d.audit().length - before;
    expect(changed).toBe(row.optedOut === !!row.wasOptedOut ? 0 : 1);
    const stored = d.app.db
      .prepare('SELECT keyword FROM inbound_messages WHERE body = ? ORDER BY id DESC LIMIT 1')
      .get(row.text) as { keyword: string | null };
    expect(stored.keyword).toEqual(row.keyword);
  });
});
