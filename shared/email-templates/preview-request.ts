import type { ContactContext } from '../templates';
import type { EmailBusiness } from './render';

/**
 * What the e-mail preview document is rendered from: the template, one contact's values and the business. The
 * renderer puts it in the address of the preview frame (`/email-preview?email=<JSON>`); the app's protocol (or the
 * browser harness) renders it with renderEmail and serves it with its own Content-Security-Policy
 * (electron/security/csp.ts, EMAIL_PREVIEW_POLICY). Only Markdown travels, never HTML: the document served is
 * always renderEmail's own output.
 */
export interface EmailPreviewRequest {
  subject: string;
  markdown: string;
  contact: ContactContext;
  business: EmailBusiness;
}

export const EMAIL_PREVIEW_PATH = '/email-preview';

/** The preview footer's unsubscribe link: a placeholder, since a preview is for nobody (links do not open in it). */
export const PREVIEW_UNSUBSCRIBE_URL = 'https://example.com/unsubscribe';

/** The address of the preview document for `request`, under `origin` ('' for the page's own origin). */
export function emailPreviewUrl(origin: string, request: EmailPreviewRequest): string {
  return `${origin}${EMAIL_PREVIEW_PATH}?${new URLSearchParams({ email: JSON.stringify(request) }).toString()}`;
}
