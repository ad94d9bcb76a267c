import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Fault, FaultKind, FaultPlan } from './faults';

/**
 * The plumbing every fake provider shares: a node:http server on 127.0.0.1 with a random port, request bodies
 * read in full, JSON answers, a request log, and faults applied around the provider-specific handler.
 */

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export interface FakeRoutes {
  /** Whether this request is a send (faults may target only sends). */
  target(req: FakeRequest): 'send' | 'read';
  /** Does the work (auth, validation, recording) and says what to answer. Called at most once per request. */
  handle(req: FakeRequest): Answer | Promise<Answer>;
  /** The provider's own error body for an injected 5xx or 429. */
  faultAnswer(status: number, retryAfter: string | null): Answer;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  target: 'send' | 'read';
  fault: FaultKind | null;
  /** The status answered, or null when no answer was written (reset, held, client gone). */
  status: number | null;
}

export interface RunningFake {
  url: string;
  log: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startFakeServer(routes: FakeRoutes, faults: FaultPlan): Promise<RunningFake> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const log: RequestLogEntry[] = [];
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((incoming, res) => {
    void serve(incoming, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) write(res, { status: 500, body: { message: String(error) } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const req: FakeRequest = {
      method: incoming.method ?? 'GET',
      url: new URL(incoming.url ?? '/', 'http://fake'),
      headers: incoming.headers,
      body,
    };
    const target = routes.target(req);
    const fault = faults.take(target);
    const entry: RequestLogEntry = {
      method: req.method,
      path: req.url.pathname,
      target,
      fault: fault?.kind ?? null,
      status: null,
    };
    log.push(entry);
    const answer = await answerWithFault(req, res, fault, wait);
    if (answer && !closed) entry.status = write(res, answer);
  }

  /** Returns the answer to write, or null when the fault means no answer. */
  async function answerWithFault(
    req: FakeRequest,
    res: ServerResponse,
    fault: Fault | null,
    pause: (ms: number) => Promise<void>,
  ): Promise<Answer | null> {
    if (fault === null) return routes.handle(req);
    switch (fault.kind) {
      case 'server_error':
        return routes.faultAnswer(fault.status ?? 500, null);
      case 'rate_limited':
        return routes.faultAnswer(429, fault.retryAfter === undefined ? '1' : fault.retryAfter);
      case 'slow':
        await pause(fault.delayMs);
        return routes.handle(req);
      case 'accepted_then_timeout': {
        const answer = await routes.handle(req);
        if (fault.answerAfterMs === undefined) return null;
        await pause(fault.answerAfterMs);
        return answer;
      }
      case 'reset_before':
        reset(res);
        return null;
      case 'reset_after':
        await routes.handle(req);
        reset(res);
        return null;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    log,
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes the answer if the client is still there; returns the status written or null. */
function write(res: ServerResponse, answer: Answer): number | null {
  if (res.destroyed || res.socket === null || res.socket.destroyed) return null;
  const isText = typeof answer.body === 'string';
  const payload = answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...(answer.body === undefined
      ? {}
      : { 'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' }),
    ...answer.headers,
  });
  res.end(payload);
  return answer.status;
}

/** A TCP RST, so the client sees ECONNRESET rather than a polite close. */
function reset(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** The user and password of an HTTP Basic Authorization header, or null. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A loopback URL nobody listens on (a port just released), for "connection refused" tests. */
export async function unusedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
