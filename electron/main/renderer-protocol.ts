import type { Protocol, Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { EMAIL_PREVIEW_PATH } from '../../shared/email-templates';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { emailPreviewPage } from '../templates';
import { APP_ORIGIN } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** `app:` is a standard, secure scheme (so it has an origin and 'self' in the CSP means it); must run before ready. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Our renderer, from the packaged files, with the CSP on every answer; nothing outside the renderer folder. The
 * e-mail preview document is rendered here too, with its own policy (EMAIL_PREVIEW_POLICY).
 */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.pathname === EMAIL_PREVIEW_PATH) {
      const preview = emailPreviewPage(url.searchParams);
      return new Response(preview.html, { status: preview.status, headers: preview.headers });
    }
    let rel: string;
    try {
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      return new Response('bad request', { status: 400 });
    }
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/** Development only: Vite's dev server injects its HMR client, so allow exactly that origin and its websocket. */
export function allowDevServer(session: Session, devUrl: string): void {
  const dev = new URL(devUrl);
  const policy = CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' ${dev.origin} 'unsafe-inline'`)
    .replace("connect-src 'self'", `connect-src 'self' ws://${dev.host}`)
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    // The e-mail preview comes from the app's own protocol (the dev server does not serve it).
    .replace("frame-src 'self'", `frame-src 'self' ${APP_ORIGIN}`);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
