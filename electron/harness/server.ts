import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DeskApp } from '../app';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { emailPreviewPage } from '../templates';
import { EMAIL_PREVIEW_PATH } from '../../shared/email-templates';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const MAX_BODY = 8 * 1024 * 1024;

export interface Harness {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type Invocation = { channel: unknown; input: unknown };

/** The body of /api/invoke: a JSON object (channel and input are the dispatcher's to judge), or why it is not one. */
function parseInvocation(text: string): Invocation | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'Request body is not JSON.';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'Request body must be a JSON object with a channel and an input.';
  return { channel: 'channel' in body ? body.channel : undefined, input: 'input' in body ? body.input : undefined };
}

/** A request the harness cannot make sense of: 400 and one line saying why, never a stack. */
function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message } }));
}

/** The static file a path names, relative to the renderer folder; null when the path is not valid percent-encoding. */
function staticPath(pathname: string): string | null {
  if (pathname === '/') return 'index.html';
  try {
    return decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Serves the built renderer and the same IPC handlers over loopback HTTP, so the unchanged React app runs in a
 * plain browser against the real core. Bound to 127.0.0.1 only; every API call needs the random token, and the
 * Host header must be ours (no DNS rebinding).
 */
export async function startHarness(
  app: DeskApp,
  opts: { staticDir: string; port?: number; token?: string },
): Promise<Harness> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = normalize(opts.staticDir);
  const sse = new Set<ServerResponse>();
  const unsubscribe = app.events.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sse) res.write(frame);
  });
  let port = 0;
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (closing) {
        res.writeHead(503, { Connection: 'close' });
        return res.end();
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        return badRequest(res, 'The request path is not a valid URL.');
      }
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
        return send(res, 421, JSON.stringify({ error: 'wrong host' }));
      if (url.pathname === '/api/invoke') {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'POST only' }));
        if (!sameToken((req.headers['x-desk-token'] as string | undefined) ?? null, token))
          return send(res, 401, JSON.stringify({ error: 'bad token' }));
        const text = await readBody(req);
        if (text === null)
          return send(
            res,
            413,
            JSON.stringify({
              ok: false,
              error: { code: 'invalid_input', message: `Request body is over ${MAX_BODY} bytes.` },
            }),
          );
        const body = parseInvocation(text);
        if (typeof body === 'string') return badRequest(res, body);
        const result = await app.dispatchUntyped(body.channel, body.input);
        return send(res, 200, JSON.stringify(result));
      }
      if (url.pathname === '/api/events') {
        if (!sameToken(url.searchParams.get('token'), token))
          return send(res, 401, JSON.stringify({ error: 'bad token' }));
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }
      if (req.method !== 'GET') return send(res, 405, JSON.stringify({ error: 'GET only' }));
      if (url.pathname === EMAIL_PREVIEW_PATH) {
        // Its own CSP (inline styles, no script), not the app's: see EMAIL_PREVIEW_POLICY.
        const preview = emailPreviewPage(url.searchParams);
        res.writeHead(preview.status, preview.headers);
        return res.end(preview.html);
      }
      const rel = staticPath(url.pathname);
      if (rel === null) return badRequest(res, 'The request path is not valid URL encoding.');
      const file = normalize(join(root, rel));
      if (!file.startsWith(root + sep) && file !== root) return send(res, 403, 'forbidden', 'text/plain');
      try {
        const data = await readFile(file);
        return send(res, 200, data, TYPES[extname(file)] ?? 'application/octet-stream');
      } catch {
        // Client-side routes fall back to the app shell.
        const data = await readFile(join(root, 'index.html'));
        return send(res, 200, data, TYPES['.html']);
      }
    } catch (err) {
      // One line, no stack: the message only (the dispatcher already turns a handler's failure into an error value).
      const message = err instanceof Error ? err.message.split('\n')[0] : 'internal error';
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message } }));
      else res.destroy();
    }
  };
  // handle answers every failure itself (its catch above), so nothing is left to reject here.
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    async close() {
      closing = true;
      unsubscribe();
      for (const res of sse) res.end();
      // A browser keeps connections alive and its EventSource reconnects: close them all now, or close() never ends.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
