/**
 * The renderer's Content Security Policy: only our own scripts, styles and fonts; no inline script, no eval,
 * no plugins, no being framed; network only back to our own origin (the harness API). Frames only from our own
 * origin: the one document of ours that may be framed is the e-mail preview (every other answer of ours carries
 * `frame-ancestors 'none'`).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "frame-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The e-mail preview document's own policy (served at /email-preview by the app's protocol and the harness). An
 * e-mail must carry its styles inline (mail clients drop style sheets), which the app's `style-src 'self'` forbids,
 * and a srcdoc or blob: frame would inherit the app's policy — so the preview is a document of its own, with a policy
 * that allows inline styles and nothing else: no script at all (default-src 'none', and `sandbox` makes the document
 * a unique origin without scripts, forms, pop-ups or top navigation even if opened outside our sandboxed iframe),
 * images only from https (as mail clients load them), framed only by our own page. The app's page keeps its policy.
 */
export const EMAIL_PREVIEW_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');
