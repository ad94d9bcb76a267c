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
 * Entries one `openphone-signature` header may carry. Quo sends one (two while a secret is being rotated); each
 * entry costs an HMAC over the whole body, so a forged header of hundreds of entries would cost hundreds of them.
 */
export const MAX_QUO_SIGNATURE_ENTRIES = 4;

function entriesOf(header: string): string[] {
  return header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/** Refuses a header with more entries than Quo ever sends; needs no body, so it can answer before the body is read. */
export function checkQuoLegacyShape(header: string): Verdict {
  const count = entriesOf(header).length;
  return count > MAX_QUO_SIGNATURE_ENTRIES
    ? rejected(`openphone-signature has ${count} entries; Quo sends at most ${MAX_QUO_SIGNATURE_ENTRIES}`)
    : accepted;
}

/**
 * Quo's legacy webhook signature: HMAC-SHA256 over `<timestamp>.<raw body>` keyed with the base64-decoded signing
 * secret. Several comma-separated entries may be present (key rotation); any fresh matching one is enough.
 */
export function verifyQuoLegacy(
  header: string | undefined,
  body: Buffer,
  signingSecret: string | undefined,
  now: Date,
): Verdict {
  if (!signingSecret) return rejected('no Quo signing secret is configured; paste it from the Quo webhook settings');
  if (!header?.trim()) return rejected('missing openphone-signature header');
  const key = decodeSecret(signingSecret);
  if (!key) return rejected('the configured Quo signing secret is not valid base64; copy it again from Quo');

  const shape = checkQuoLegacyShape(header);
  if (!shape.ok) return shape;
  const entries = entriesOf(header);
  // One HMAC per distinct timestamp, however many entries share it.
  const digests = new Map<string, string>();
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
    let expected = digests.get(entry.timestamp);
    if (expected === undefined) {
      expected = createHmac('sha256', key).update(`${entry.timestamp}.`).update(body).digest('base64');
      digests.set(entry.timestamp, expected);
    }
    if (sameDigest(expected, entry.digest)) return accepted;
    mismatched = true;
  }
  if (mismatched) return rejected('openphone-signature does not match');
  return rejected(stale ?? malformed ?? 'missing openphone-signature header');
}
