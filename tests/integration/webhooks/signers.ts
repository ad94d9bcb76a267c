import { createHmac } from 'node:crypto';

/**
 * How the providers sign, written straight from providers.md with node:crypto (not with the code under test), so
 * the relay is checked against the documented schemes rather than against itself.
 */

export const QUO_SIGNING_SECRET = Buffer.from('quo legacy signing secret used only in tests').toString('base64');
export const QUO_WEBHOOK_SECRET = `whsec_${Buffer.from('quo standard webhook secret, tests only').toString('base64')}`;
export const TWILIO_AUTH_TOKEN = '3f5e0c1b9a8d7e6f5a4b3c2d1e0f9a8b';
export const PUBLIC_URL = 'https://desk-relay.example.com';

/** `openphone-signature` value: hmac;1;<ms>;base64(HMAC-SHA256(base64decode(secret), "<ms>.<body>")). */
export function quoLegacySignature(body: string | Buffer, atMs: number, secret = QUO_SIGNING_SECRET): string {
  const digest = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${atMs}.`).update(body).digest('base64');
  return `hmac;1;${atMs};${digest}`;
}

export function quoLegacyHeaders(
  body: string | Buffer,
  atMs: number,
  secret = QUO_SIGNING_SECRET,
): Record<string, string> {
  return { 'content-type': 'application/json', 'openphone-signature': quoLegacySignature(body, atMs, secret) };
}

/** Standard Webhooks headers: v1,base64(HMAC-SHA256(base64decode(secret minus whsec_), "<id>.<seconds>.<body>")). */
export function standardHeaders(
  id: string,
  body: string | Buffer,
  atSeconds: number,
  secret = QUO_WEBHOOK_SECRET,
): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const digest = createHmac('sha256', key).update(`${id}.${atSeconds}.`).update(body).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(atSeconds),
    'webhook-signature': `v1,${digest}`,
  };
}

/** X-Twilio-Signature: base64(HMAC-SHA1(token, url + each param name+value sorted by name)). */
export function twilioSignature(url: string, params: Record<string, string>, token = TWILIO_AUTH_TOKEN): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

export function twilioRequest(
  path: string,
  params: Record<string, string>,
  token = TWILIO_AUTH_TOKEN,
  publicUrl = PUBLIC_URL,
) {
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(`${publicUrl}${path}`, params, token),
    },
  };
}

/** A legacy Quo `message.received` event as Quo sends it. */
export function quoReceived(o: {
  eventId: string;
  messageId: string;
  from: string;
  to: string;
  body: string;
  createdAt: string;
}): object {
  return {
    id: o.eventId,
    object: 'event',
    createdAt: o.createdAt,
    apiVersion: 'v2',
    type: 'message.received',
    data: {
      object: {
        id: o.messageId,
        object: 'message',
        from: o.from,
        to: [o.to],
        direction: 'incoming',
        body: o.body,
        media: [],
        status: 'received',
        createdAt: o.createdAt,
        userId: 'USabc',
        phoneNumberId: 'PNabc',
        conversationId: 'CNabc',
      },
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | null;
}

export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Answer> {
  const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
  const res = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}
