import { afterEach, describe, expect, it } from 'vitest';
import { ANA, deskWithQuo, OUR_NUMBER, type Desk } from './desk';
import {
  PUBLIC_URL,
  QUO_SIGNING_SECRET,
  TWILIO_AUTH_TOKEN,
  quoLegacyHeaders,
  quoReceived,
  send,
  twilioRequest,
} from '../webhooks/signers';

const UNSUBSCRIBED = "You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe.";

let d: Desk;
afterEach(async () => {
  await d.close();
});

const drain = () => d.app.dispatcher.runUntilIdle(200);

describe('opt-out confirmation: exactly one, through the same provider and number', () => {
  it('STOP twice opts out once, audits once and confirms once, from the number the contact wrote to', async () => {
    d = await deskWithQuo();
    d.inbound('STOP');
    d.inbound('stop!');
    await drain();
    expect(d.audit()).toEqual([
      {
        phone: ANA,
        oldState: 'opted_in',
        newState: 'opted_out',
        source: 'keyword',
        message: 'STOP',
        actor: 'reply:quo',
      },
    ]);
    expect(d.sentTo(ANA).map((m) => ({ text: m.text, from: m.from }))).toEqual([
      { text: UNSUBSCRIBED, from: OUR_NUMBER },
    ]);
    expect(d.outbox('confirmation')).toMatchObject([{ provider: 'quo', fromNumber: OUR_NUMBER, state: 'sent' }]);
  });

  it('a webhook redelivery and the same message found again under another event id (reconciliation) confirm once', async () => {
    d = await deskWithQuo();
    d.app.secrets.set('quo.signingSecret', QUO_SIGNING_SECRET);
    const relay = await d.app.startRelay({ port: 0 });
    const body = JSON.stringify(
      quoReceived({
        eventId: 'EV-stop',
        messageId: 'AC-stop',
        from: ANA,
        to: OUR_NUMBER,
        body: 'Stop.',
        createdAt: d.now().toISOString(),
      }),
    );
    const post = () => send(`${relay.url}/webhooks/quo`, { headers: quoLegacyHeaders(body, d.now().getTime()), body });
    expect((await post()).json).toMatchObject({ ok: true, stored: 1 });
    expect((await post()).json).toMatchObject({ ok: true, stored: 0, duplicates: 1 });
    // Reconciliation lists the same message from Quo's API: a different event id, the same message id.
    d.inbound('Stop.', { messageId: 'AC-stop', eventId: 'reconcile:AC-stop' });
    await drain();
    expect(d.app.db.prepare('SELECT COUNT(*) AS n FROM inbound_messages').get()).toEqual({ n: 1 });
    expect(d.audit()).toHaveLength(1);
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([UNSUBSCRIBED]);
  });

  it("Twilio's OptOutType=STOP and error 21610 are recorded as provider opt-outs, and we add no second confirmation", async () => {
    d = await deskWithQuo();
    d.app.secrets.set('twilio.authToken', TWILIO_AUTH_TOKEN);
    d.app.settings.set('webhooks.publicUrl', PUBLIC_URL);
    const relay = await d.app.startRelay({ port: 0 });
    const post = (params: Record<string, string>) => {
      const r = twilioRequest('/webhooks/twilio', params);
      return send(`${relay.url}/webhooks/twilio`, { headers: r.headers, body: r.body });
    };
    // Twilio's Advanced Opt-Out handled the STOP (and confirmed it itself).
    expect(
      (
        await post({
          MessageSid: 'SM1',
          SmsStatus: 'received',
          From: ANA,
          To: OUR_NUMBER,
          Body: 'STOP',
          OptOutType: 'STOP',
        })
      ).status,
    ).toBe(200);
    // Later a send to Ana fails with 21610: already recorded, nothing changes.
    await post({ MessageSid: 'SM2', MessageStatus: 'failed', ErrorCode: '21610', To: ANA, From: OUR_NUMBER });
    // Another customer whose first sign of opting out is the 21610 error.
    await post({
      MessageSid: 'SM3',
      MessageStatus: 'undelivered',
      ErrorCode: '21610',
      To: '+14155550177',
      From: OUR_NUMBER,
    });
    await drain();
    expect(d.audit()).toEqual([
      {
        phone: ANA,
        oldState: 'opted_in',
        newState: 'opted_out',
        source: 'provider',
        message: 'Twilio OptOutType=STOP; reply: STOP',
        actor: 'provider:twilio',
      },
      // A number we never had is kept as an (unknown) contact first, so the opt-out is on record against it.
      {
        phone: '+14155550177',
        oldState: 'opted_in',
        newState: 'opted_out',
        source: 'provider',
        message: 'Twilio error 21610: the recipient has opted out at Twilio',
        actor: 'provider:twilio',
      },
    ]);
    expect(d.optedOut(ANA) && d.optedOut('+14155550177')).toBe(true);
    expect(d.app.db.prepare('SELECT body, keyword FROM inbound_messages').all()).toEqual([
      { body: 'STOP', keyword: 'stop' },
    ]);
    expect(d.outbox('confirmation')).toEqual([]);
  });

  it('START after a STOP resubscribes and confirms once; repeating it or YES changes nothing', async () => {
    d = await deskWithQuo();
    d.inbound('STOP');
    d.inbound('START');
    d.inbound('unstop');
    d.inbound('YES');
    await drain();
    expect(d.audit().map((a) => a.newState)).toEqual(['opted_out', 'opted_in']);
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([
      UNSUBSCRIBED,
      "You're resubscribed to Bloom Florist messages. Reply STOP to opt out.",
    ]);
  });

  it('an opt-out takes the contact out of every waiting message, not only campaigns: a queued reply and HELP answer are skipped', async () => {
    d = await deskWithQuo();
    d.inbound('Are you open on Sunday?');
    const reply = await d.app.dispatch('inbox:reply', { contactId: d.anaId, body: 'Yes, 10 to 4!' });
    expect(reply.ok).toBe(true);
    d.inbound('HELP');
    d.inbound('STOP');
    expect(d.outbox().map((o) => [o.kind, o.state, o.errorCode])).toEqual([
      ['reply', 'skipped', 'opted_out'],
      ['help', 'skipped', 'opted_out'],
      ['confirmation', 'queued', null],
    ]);
    await drain();
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([UNSUBSCRIBED]);
  });
});

describe('HELP / INFO', () => {
  it('answers with the wording from Settings, filled with the business name and contact, and changes no consent', async () => {
    d = await deskWithQuo();
    d.inbound('HELP');
    d.app.settings.set(
      'compliance.helpReply',
      '{business} here! Call {contact} or visit bloom.example. Reply STOP to opt out.',
    );
    d.inbound('info?');
    await drain();
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([
      'Bloom Florist: for help, contact (415) 555-0199. Reply STOP to opt out.',
      'Bloom Florist here! Call (415) 555-0199 or visit bloom.example. Reply STOP to opt out.',
    ]);
    expect(d.outbox('help').every((o) => o.fromNumber === OUR_NUMBER && o.provider === 'quo')).toBe(true);
    expect(d.audit()).toEqual([]);
    expect(d.optedOut()).toBe(false);
  });

  it('uses the confirmation wordings from Settings too', async () => {
    d = await deskWithQuo();
    d.app.settings.set('compliance.optOutConfirmation', '{business}: you are off our list. Text START to come back.');
    d.inbound('unsubscribe');
    await drain();
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual(['Bloom Florist: you are off our list. Text START to come back.']);
  });
});

describe('the 5-minute rule for confirmations', () => {
  it('a STOP that reaches us more than 5 minutes after it was sent gets no late confirmation, and the row says why', async () => {
    d = await deskWithQuo();
    d.inbound('STOP', { at: new Date(d.now().getTime() - 6 * 60_000).toISOString() });
    await drain();
    expect(d.optedOut()).toBe(true);
    expect(d.outbox('confirmation')).toMatchObject([{ state: 'skipped', errorCode: 'confirmation_late' }]);
    expect(d.sentTo(ANA)).toEqual([]);
  });

  it('a confirmation still waiting 5 minutes after the STOP is skipped at the moment the dispatcher would send it', async () => {
    d = await deskWithQuo();
    d.inbound('STOP');
    d.advance(5 * 60_000);
    await drain();
    expect(d.outbox('confirmation')).toMatchObject([{ state: 'skipped', errorCode: 'confirmation_late' }]);
    expect(d.sentTo(ANA)).toEqual([]);
  });

  it('one second before the deadline it is still sent', async () => {
    d = await deskWithQuo();
    d.inbound('STOP');
    d.advance(5 * 60_000 - 1000);
    await drain();
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([UNSUBSCRIBED]);
  });

  it('the background tick marks late confirmations skipped even while nothing is being sent (provider down, app busy)', async () => {
    d = await deskWithQuo();
    d.inbound('STOP');
    d.advance(5 * 60_000 + 1);
    d.app.tick();
    expect(d.outbox('confirmation')).toMatchObject([{ state: 'skipped', errorCode: 'confirmation_late' }]);
  });

  it('confirmations are not marketing: one goes out at 3 a.m. while a marketing reply waits for the morning', async () => {
    d = await deskWithQuo({ start: '2026-12-02T08:00:00Z' }); // 03:00 in New York, 00:00 in San Francisco
    d.app.db
      .prepare(
        `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+12125550123', 'Ben', 'x', 'x')`,
      )
      .run();
    d.inbound('What time do you open?', { from: '+12125550123' });
    const reply = await d.app.dispatch('inbox:reply', {
      contactId: (d.app.db.prepare(`SELECT id FROM contacts WHERE phone = '+12125550123'`).get() as { id: number }).id,
      body: 'We open at 9!',
    });
    expect(reply).toMatchObject({ ok: true, value: { waitsUntil: '2026-12-02T13:00:00.000Z' } });
    d.inbound('STOP');
    await drain();
    expect(d.sentTo(ANA).map((m) => m.text)).toEqual([UNSUBSCRIBED]);
    expect(d.sentTo('+12125550123')).toEqual([]);
    expect(d.outbox('reply')).toMatchObject([{ state: 'queued' }]);
  });
});
