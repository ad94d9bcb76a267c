import type { Protocol, Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

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

/** Our renderer, from the packaged files, with the CSP on every answer; nothing outside the renderer folder. */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
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
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
