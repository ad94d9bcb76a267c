import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A stand-in for a cloudflared/ngrok tunnel on 127.0.0.1: forwards every request to `target` (the relay), or — to
 * play a tunnel pointing at the wrong program — answers /healthz itself. `setTarget(null)` makes it answer 502 like
 * a tunnel whose origin is down.
 */
export interface FakeTunnel {
  url: string;
  setTarget(target: string | null): void;
  /** Answer /healthz here with this body instead of forwarding (another program behind the tunnel). */
  impostor(body: unknown): void;
  readonly forwarded: number;
  close(): Promise<void>;
}

export async function startFakeTunnel(target: string | null): Promise<FakeTunnel> {
  let origin = target;
  let fake: unknown = undefined;
  let forwarded = 0;
  const sockets = new Set<Socket>();

  function forward(req: IncomingMessage, res: ServerResponse, to: string): void {
    const url = new URL(req.url ?? '/', to);
    const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway: the tunnel origin is not answering');
    });
    forwarded++;
    req.pipe(upstream);
  }

  const server = createServer((req, res) => {
    if (fake !== undefined && (req.url ?? '').startsWith('/healthz')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fake));
      return;
    }
    if (!origin) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway: no origin');
      return;
    }
    forward(req, res, origin);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake tunnel has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setTarget: (t) => void (origin = t),
    impostor: (body) => void (fake = body),
    get forwarded() {
      return forwarded;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
