import type { SqliteDb } from '../db/connection';
import { unsubscribeContactEmail } from '../compliance';
import { TEST_UNSUBSCRIBE_TOKEN } from '../../shared/email-templates';
import { verifyUnsubscribeToken } from './unsubscribe';

export interface UnsubscribeDeps {
  db: SqliteDb;
  now: () => Date;
  /** The signing key, or undefined when none was ever made (then no link can be genuine). */
  key: () => string | undefined;
  businessName: () => string;
}

export interface UnsubscribeAnswer {
  status: number;
  html: string;
  /** The token was forged, altered or malformed (the relay counts it against the sender). */
  forged: boolean;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;line-height:1.5}
@media (prefers-color-scheme:dark){body{color:#f2f2f2;background:#181818}}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#1f5fbf;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/**
 * `/u/<token>` on the relay. GET shows a page with a confirm button and changes nothing (mail scanners follow links);
 * POST unsubscribes the contact the token names, at once: the one-click POST of RFC 8058 (`List-Unsubscribe=One-Click`)
 * or the page's button. A forged or altered token changes nothing.
 */
export function answerUnsubscribe(
  deps: UnsubscribeDeps,
  token: string,
  method: 'GET' | 'POST',
  form: URLSearchParams,
): UnsubscribeAnswer {
  if (token === TEST_UNSUBSCRIBE_TOKEN)
    return {
      status: 200,
      forged: false,
      html: page(
        'Test e-mail',
        '<p>This link is in a test e-mail, so it unsubscribes nobody. In the e-mails you send, it unsubscribes the person who clicks it at once.</p>',
      ),
    };
  const key = deps.key();
  const who = key ? verifyUnsubscribeToken(key, token) : null;
  if (!who)
    return {
      status: 404,
      forged: true,
      html: page(
        'Link not recognised',
        '<p>This unsubscribe link is not valid. Please use the link in your e-mail.</p>',
      ),
    };
  const business = escapeHtml(deps.businessName() || 'this business');
  if (method === 'GET')
    return {
      status: 200,
      forged: false,
      html: page(
        'Unsubscribe',
        `<p>Stop receiving marketing e-mails from ${business}?</p>
<form method="post"><input type="hidden" name="confirm" value="yes"><button type="submit">Unsubscribe</button></form>`,
      ),
    };
  const source = form.get('List-Unsubscribe') === 'One-Click' ? 'list_unsubscribe' : 'unsubscribe_link';
  unsubscribeContactEmail(deps.db, who.contactId, {
    source,
    actor: `${source}:outbox:${who.outboxId}`,
    at: deps.now().toISOString(),
    messageText: source === 'list_unsubscribe' ? 'One-click unsubscribe (mail app)' : 'Unsubscribe page',
  });
  return {
    status: 200,
    forged: false,
    html: page('You are unsubscribed', `<p>You will receive no more marketing e-mails from ${business}.</p>`),
  };
}
