import { createHash, timingSafeEqual } from 'node:crypto';
import { accepted, rejected, type Verdict } from './common';

/** The user name in the Postmark webhook URL (https://postmark:<password>@…/webhooks/postmark). */
export const POSTMARK_WEBHOOK_USER = 'postmark';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * HTTP Basic credentials from the webhook URL (Postmark signs nothing). Both sides are hashed first so the comparison
 * takes the same time whatever the length presented.
 */
export function verifyBasic(header: string | undefined, user: string, password: string | undefined): Verdict {
  if (!password) return rejected('no webhook password is set up for this provider');
  if (!header) return rejected('missing credentials: put them in the webhook URL, e.g. https://user:password@host/…');
  const expected = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  return timingSafeEqual(digest(header.trim()), digest(expected)) ? accepted : rejected('wrong webhook credentials');
}
