import { createHmac } from 'node:crypto';
import { accepted, checkTimestamp, isBase64, rejected, sameDigest, type Verdict } from './common';

interface SignatureEntry {
  signedAtMs: number;
  timestamp: string;
  digest: string;
}

/** One `hmac;1;<ms timestamp>;<base64>` entry, or why it cannot be one. */
function parseEntry(entry: string): SignatureEntry | string {
  const parts = entry.split(';');
  if (parts.length !== 4) return 'openphone-signature must look like hmac;1;<timestamp>;<signature>';
  const [scheme, version, timestamp, digest] = parts.map((p) => p.trim());
  if (scheme !== 'hmac') return `openphone-signature scheme "${scheme.slice(0, 20)}" is not hmac`;
  if (version !== '1') return `openphone-signature version "${version.slice(0, 20)}" is not supported`;
  if (!/^\d{1,16}$/.test(timestamp)) return 'openphone-signature timestamp is not a number of milliseconds';
  if (!isBase64(digest)) return 'openphone-signature is not base64';
  return { signedAtMs: Number(timestamp), timestamp, digest };
}

/** The signing secret Quo shows is base64; the key is its decoded bytes. */
function decodeSecret(secret: string): Buffer | null {
  const trimmed = secret.trim();
  if (!isBase64(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length ? key : null;
}

/**
 * Quo's legacy webhook signature: HMAC-SHA256 over `<timestamp>.<raw body>` keyed with the base64-decoded signing
 * secret. Several comma-separated entries may be present (key rotation); any fresh matching one is enough.
 */
export function verifyQuoLegacy(header: string | undefined, body: Buffer, signingSecret: string | undefined, now: Date): Verdict {
  if (!signingSecret) return rejected('no Quo signing secret is configured; paste it from the Quo webhook settings');
  if (!header?.trim()) return rejected('missing openphone-signature header');
  const key = decodeSecret(signingSecret);
  if (!key) return rejected('the configured Quo signing secret is not valid base64; copy it again from Quo');

  const entries = header.split(',').map((e) => e.trim()).filter(Boolean);
  let malformed: string | null = null;
  let stale: string | null = null;
  let mismatched = false;
  for (const raw of entries) {
    const entry = parseEntry(raw);
    if (typeof entry === 'string') {
      malformed ??= entry;
      continue;
    }
    const fresh = checkTimestamp(entry.signedAtMs, now);
    if (!fresh.ok) {
      stale ??= fresh.reason;
      continue;
    }
    const expected = createHmac('sha256', key).update(`${entry.timestamp}.`).update(body).digest('base64');
    if (sameDigest(expected, entry.digest)) return accepted;
    mismatched = true;
  }
  if (mismatched) return rejected('openphone-signature does not match');
  return rejected(stale ?? malformed ?? 'missing openphone-signature header');
}
