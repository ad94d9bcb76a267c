import type { IncomingHttpHeaders } from 'node:http';
import { headerValue, rejected, type Verdict } from './signatures/common';
import { checkQuoLegacyShape, verifyQuoLegacy } from './signatures/quo-legacy';
import { verifyStandardWebhook } from './signatures/standard';
import { verifyTwilio } from './signatures/twilio';
import { POSTMARK_WEBHOOK_USER, verifyBasic } from './signatures/basic';
import { parsePostmarkWebhook } from './parse/postmark';
import type { ParseOutcome } from './parse/outcome';
import { parseQuoWebhook } from './parse/quo';
import { parseTwilioWebhook } from './parse/twilio';

export interface WebhookSecrets {
  /** Quo legacy webhooks: the base64 signing secret shown in Quo. */
  quoSigningSecret?: string;
  /** Quo new (Standard Webhooks) webhooks: the `whsec_…` secret. */
  quoWebhookSecret?: string;
  twilioAuthToken?: string;
  /** Postmark webhooks: the password in the webhook URL's Basic credentials (secret postmark.webhookPassword). */
  postmarkWebhookPassword?: string;
}

/**
 * A webhook request judged on its raw bytes: refused (nothing may be stored), or accepted with what it means.
 * Nothing here touches the database, so a refusal cannot have a side effect.
 */
export type Reception =
  | { ok: false; status: 400 | 401; reason: string }
  | { ok: true; outcome: Exclude<ParseOutcome, { kind: 'invalid' }>; raw: unknown };

const STANDARD_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function accept(outcome: ParseOutcome, raw: unknown): Reception {
  return outcome.kind === 'invalid' ? { ok: false, status: 400, reason: outcome.reason } : { ok: true, outcome, raw };
}

/**
 * What can be refused from the headers alone, before the body is read or anything is hashed: a legacy Quo signature
 * header with more entries than Quo ever sends.
 */
export function refuseBeforeBody(path: string, headers: IncomingHttpHeaders): { status: 401; reason: string } | null {
  if (path !== '/webhooks/quo' || STANDARD_HEADERS.some((name) => headers[name] !== undefined)) return null;
  const legacy = headerValue(headers['openphone-signature']);
  const verdict = legacy === undefined ? null : checkQuoLegacyShape(legacy);
  return verdict && !verdict.ok ? { status: 401, reason: verdict.reason } : null;
}

/** Quo: the scheme is chosen by the headers present (new Standard Webhooks headers win over the legacy one). */
export function receiveQuo(body: Buffer, headers: IncomingHttpHeaders, secrets: WebhookSecrets, now: Date): Reception {
  const webhookId = headerValue(headers['webhook-id']);
  const standard = STANDARD_HEADERS.some((name) => headers[name] !== undefined);
  const legacy = headerValue(headers['openphone-signature']);
  const verdict = standard
    ? verifyStandardWebhook(
        {
          id: webhookId,
          timestamp: headerValue(headers['webhook-timestamp']),
          signature: headerValue(headers['webhook-signature']),
        },
        body,
        secrets.quoWebhookSecret,
        now,
      )
    : legacy !== undefined
      ? verifyQuoLegacy(legacy, body, secrets.quoSigningSecret, now)
      : rejected('missing signature: expected an openphone-signature or webhook-signature header');
  if (!verdict.ok) return { ok: false, status: 401, reason: verdict.reason };

  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'the body is not valid JSON' };
  }
  return accept(parseQuoWebhook(payload, standard ? webhookId : undefined, now), payload);
}

/** Twilio: form-encoded; `signedUrl` is the public URL Twilio called, path and query included. */
export function receiveTwilio(
  body: Buffer,
  headers: IncomingHttpHeaders,
  signedUrl: string | undefined,
  secrets: WebhookSecrets,
  now: Date,
): Reception {
  const params = new URLSearchParams(body.toString('utf8'));
  const verdict = verifyTwilio(headerValue(headers['x-twilio-signature']), signedUrl, params, secrets.twilioAuthToken);
  if (!verdict.ok) return { ok: false, status: 401, reason: verdict.reason };
  return accept(parseTwilioWebhook(params, now), Object.fromEntries(params));
}

/** Postmark: JSON, no signature; the Basic credentials of the webhook URL are checked before the body is read. */
export function receivePostmark(body: Buffer, now: Date): Reception {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'the body is not valid JSON' };
  }
  return accept(parsePostmarkWebhook(payload, now), payload);
}

/** Postmark's Basic credentials, checked from the headers alone (a wrong one never has its body read or stored). */
export function postmarkCredentials(headers: IncomingHttpHeaders, secrets: WebhookSecrets): Verdict {
  return verifyBasic(headerValue(headers.authorization), POSTMARK_WEBHOOK_USER, secrets.postmarkWebhookPassword);
}
