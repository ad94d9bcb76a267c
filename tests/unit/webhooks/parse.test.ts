import { describe, expect, it } from 'vitest';
import { parseQuoWebhook } from '../../../electron/webhooks/parse/quo';
import { parseTwilioWebhook } from '../../../electron/webhooks/parse/twilio';

const now = new Date('2026-11-28T15:00:00Z');

describe('Quo webhook parsing', () => {
  const legacyMessage = {
    id: 'AC1',
    object: 'message',
    from: '+14155550100',
    to: ['+14155550000'],
    direction: 'incoming',
    body: 'Hi there',
    status: 'received',
    createdAt: '2026-11-28T14:58:00.000Z',
  };
  const legacy = (type: string, object: object = legacyMessage) => ({
    id: 'EV1',
    object: 'event',
    createdAt: '2026-11-28T14:59:00.000Z',
    apiVersion: 'v2',
    type,
    data: { object },
  });

  it('reads a legacy message.received as an inbound message, timed when it arrived', () => {
    expect(parseQuoWebhook(legacy('message.received'), undefined, now)).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'inbound',
          provider: 'quo',
          eventId: 'EV1',
          providerMessageId: 'AC1',
          from: '+14155550100',
          to: '+14155550000',
          body: 'Hi there',
          at: '2026-11-28T14:58:00.000Z',
        },
      ],
    });
  });

  it('reads the variants real payloads use: text instead of body, to as a string, no createdAt', () => {
    const variant = { id: 'AC2', from: '+14155550101', to: '+14155550000', text: 'Yes please' };
    const outcome = parseQuoWebhook({ id: 'EV2', type: 'message.received', data: { object: variant } }, undefined, now);
    expect(outcome).toMatchObject({
      kind: 'events',
      events: [
        { kind: 'inbound', from: '+14155550101', to: '+14155550000', body: 'Yes please', at: now.toISOString() },
      ],
    });
  });

  it('reads message.delivered as a delivered status', () => {
    expect(
      parseQuoWebhook(
        legacy('message.delivered', { ...legacyMessage, direction: 'outgoing', status: 'delivered' }),
        undefined,
        now,
      ),
    ).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'status',
          provider: 'quo',
          eventId: 'EV1',
          providerMessageId: 'AC1',
          status: 'delivered',
          errorCode: null,
          errorMessage: null,
          at: '2026-11-28T14:59:00.000Z',
        },
      ],
    });
  });

  it('reads a new-style message.failed with its carrier error, wherever the error sits', () => {
    const base = { id: 'EV3', apiVersion: '2026-03-30', createdAt: '2026-11-28T14:59:30Z', type: 'message.failed' };
    const onResource = {
      ...base,
      data: { resource: { id: 'AC3', errorCode: 30007, errorMessage: 'Carrier filtered' }, context: {}, links: {} },
    };
    const inError = {
      ...base,
      data: {
        resource: { id: 'AC3', error: { code: '30003', message: 'Unreachable handset' } },
        context: {},
        links: {},
      },
    };
    const inContext = { ...base, data: { resource: { id: 'AC3' }, context: { errorCode: '30005' }, links: {} } };
    expect(parseQuoWebhook(onResource, 'msg_1', now)).toMatchObject({
      events: [
        {
          kind: 'status',
          eventId: 'EV3',
          status: 'failed',
          errorCode: '30007',
          errorMessage: 'Carrier filtered',
          at: '2026-11-28T14:59:30.000Z',
        },
      ],
    });
    expect(parseQuoWebhook(inError, 'msg_1', now)).toMatchObject({
      events: [{ errorCode: '30003', errorMessage: 'Unreachable handset' }],
    });
    expect(parseQuoWebhook(inContext, 'msg_1', now)).toMatchObject({
      events: [{ errorCode: '30005', errorMessage: null }],
    });
  });

  it('falls back to the webhook-id when the body has no event id', () => {
    const { id: _id, ...noId } = legacy('message.received');
    expect(parseQuoWebhook(noId, 'msg_9', now)).toMatchObject({ events: [{ eventId: 'msg_9' }] });
    expect(parseQuoWebhook(noId, undefined, now)).toEqual({ kind: 'invalid', reason: 'the event has no id' });
  });

  it('ignores event types the desk does not use', () => {
    for (const type of ['call.completed', 'call.ringing', 'contact.updated', 'contact.deleted']) {
      expect(parseQuoWebhook(legacy(type, { id: 'CA1' }), undefined, now)).toEqual({
        kind: 'ignored',
        reason: `${type} events are not used by the desk`,
      });
    }
  });

  it('calls unreadable bodies invalid', () => {
    expect(parseQuoWebhook('text', undefined, now).kind).toBe('invalid');
    expect(parseQuoWebhook({ id: 'EV1' }, undefined, now)).toEqual({
      kind: 'invalid',
      reason: 'the event has no type',
    });
    expect(parseQuoWebhook({ id: 'EV1', type: 'message.received', data: {} }, undefined, now)).toEqual({
      kind: 'invalid',
      reason: 'the message.received event carries no message',
    });
    expect(parseQuoWebhook(legacy('message.received', { ...legacyMessage, from: undefined }), undefined, now)).toEqual({
      kind: 'invalid',
      reason: 'the received message has no sender',
    });
  });
});

describe('Twilio webhook parsing', () => {
  const form = (o: Record<string, string>) => new URLSearchParams(o);
  const sid = 'SM0123456789abcdef0123456789abcdef';

  it('reads status callbacks, de-duplicated by MessageSid and status', () => {
    expect(
      parseTwilioWebhook(
        form({ MessageSid: sid, MessageStatus: 'delivered', SmsStatus: 'delivered', To: '+14155550100' }),
        now,
      ),
    ).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'status',
          provider: 'twilio',
          eventId: `${sid}:delivered`,
          providerMessageId: sid,
          status: 'delivered',
          errorCode: null,
          errorMessage: null,
          at: now.toISOString(),
        },
      ],
    });
    expect(
      parseTwilioWebhook(form({ MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' }), now),
    ).toMatchObject({ events: [{ eventId: `${sid}:undelivered`, status: 'undelivered', errorCode: '30003' }] });
    expect(parseTwilioWebhook(form({ MessageSid: sid, MessageStatus: 'sent' }), now)).toMatchObject({
      events: [{ status: 'sent' }],
    });
    expect(
      parseTwilioWebhook(form({ MessageSid: sid, MessageStatus: 'failed', ErrorCode: '30008' }), now),
    ).toMatchObject({ events: [{ status: 'failed', errorCode: '30008' }] });
  });

  it('ignores statuses that change nothing', () => {
    for (const status of ['queued', 'sending', 'accepted', 'scheduled']) {
      expect(parseTwilioWebhook(form({ MessageSid: sid, MessageStatus: status }), now)).toEqual({
        kind: 'ignored',
        reason: `status ${status} does not change a message`,
      });
    }
  });

  it('reads an inbound message', () => {
    const params = form({
      MessageSid: sid,
      SmsStatus: 'received',
      From: '+14155550100',
      To: '+14155550000',
      Body: 'Open Sunday?',
      NumMedia: '0',
    });
    expect(parseTwilioWebhook(params, now)).toEqual({
      kind: 'events',
      events: [
        {
          kind: 'inbound',
          provider: 'twilio',
          eventId: `${sid}:received`,
          providerMessageId: sid,
          from: '+14155550100',
          to: '+14155550000',
          body: 'Open Sunday?',
          at: now.toISOString(),
        },
      ],
    });
  });

  it('adds a provider opt-out, recorded first, when Twilio marks an inbound OptOutType=STOP', () => {
    const outcome = parseTwilioWebhook(
      form({
        MessageSid: sid,
        SmsStatus: 'received',
        From: '+14155550100',
        To: '+14155550000',
        Body: 'Stop',
        OptOutType: 'STOP',
      }),
      now,
    );
    expect(outcome).toMatchObject({
      kind: 'events',
      events: [
        {
          kind: 'provider_opt_out',
          provider: 'twilio',
          eventId: `${sid}:opt_out`,
          phone: '+14155550100',
          detail: 'Twilio OptOutType=STOP; reply: Stop',
        },
        { kind: 'inbound', eventId: `${sid}:received`, body: 'Stop' },
      ],
    });
    // START and HELP are keywords the inbound path already handles; they are not opt-outs.
    expect(
      parseTwilioWebhook(
        form({ MessageSid: sid, SmsStatus: 'received', From: '+1', Body: 'START', OptOutType: 'START' }),
        now,
      ),
    ).toMatchObject({ events: [{ kind: 'inbound' }] });
  });

  it('records error 21610 on a status callback as a provider opt-out of the recipient', () => {
    const outcome = parseTwilioWebhook(
      form({ MessageSid: sid, MessageStatus: 'failed', ErrorCode: '21610', To: '+14155550100' }),
      now,
    );
    expect(outcome).toMatchObject({
      events: [
        { kind: 'status', status: 'failed', errorCode: '21610' },
        { kind: 'provider_opt_out', phone: '+14155550100', eventId: `${sid}:opt_out` },
      ],
    });
  });

  it('ignores call webhooks and calls other bodies invalid', () => {
    expect(parseTwilioWebhook(form({ CallSid: 'CA1', CallStatus: 'ringing' }), now).kind).toBe('ignored');
    expect(parseTwilioWebhook(form({ Foo: 'bar' }), now)).toEqual({
      kind: 'invalid',
      reason: 'the request has no MessageSid',
    });
    expect(parseTwilioWebhook(form({ MessageSid: sid }), now)).toEqual({
      kind: 'invalid',
      reason: 'the request has neither MessageStatus nor Body',
    });
    expect(parseTwilioWebhook(form({ MessageSid: sid, SmsStatus: 'received', Body: 'hi' }), now)).toEqual({
      kind: 'invalid',
      reason: 'the inbound message has no From number',
    });
  });
});
