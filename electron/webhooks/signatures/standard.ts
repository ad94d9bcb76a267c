import { Webhook } from 'standardwebhooks';
import { accepted, checkTimestamp, isBase64, rejected, sameDigest, type Verdict } from './common';

export interface StandardHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

// Building a Webhook decodes the secret; secrets change rarely, so keep the last one.
let cached: { secret: string; webhook: Webhook } | null = null;

function webhookFor(secret: string): Webhook | null {
  if (cached?.secret === secret) return cached.webhook;
  try {
    const webhook = new Webhook(secret.trim());
    cached = { secret, webhook };
    return webhook;
  } catch {
    return null;
  }
}

/**
 * Standard Webhooks (Quo's new webhooks): HMAC-SHA256 over `<id>.<timestamp>.<raw body>` keyed with the `whsec_…`
 * secret. The package computes the signature; the clock check is ours because the package reads the system clock
 * and this desk's time is injected. `webhook-signature` is a space-separated list; any matching `v1` entry is enough.
 */
export function verifyStandardWebhook(
  headers: StandardHeaders,
  body: Buffer,
  secret: string | undefined,
  now: Date,
): Verdict {
  if (!secret) return rejected('no Quo webhook secret (whsec_…) is configured; paste it from the Quo webhook settings');
  const { id, timestamp, signature } = headers;
  if (!id?.trim() || !timestamp?.trim() || !signature?.trim()) {
    return rejected('missing webhook-id, webhook-timestamp or webhook-signature header');
  }
  if (!/^\d{1,12}$/.test(timestamp)) return rejected('webhook-timestamp is not a number of seconds');
  const webhook = webhookFor(secret);
  if (!webhook)
    return rejected('the configured Quo webhook secret is not a valid whsec_ secret; copy it again from Quo');

  const presented = signature
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const comma = entry.indexOf(',');
      return comma < 0
        ? { version: entry, digest: '' }
        : { version: entry.slice(0, comma), digest: entry.slice(comma + 1) };
    })
    .filter((s) => s.version === 'v1');
  if (!presented.length) return rejected('webhook-signature has no v1 signature');
  if (!presented.some((s) => isBase64(s.digest))) return rejected('webhook-signature is not base64');

  const fresh = checkTimestamp(Number(timestamp) * 1000, now);
  if (!fresh.ok) return fresh;
  // The signed text uses the timestamp exactly as sent; the package formats it from a Date, so insist they agree.
  if (String(Number(timestamp)) !== timestamp) return rejected('webhook-timestamp has leading zeros');
  const expected = webhook.sign(id, new Date(Number(timestamp) * 1000), body).slice('v1,'.length);
  return presented.some((s) => sameDigest(expected, s.digest))
    ? accepted
    : rejected('webhook-signature does not match');
}
