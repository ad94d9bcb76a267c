import { afterEach, describe, expect, it } from 'vitest';
import { ANA, deskWithQuo, OUR_NUMBER, type Desk } from '../compliance/desk';
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

const thread = (limit?: number) => call('inbox:thread', { contactId: d.anaId, ...(limit ? { limit } : {}) });

/** A campaign message to Ana that went out through Quo a minute ago. */
function campaignMessageSent() {
  const at = new Date(d.now().getTime() - 60_000).toISOString();
  const c = d.app.db
    .prepare(
      `INSERT INTO campaigns (name, status, provider, created_at, updated_at) VALUES ('Winter roses', 'completed', 'quo', ?, ?)`,
    )
    .run(at, at);
  d.app.db
    .prepare(
      `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, from_number, body, provider, state, provider_message_id, created_at, updated_at, sending_at, sent_at, delivered_at)
       VALUES (?, ?, 'campaign', ?, ?, 'Winter roses are in! Reply STOP to opt out', 'quo', 'delivered', 'ACcampaign1', ?, ?, ?, ?, ?)`,
    )
    .run(c.lastInsertRowid, d.anaId, ANA, OUR_NUMBER, at, at, at, at, at);
}

describe('inbox conversations', () => {
  it('shows the conversation in time order: our campaign message, their replies, our reply with its state', async () => {
    d = await deskWithQuo();
    campaignMessageSent();
    // A queued campaign message is not part of the conversation yet.
    const later = d.app.db
      .prepare(
        `INSERT INTO campaigns (name, status, provider, created_at, updated_at) VALUES ('Spring', 'paused', 'quo', 'x', 'x')`,
      )
      .run().lastInsertRowid;
    d.app.db
      .prepare(
        `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, provider, state, created_at, updated_at) VALUES (?, ?, 'campaign', ?, 'later', 'quo', 'queued', 'x', 'x')`,
      )
      .run(later, d.anaId, ANA);
    d.inbound('Do you deliver on Sunday?');
    d.advance(1000);
    d.inbound('HELP');
    const replied = await call('inbox:reply', { contactId: d.anaId, body: '  Yes, until 4pm!  ' });
    expect(replied).toMatchObject({
      waitsUntil: null,
      message: { direction: 'out', kind: 'reply', state: 'queued', body: 'Yes, until 4pm!' },
    });
    await d.app.dispatcher.runUntilIdle(200);

    const t = await thread();
    expect(t.contact).toMatchObject({
      id: d.anaId,
      phone: ANA,
      name: 'Ana Reyes',
      optedOut: false,
      isUnknown: false,
      lastConsentChange: null,
    });
    expect(t.replyVia).toEqual({ provider: 'quo', from: OUR_NUMBER });
    expect(t.truncated).toBe(false);
    expect(
      t.messages.map((m) =>
        m.direction === 'in' ? ['in', m.body, m.keywordKind, m.read] : ['out', m.kind, m.body, m.state, m.campaignName],
      ),
    ).toEqual([
      ['out', 'campaign', 'Winter roses are in! Reply STOP to opt out', 'delivered', 'Winter roses'],
      ['in', 'Do you deliver on Sunday?', 'none', false],
      ['in', 'HELP', 'help', false],
      ['out', 'help', 'Bloom Florist: for help, contact (415) 555-0199. Reply STOP to opt out.', 'sent', null],
      ['out', 'reply', 'Yes, until 4pm!', 'sent', null],
    ]);
    expect((await thread(2)).messages.map((m) => m.body)).toEqual([
      'Bloom Florist: for help, contact (415) 555-0199. Reply STOP to opt out.',
      'Yes, until 4pm!',
    ]);
    expect((await thread(2)).truncated).toBe(true);
    expect(d.sentTo(ANA).map((m) => [m.text, m.from])).toContainEqual(['Yes, until 4pm!', OUR_NUMBER]);
    expect(d.app.db.prepare(`SELECT action, subject FROM audit_log WHERE action = 'inbox.reply'`).all()).toEqual([
      { action: 'inbox.reply', subject: ANA },
    ]);
  });

  it('counts unread texts per conversation and overall, and marks a conversation read', async () => {
    d = await deskWithQuo();
    d.app.db
      .prepare(
        `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+12125550123', 'Ben', 'x', 'x')`,
      )
      .run();
    d.inbound('Hi');
    d.inbound('Are you there?');
    d.inbound('Hello from Ben', { from: '+12125550123' });
    expect(await call('inbox:unread', {})).toEqual({ conversations: 2, messages: 3 });
    expect((await call('inbox:conversations', {})).map((c) => [c.phone, c.unread])).toEqual([
      ['+12125550123', 1],
      [ANA, 2],
    ]);
    expect(await call('inbox:markRead', { contactId: d.anaId })).toEqual({ marked: 2 });
    expect(await call('inbox:markRead', { contactId: d.anaId })).toEqual({ marked: 0 });
    expect(await call('inbox:unread', {})).toEqual({ conversations: 1, messages: 1 });
    expect((await thread()).messages.every((m) => m.direction === 'out' || m.read)).toBe(true);
  });

  it('announces each new text live (inbox:message) for the open window', async () => {
    d = await deskWithQuo();
    const heard: unknown[] = [];
    d.app.events.subscribe((name, payload) => name === 'inbox:message' && heard.push(payload));
    d.inbound('Thanks!');
    expect(heard).toEqual([{ contactId: d.anaId, phone: ANA, body: 'Thanks!', at: d.now().toISOString() }]);
  });
});

describe('replying from the inbox', () => {
  it('goes out through the provider and our number the contact last wrote to', async () => {
    d = await deskWithQuo();
    d.inbound('Hi, second line here', { messageId: 'AC-line2' });
    d.app.db.prepare(`UPDATE inbound_messages SET to_phone = '+15550100009'`).run();
    await call('inbox:reply', { contactId: d.anaId, body: 'Got it' });
    expect(d.outbox('reply')).toMatchObject([
      { provider: 'quo', fromNumber: '+15550100009', toPhone: ANA, state: 'queued' },
    ]);
    await d.app.dispatcher.runUntilIdle(200);
    expect(d.sentTo(ANA).map((m) => [m.text, m.from])).toEqual([['Got it', '+15550100009']]);
  });

  it('is refused, with who and how, for a contact who opted out; nothing is queued', async () => {
    d = await deskWithQuo();
    d.inbound('Stop texting me please');
    const before = d.outbox().length;
    const r = await d.app.dispatch('inbox:reply', { contactId: d.anaId, body: 'Sorry! One last thing…' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'Ana Reyes (+14155550100) has opted out — replied with a keyword: "Stop texting me please". Nothing can be sent to them until they text START to opt back in.',
      },
    });
    expect(d.outbox().length).toBe(before);
  });

  it("says when the reply will wait for the recipient's quiet hours, and the dispatcher holds it until then", async () => {
    d = await deskWithQuo({ start: '2026-12-03T02:30:00Z' }); // 21:30 in New York, 18:30 in San Francisco
    d.app.db
      .prepare(
        `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+12125550123', 'Ben', 'x', 'x')`,
      )
      .run();
    d.inbound('Still open?', { from: '+12125550123' });
    const ben = (d.app.db.prepare(`SELECT id FROM contacts WHERE phone = '+12125550123'`).get() as { id: number }).id;
    const r = await call('inbox:reply', { contactId: ben, body: 'Closed now, open 9am' });
    expect(r.waitsUntil).toBe('2026-12-03T13:00:00.000Z');
    expect(r.waitReason).toMatch(/.+/);
    await d.app.dispatcher.runUntilIdle(100);
    expect(d.sentTo('+12125550123')).toEqual([]);
    expect(
      d.app.db.prepare(`SELECT state, next_attempt_at AS next FROM outbox_messages WHERE kind = 'reply'`).get(),
    ).toEqual({ state: 'queued', next: '2026-12-03T13:00:00.000Z' });
    // Ana in San Francisco (18:30) can be answered now.
    d.inbound('Hi from SF');
    expect((await call('inbox:reply', { contactId: d.anaId, body: 'Hello!' })).waitsUntil).toBeNull();
  });

  it("is refused with the secret to set when the conversation's provider is not configured", async () => {
    d = await deskWithQuo();
    d.inbound('Hi');
    d.app.secrets.delete('quo.apiKey');
    const r = await d.app.dispatch('inbox:reply', { contactId: d.anaId, body: 'Hello' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'secret_unavailable', message: expect.stringContaining('quo.apiKey') },
    });
    expect(d.outbox('reply')).toEqual([]);
  });

  it('refuses an empty reply or one over 1600 characters', async () => {
    d = await deskWithQuo();
    d.inbound('Hi');
    expect(await d.app.dispatch('inbox:reply', { contactId: d.anaId, body: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('write a message first') },
    });
    expect(await d.app.dispatch('inbox:reply', { contactId: d.anaId, body: 'x'.repeat(1601) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('manual opt-out and opt-in from the thread', () => {
  it('changes consent, audits it as manual by the user, drops queued messages, and sends no text', async () => {
    d = await deskWithQuo();
    d.inbound('Please call me instead of texting');
    await call('inbox:reply', { contactId: d.anaId, body: 'Sure, calling you now' });
    const changes: string[] = [];
    d.app.events.subscribe(
      (name, payload) => name === 'app:dataChanged' && changes.push((payload as { area: string }).area),
    );
    expect(
      await call('optouts:setConsent', {
        contactId: d.anaId,
        optedOut: true,
        note: 'Asked on the phone not to be texted',
      }),
    ).toEqual({ contactId: d.anaId, optedOut: true, changed: true });
    expect(await call('optouts:setConsent', { contactId: d.anaId, optedOut: true })).toEqual({
      contactId: d.anaId,
      optedOut: true,
      changed: false,
    });
    expect(changes).toEqual(expect.arrayContaining(['optouts', 'inbox', 'contacts']));
    expect(d.outbox('reply')).toMatchObject([{ state: 'skipped', errorCode: 'opted_out' }]);
    const t = await thread();
    expect(t.contact).toMatchObject({
      optedOut: true,
      lastConsentChange: { newState: 'opted_out', source: 'manual', message: 'Asked on the phone not to be texted' },
    });
    await call('optouts:setConsent', { contactId: d.anaId, optedOut: false });
    expect(d.audit()).toEqual([
      {
        phone: ANA,
        oldState: 'opted_in',
        newState: 'opted_out',
        source: 'manual',
        message: 'Asked on the phone not to be texted',
        actor: 'user',
      },
      {
        phone: ANA,
        oldState: 'opted_out',
        newState: 'opted_in',
        source: 'manual',
        message: 'Opted back in by hand in the app',
        actor: 'user',
      },
    ]);
    await d.app.dispatcher.runUntilIdle(100);
    expect(d.sentTo(ANA)).toEqual([]);
    expect(await d.app.dispatch('optouts:setConsent', { contactId: 9999, optedOut: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
