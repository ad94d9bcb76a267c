import { afterEach, describe, expect, it } from 'vitest';
import { ANA, deskWithQuo, type Desk } from './desk';
import { createWindowCheck } from '../../../electron/campaigns/window';

const UNSUBSCRIBED = "You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe.";
const BOB = '+14155550123';

let d: Desk;
afterEach(async () => {
  await d.close();
});

/** Bob wrote to us and the owner answered: a reply (subject to sending hours) waits in the outbox. */
async function replyWaitingForBob(): Promise<void> {
  const iso = d.now().toISOString();
  const bobId = Number(
    d.app.db
      .prepare(`INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, 'Bob', ?, ?)`)
      .run(BOB, iso, iso).lastInsertRowid,
  );
  d.inbound('Do you deliver?', { from: BOB });
  const r = await d.app.dispatch('inbox:reply', { contactId: bobId, body: 'Yes, every day but Sunday.' });
  expect(r.ok).toBe(true);
}

const dashboard = async () => {
  const r = await d.app.dispatch('monitoring:dashboard', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('a bad time zone cannot stall sending', () => {
  it('Mars/Olympus stored by an old database: the STOP confirmation and the reply still go out; Monitoring says why', async () => {
    const logged: string[] = [];
    d = await deskWithQuo({ log: (msg) => logged.push(msg) });
    await replyWaitingForBob();
    d.app.db
      .prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('business.timezone', '"Mars/Olympus"', ?)`)
      .run(d.now().toISOString());
    d.inbound('STOP');
    await d.app.dispatcher.runUntilIdle(200);
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([UNSUBSCRIBED]);
    expect(d.sentTo(BOB).map((m) => m.text)).toEqual(['Yes, every day but Sunday.']);
    expect((await dashboard()).problems).toEqual([
      expect.objectContaining({
        job: 'setting business.timezone',
        message: expect.stringContaining(
          '"Mars/Olympus" is not used (Mars/Olympus is not a time zone; use a name like America/New_York)',
        ),
      }),
    ]);
    expect(logged).toEqual([]);
  });

  it('a sending-hours check that throws holds only that message: the confirmation goes out in the same tick, the error is logged once', async () => {
    const logged: string[] = [];
    d = await deskWithQuo({
      log: (msg) => logged.push(msg),
      dispatch: { windowCheck: createWindowCheck(() => 'Mars/Olympus') },
    });
    await replyWaitingForBob();
    d.inbound('STOP');
    d.app.dispatcher.tick();
    await d.app.dispatcher.runUntilIdle(200);
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([UNSUBSCRIBED]);
    expect(d.outbox('reply')).toMatchObject([{ toPhone: BOB, state: 'queued', errorCode: 'window_check_failed' }]);
    // It keeps failing a minute later, and later again: still one log line, and a count on the Monitoring page.
    for (let i = 0; i < 5; i++) {
      d.advance(61_000);
      await d.app.dispatcher.runUntilIdle(200);
    }
    expect(logged.filter((m) => m.startsWith('checking sending hours failed'))).toHaveLength(1);
    expect(logged).toHaveLength(1);
    expect((await dashboard()).problems).toEqual([
      expect.objectContaining({
        job: 'checking sending hours',
        count: 6,
        message: expect.stringContaining('Mars/Olympus'),
      }),
    ]);
    expect(d.sentTo(BOB)).toEqual([]);
  });
});
