import { z } from 'zod';
import { PREVIEW_UNSUBSCRIBE_URL, renderEmail } from '../../shared/email-templates';
import { EMAIL_PREVIEW_POLICY } from '../security/csp';

export interface EmailPreviewAnswer {
  status: number;
  html: string;
  headers: Record<string, string>;
}

const value = z.string().max(2_000).nullable();
const request = z
  .object({
    subject: z.string().max(998),
    markdown: z.string().max(10_000),
    contact: z.object({
      firstName: value,
      lastName: value,
      phone: value,
      email: value,
      fields: z.record(z.string().max(100), value.optional()),
    }),
    business: z.object({ name: z.string().max(200), contact: z.string().max(300), postalAddress: z.string().max(300) }),
  })
  .strict();

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': EMAIL_PREVIEW_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The e-mail preview document for `/email-preview?email=<JSON>` (shared/email-templates/preview-request.ts): the
 * real renderEmail output for the template, contact and business given, with the preview's own CSP (inline styles,
 * no script). Anything that is not such a request gets a one-line page saying so.
 */
export function emailPreviewPage(search: URLSearchParams): EmailPreviewAnswer {
  let parsed: z.infer<typeof request> | null = null;
  try {
    const result = request.safeParse(JSON.parse(search.get('email') ?? ''));
    if (result.success) parsed = result.data;
  } catch {
    parsed = null;
  }
  if (!parsed)
    return {
      status: 400,
      headers: HEADERS,
      html: '<!DOCTYPE html><html lang="en"><title>Preview</title><p>This is not an e-mail preview request.</p></html>',
    };
  const email = renderEmail({ ...parsed, unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL });
  return { status: 200, headers: HEADERS, html: email.html };
}
