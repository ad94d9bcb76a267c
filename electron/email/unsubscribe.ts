import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../settings/secrets';

/**
 * Signed unsubscribe links (RFC 8058 one-click and the footer link). A token names one recipient of one e-mail:
 * `<contactId>.<outboxId>.<HMAC-SHA256 over both, base64url>`, keyed with a secret the app generates once and keeps
 * in the secret store. Anyone holding the link may unsubscribe that contact, nobody can make a link for another.
 */

const TOKEN = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

/** The signing key: generated on first use and kept, so links in e-mails already sent keep working. */
export function unsubscribeKey(secrets: SecretStore): string {
  const existing = secrets.get('email.unsubscribeKey');
  if (existing) return existing;
  const key = randomBytes(32).toString('base64url');
  secrets.set('email.unsubscribeKey', key);
  return key;
}

function mac(key: string, contactId: number, outboxId: number): Buffer {
  return createHmac('sha256', key).update(`unsubscribe:v1:${contactId}:${outboxId}`).digest();
}

export function signUnsubscribeToken(key: string, contactId: number, outboxId: number): string {
  return `${contactId}.${outboxId}.${mac(key, contactId, outboxId).toString('base64url')}`;
}

/** The recipient a token names, or null for anything forged, altered or malformed (compared in constant time). */
export function verifyUnsubscribeToken(key: string, token: string): { contactId: number; outboxId: number } | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const contactId = Number(m[1]);
  const outboxId = Number(m[2]);
  if (!Number.isSafeInteger(contactId) || !Number.isSafeInteger(outboxId)) return null;
  const given = Buffer.from(m[3], 'base64url');
  const expected = mac(key, contactId, outboxId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { contactId, outboxId };
}

export interface UnsubscribeLinkContext {
  /** The relay's public (tunnel) address, e.g. https://abc.trycloudflare.com. */
  publicUrl: string;
  key: string;
  /** The address that receives mailto unsubscribes (the sender's own mailbox). */
  mailbox: string;
}

/** The https link for the e-mail's footer and its List-Unsubscribe header. */
export function unsubscribeLink(ctx: UnsubscribeLinkContext, contactId: number, outboxId: number): string {
  return `${ctx.publicUrl.replace(/\/+$/, '')}/u/${signUnsubscribeToken(ctx.key, contactId, outboxId)}`;
}

/** The bare address out of `Name <address>`. */
export function bareAddress(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  return (m ? m[1] : from).trim();
}

/** RFC 8058 headers: https (one-click POST) and mailto (read by the owner, who unsubscribes the sender by hand). */
export function listUnsubscribeHeaders(
  ctx: UnsubscribeLinkContext,
  contactId: number,
  outboxId: number,
): Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string> {
  const token = signUnsubscribeToken(ctx.key, contactId, outboxId);
  const mailto = `mailto:${bareAddress(ctx.mailbox)}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  return {
    'List-Unsubscribe': `<${unsubscribeLink(ctx, contactId, outboxId)}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
