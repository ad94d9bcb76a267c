import { createHmac } from 'node:crypto';
import { accepted, isBase64, rejected, sameDigest, type Verdict } from './common';

/**
 * Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1 keyed with the Auth Token over the full URL Twilio called (query
 * included) followed by every POST parameter sorted by name, as name then value with no separators. A name sent
 * more than once contributes each of its values in sorted order (what Twilio's own libraries do).
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  // Default sort compares UTF-16 code units: Twilio's "Unix-style case-sensitive" order for these ASCII names.
  for (const name of [...byName.keys()].sort()) {
    for (const value of byName.get(name)!.sort()) hmac.update(name + value, 'utf8');
  }
  return hmac.digest('base64');
}

/**
 * Twilio may sign the URL with or without the default port (":443" behind some proxies); its libraries accept
 * either, and so do we.
 */
function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
  if (!defaultPort) return [url];
  const withoutPort = `${parsed.protocol}//${parsed.hostname}${parsed.pathname}${parsed.search}`;
  const withPort = `${parsed.protocol}//${parsed.hostname}:${parsed.port || defaultPort}${parsed.pathname}${parsed.search}`;
  return [...new Set([url, withoutPort, withPort])];
}

export function verifyTwilio(
  header: string | undefined,
  url: string | undefined,
  params: URLSearchParams,
  authToken: string | undefined,
): Verdict {
  if (!authToken) return rejected('no Twilio Auth Token is configured');
  if (!url) return rejected('the public webhook URL is not configured, so Twilio signatures cannot be checked');
  if (!header?.trim()) return rejected('missing X-Twilio-Signature header');
  const presented = header.trim();
  if (!isBase64(presented)) return rejected('X-Twilio-Signature is not base64');
  for (const candidate of urlVariants(url)) {
    if (sameDigest(twilioSignature(authToken, candidate, params), presented)) return accepted;
  }
  return rejected('X-Twilio-Signature does not match (is the public URL the one Twilio calls?)');
}
