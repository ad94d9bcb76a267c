import { afterEach, describe, expect, it } from 'vitest';
import { ANA, deskWithQuo, type Desk } from '../compliance/desk';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

let d: Desk;
afterEach(async () => {
  await d.close();
});

async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await d.app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function refused(channel: Channel, input: unknown): Promise<string> {
  const r = await d.app.dispatchUntyped(channel, input);
  if (r.ok) throw new Error(`${channel} was expected to be refused`);
  return `${r.error.code}: ${r.error.message}`;
}

const BEN = '+12125550123';
const CLOE = '+442079460958';

function addContact(phone: string, first: string, last: string): number {
  const iso = d.now().toISOString();
  return Number(
    d.app.db
      .prepare(`INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
      .run(phone, first, last, iso, iso).lastInsertRowid,
  );
}

const list = (q: { unreadOnly?: boolean; search?: string } = {}) => call('inbox:conversations', q);
const names = async (q: { unreadOnly?: boolean; search?: string } = {}) => (await list(q)).map((c) => c.name);

/** Ana, Ben and Chloé have written, Chloé last; Ben's texts were read. */
async function threeConversations() {
  d = await deskWithQuo();
  const ben = addContact(BEN, 'Ben', 'Okafor');
  const cloe = addContact(CLOE, 'Chloé', 'Martin');
  d.inbound('Do you deliver on Sunday?');
  d.advance(60_000);
  d.inbound('The tulips were lovely, merci', { from: BEN });
  d.advance(60_000);
  d.inbound('Can I order a wedding bouquet?', { from: CLOE });
  await call('inbox:markRead', { contactId: ben });
  return { ben, cloe };
}

describe('inbox list: unread filter, search, newest first', () => {
  it('lists the conversation with the newest text first, and moves one up when its contact writes again', async () => {
    await threeConversations();
    expect(await names()).toEqual(['Chloé Martin', 'Ben Okafor', 'Ana Reyes']);
    d.advance(60_000);
    d.inbound('Also, do you have peonies?');
    expect(await names()).toEqual(['Ana Reyes', 'Chloé Martin', 'Ben Okafor']);
  });

  it('the unread filter keeps conversations with a text not read yet; opening one marks it read and it leaves the filter', async () => {
    const { cloe } = await threeConversations();
    expect((await list({ unreadOnly: true })).map((c) => [c.name, c.unread])).toEqual([
      ['Chloé Martin', 1],
      ['Ana Reyes', 1],
    ]);
    expect(await call('inbox:unread', {})).toEqual({ conversations: 2, messages: 2 });
    expect(await call('inbox:markRead', { contactId: cloe })).toEqual({ marked: 1 });
    expect(await names({ unreadOnly: true })).toEqual(['Ana Reyes']);
    expect(await call('inbox:unread', {})).toEqual({ conversations: 1, messages: 1 });
    // Read state is stored: a fresh read of the list says the same.
    expect((await list()).map((c) => [c.name, c.unread])).toEqual([
      ['Chloé Martin', 0],
      ['Ben Okafor', 0],
      ['Ana Reyes', 1],
    ]);
  });

  it('search finds a contact by name (accents or not), by phone in any format, and by words of a message in either direction', async () => {
    const { ben } = await threeConversations();
    expect(await names({ search: 'chloe' })).toEqual(['Chloé Martin']);
    expect(await names({ search: 'okafor ben' })).toEqual(['Ben Okafor']);
    expect(await names({ search: 'An' })).toEqual(['Ana Reyes']);
    for (const phone of ['(415) 555-0100', '415.555.0100', '+1 415 555 0100', '14155550100', '5550100'])
      expect(await names({ search: phone }), phone).toEqual(['Ana Reyes']);
    // A national number with its trunk 0 is found without it.
    expect(await names({ search: '020 7946 0958' })).toEqual(['Chloé Martin']);
    expect(await names({ search: '+44 20 7946 0958' })).toEqual(['Chloé Martin']);
    expect(await names({ search: 'wedding' })).toEqual(['Chloé Martin']);
    expect(await names({ search: 'TULIPS lovely' })).toEqual(['Ben Okafor']);
    expect(await names({ search: 'nothing like this' })).toEqual([]);
    // Our own reply is searchable too, and search combines with the unread filter.
    await call('inbox:reply', { contactId: ben, body: 'Glad you liked the ranunculus!' });
    expect(await names({ search: 'ranunculus' })).toEqual(['Ben Okafor']);
    expect(await names({ search: 'ranunculus', unreadOnly: true })).toEqual([]);
    expect(await names({ search: 'o', unreadOnly: true })).toEqual([]);
    expect(await names({ search: 'bouquet', unreadOnly: true })).toEqual(['Chloé Martin']);
  });

  it('search stays correct on a hundred thousand messages', async () => {
    d = await deskWithQuo();
    const iso = d.now().toISOString();
    const insert = d.app.db.prepare(
      `INSERT INTO inbound_messages (provider, contact_id, from_phone, to_phone, body, received_at, created_at) VALUES ('quo', ?, ?, '+15550100000', ?, ?, ?)`,
    );
    const contact = d.app.db.prepare(
      `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    );
    d.app.db.transaction(() => {
      for (let c = 0; c < 1000; c++) {
        const id = Number(
          contact.run(`+1646555${String(c).padStart(4, '0')}`, `Customer${c}`, iso, iso).lastInsertRowid,
        );
        for (let m = 0; m < 100; m++)
          insert.run(id, `+1646555${String(c).padStart(4, '0')}`, `Order ${c}-${m}: two dozen roses please`, iso, iso);
      }
    })();
    d.inbound('Is the anemone bunch still available?');
    expect(await names({ search: 'anemone' })).toEqual(['Ana Reyes']);
    expect((await list({ search: 'Order 417-99' })).map((c) => c.phone)).toEqual(['+16465550417']);
    expect((await list({ search: '(646) 555-0999' })).map((c) => c.phone)).toEqual(['+16465550999']);
  });
});

describe('inbox: retrying a reply whose send failed', () => {
  it('re-queues the same outbox row, sends it once, and refuses to send it again', async () => {
    d = await deskWithQuo();
    d.inbound('Are you open today?');
    d.quo.setA2pApproved(false);
    const { message } = await call('inbox:reply', { contactId: d.anaId, body: 'Yes, until 6pm!' });
    await d.app.dispatcher.runUntilIdle(200);
    expect(d.outbox('reply')).toMatchObject([{ id: message.outboxId, state: 'failed' }]);
    expect(d.sentTo(ANA)).toEqual([]);

    d.quo.setA2pApproved(true);
    const retried = await call('inbox:retry', { outboxId: message.outboxId });
    expect(retried.message).toMatchObject({ outboxId: message.outboxId, state: 'queued', body: 'Yes, until 6pm!' });
    // A second click before the dispatcher ran finds it waiting already.
    expect(await refused('inbox:retry', { outboxId: message.outboxId })).toBe(
      'conflict: This reply is already waiting to be sent.',
    );
    await d.app.dispatcher.runUntilIdle(200);

    expect(d.outbox('reply')).toMatchObject([{ id: message.outboxId, state: 'sent', errorCode: null }]);
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual(['Yes, until 6pm!']);
    // Sent: never again, and still one row.
    expect(await refused('inbox:retry', { outboxId: message.outboxId })).toBe(
      'conflict: This reply was sent; sending it again would text the contact twice.',
    );
    await d.app.dispatcher.runUntilIdle(200);
    expect(d.outbox('reply')).toHaveLength(1);
    expect(d.sentTo(ANA)).toHaveLength(1);
    expect(
      d.app.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'inbox.%' ORDER BY id`).pluck().all(),
    ).toEqual(['inbox.reply', 'inbox.retry']);
  });

  it('refuses a message that may have reached the provider, one that is not a reply, and a contact who opted out meanwhile', async () => {
    d = await deskWithQuo();
    d.inbound('Hello?');
    const { message } = await call('inbox:reply', { contactId: d.anaId, body: 'Hi Ana!' });
    d.app.db.prepare(`UPDATE outbox_messages SET state = 'unknown' WHERE id = ?`).run(message.outboxId);
    expect(await refused('inbox:retry', { outboxId: message.outboxId })).toMatch(
      /^conflict: The provider may have this reply already/,
    );
    expect(await refused('inbox:retry', { outboxId: 9999 })).toBe(
      'not_found: There is no reply 9999 in the inbox to send again.',
    );

    d.app.db.prepare(`UPDATE outbox_messages SET state = 'failed' WHERE id = ?`).run(message.outboxId);
    d.inbound('STOP');
    await d.app.dispatcher.runUntilIdle(200);
    const confirmation = d.outbox('confirmation')[0];
    expect(await refused('inbox:retry', { outboxId: confirmation.id })).toMatch(/^not_found/);
    expect(await refused('inbox:retry', { outboxId: message.outboxId })).toMatch(
      /^conflict: Ana Reyes \(\+14155550100\) has opted out/,
    );
    expect(d.outbox('reply')).toMatchObject([{ id: message.outboxId, state: 'failed' }]);
  });
});
