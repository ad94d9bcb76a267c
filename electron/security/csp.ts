/**
 * The renderer's Content Security Policy: only our own scripts, styles and fonts; no inline script, no eval,
 * no plugins, no framing; network only back to our own origin (the harness API).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
