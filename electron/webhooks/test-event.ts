import { createHmac } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { WebhookTestResult } from '../../shared/ipc/channels/webhooks';
import type { DeskCore } from '../core';
import { eventState } from './queries';

/** Event ids of test events start with this, so the event list (and reconciliation) can tell them apart. */
export const TEST_EVENT_PREFIX = 'EVdesktest';

type Scheme = WebhookTestResult['scheme'];

/**
 * A Quo delivery receipt for a message id that cannot exist (ACdesktest…): it goes through verification, storage
 * and processing like a real one, and processing it changes nothing because no outbox row has that id.
 */
function testPayload(scheme: Scheme, stamp: string, at: string): object {
  const message = {
    id: `ACdesktest${stamp}`,
    object: 'message',
    from: '+15550100000',
    to: ['+15550100001'],
    direction: 'outgoing',
    body: 'SMS Campaign Desk test event',
    media: [],
    status: 'delivered',
    createdAt: at,
    updatedAt: at,
  };
  const id = `${TEST_EVENT_PREFIX}${stamp}${scheme === 'legacy' ? 'L' : 'S'}`;
  return scheme === 'legacy'
    ? { id, object: 'event', createdAt: at, apiVersion: 'v1', type: 'message.delivered', data: { object: message } }
    : {
        id,
        apiVersion: '2026-03-30',
        createdAt: at,
        type: 'message.delivered',
        data: { resource: message, context: {}, links: {} },
      };
}

/** Signs exactly as providers.md documents: the same bytes Quo would send, so the relay cannot tell the difference. */
function signedHeaders(scheme: Scheme, secret: string, body: string, now: Date, stamp: string): Record<string, string> {
  if (scheme === 'legacy') {
    const ms = String(now.getTime());
    const digest = createHmac('sha256', Buffer.from(secret.trim(), 'base64'))
      .update(`${ms}.`)
      .update(body)
      .digest('base64');
    return { 'content-type': 'application/json', 'openphone-signature': `hmac;1;${ms};${digest}` };
  }
  const id = `msg_desktest${stamp}`;
  const seconds = String(Math.floor(now.getTime() / 1000));
  const key = Buffer.from(secret.trim().replace(/^whsec_/, ''), 'base64');
  const digest = createHmac('sha256', key).update(`${id}.${seconds}.`).update(body).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': seconds,
    'webhook-signature': `v1,${digest}`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The stored event's state; a relay in another process (the CLI's) may take a moment to process it. */
async function storedState(
  core: Pick<DeskCore, 'db'>,
  eventId: string,
): Promise<{ state: string; lastError: string | null } | null> {
  const read = () => eventState(core.db, 'quo', eventId);
  for (let i = 0; i < 40; i++) {
    const row = read();
    if (row && row.state !== 'pending') return row;
    await sleep(50);
  }
  return read() ?? null;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; json: { reason?: string } | null }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
  } catch {
    throw new AppError(
      'provider_error',
      `Nothing answered at ${url}: the webhook relay is not running. It starts with the app; if another program uses its port, change webhooks.port and restart.`,
    );
  }
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) as { reason?: string } };
  } catch {
    return { status: res.status, json: null };
  }
}

/**
 * Posts one correctly signed Quo test event per configured Quo secret to the relay over loopback and reports what
 * became of it: refused (and why), or verified, stored and processed.
 */
export async function sendTestEvents(
  core: Pick<DeskCore, 'db' | 'secrets' | 'now' | 'random'>,
  relayUrl: string,
): Promise<WebhookTestResult[]> {
  const configured: Array<{ scheme: Scheme; secret: WebhookTestResult['secret']; value: string }> = [];
  const signing = core.secrets.get('quo.signingSecret');
  const standard = core.secrets.get('quo.webhookSecret');
  if (signing) configured.push({ scheme: 'legacy', secret: 'quo.signingSecret', value: signing });
  if (standard) configured.push({ scheme: 'standard', secret: 'quo.webhookSecret', value: standard });
  if (!configured.length) {
    throw new AppError(
      'secret_unavailable',
      'Set a Quo webhook secret first: quo.signingSecret (the base64 signing secret of a webhook made in the Quo app) or quo.webhookSecret (whsec_…, for webhooks made through the API). The test event is signed with it.',
    );
  }
  const results: WebhookTestResult[] = [];
  for (const c of configured) {
    const now = core.now();
    const stamp = `${now.getTime()}${Math.floor(core.random() * 1e6)}`;
    const payload = testPayload(c.scheme, stamp, now.toISOString()) as { id: string };
    const body = JSON.stringify(payload);
    const answer = await post(`${relayUrl}/webhooks/quo`, signedHeaders(c.scheme, c.value, body, now, stamp), body);
    if (answer.status !== 200) {
      results.push({
        scheme: c.scheme,
        secret: c.secret,
        eventId: payload.id,
        httpStatus: answer.status,
        state: null,
        message: `The relay refused the test event (HTTP ${answer.status}): ${answer.json?.reason ?? 'no reason given'}.`,
      });
      continue;
    }
    const stored = await storedState(core, payload.id);
    const message = !stored
      ? 'The relay accepted the test event but it is not in this database: is the relay on this port another copy of the app with its own data?'
      : stored.state === 'processed'
        ? `Signed with ${c.secret}: verified, stored and processed. The relay accepts webhooks signed with this secret.`
        : `Stored but not processed yet (${stored.state}${stored.lastError ? `: ${stored.lastError}` : ''}).`;
    results.push({
      scheme: c.scheme,
      secret: c.secret,
      eventId: payload.id,
      httpStatus: answer.status,
      state: stored?.state ?? null,
      message,
    });
  }
  return results;
}
