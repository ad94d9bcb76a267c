import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { PostmarkCredentials } from '../../shared/ipc/channels/webhooks';
import type { DeskCore } from '../core';
import { POSTMARK_WEBHOOK_USER } from './signatures/basic';

export const POSTMARK_WEBHOOK_PATH = '/webhooks/postmark';

/** The public URL's origin (the relay ignores paths on it), or null while it is not set or not a URL. */
export function publicOrigin(publicUrl: string): string | null {
  if (!publicUrl) return null;
  try {
    return new URL(publicUrl).origin;
  } catch {
    return null;
  }
}

/**
 * New HTTP Basic credentials for Postmark's webhooks: a random password kept in the secret store (the one before it
 * stops working at once, since the relay reads the store on every request), and the URL to paste into Postmark with
 * them in it. Shown this once: the password is never read back to the screen.
 */
export function generatePostmarkCredentials(
  core: Pick<DeskCore, 'settings' | 'secrets' | 'audit'>,
): PostmarkCredentials {
  const origin = publicOrigin(core.settings.get('webhooks.publicUrl'));
  if (!origin) {
    throw new AppError(
      'invalid_input',
      'Paste the tunnel’s public URL in Settings → Webhooks first: the Postmark webhook URL is built on it.',
    );
  }
  const replaced = !!core.secrets.get('postmark.webhookPassword');
  const password = randomBytes(24).toString('base64url');
  core.secrets.set('postmark.webhookPassword', password);
  core.audit('postmark.webhookCredentials', POSTMARK_WEBHOOK_USER, { replaced });
  const url = new URL(POSTMARK_WEBHOOK_PATH, origin);
  url.username = POSTMARK_WEBHOOK_USER;
  url.password = password;
  return { user: POSTMARK_WEBHOOK_USER, password, url: url.toString(), replaced };
}
