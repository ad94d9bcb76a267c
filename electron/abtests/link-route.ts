import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LinkVisit } from './clicks';

/** Where a tracked link sends its visitor, or null for a code that is not ours. */
export type LinkResolver = (code: string, visit: LinkVisit) => string | null;

const NOT_FOUND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:18vh auto;padding:0 1.5rem;color:#1b1f24}h1{font-size:1.3rem}</style></head>
<body><h1>This link does not work</h1><p>It may have been mistyped or cut off. Please check the text message it came from.</p></body></html>`;

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The visitor's address: the tunnel (cloudflared, ngrok) forwards it in a header; the socket only sees the tunnel. */
function visitorIp(req: IncomingMessage): string | null {
  const forwarded = header(req, 'cf-connecting-ip') ?? header(req, 'x-forwarded-for')?.split(',')[0]?.trim() ?? null;
  return forwarded || req.socket.remoteAddress || null;
}

/**
 * `GET /l/<code>`: log the visit and answer 302 to the original link; an unknown code gets a small 404 page.
 * Nothing is cached, so every tap reaches the relay and is counted.
 */
export function answerLinkVisit(req: IncomingMessage, res: ServerResponse, code: string, resolve: LinkResolver): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Use GET.');
    return;
  }
  const target = resolve(code, { method, userAgent: header(req, 'user-agent'), ip: visitorIp(req) });
  const common = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' };
  if (target === null) {
    res.writeHead(404, {
      ...common,
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(NOT_FOUND_PAGE),
    });
    res.end(method === 'HEAD' ? undefined : NOT_FOUND_PAGE);
    return;
  }
  res.writeHead(302, { ...common, location: target, 'content-length': 0 });
  res.end();
}
