import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What callHttp needs to send: the shape both fetch and node:http accept. */
export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The one thing callers read from response headers (Retry-After); both fetch's Headers and ours provide it. */
export type ResponseHeaders = Pick<Headers, 'get'>;

export type NodeRequestResult =
  | { kind: 'response'; status: number; headers: ResponseHeaders; text: string; bodyIncomplete: boolean }
  /** `connected` is false when no connection to the server existed yet, so not one byte of the request left. */
  | { kind: 'failed'; error: unknown; connected: boolean; timedOut: boolean };

/**
 * Idle connections are kept for reuse (one TLS handshake per connection, not per text) but closed after 4 s, before
 * a server's own idle timeout (commonly 5 s) can close one under a request we are about to write; undici's fetch
 * does the same by default.
 */
const agentOptions = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' } as const;
const httpAgent = new HttpAgent(agentOptions);
const httpsAgent = new HttpsAgent(agentOptions);

/**
 * One request over node:http(s). fetch costs several times more CPU per request (WHATWG streams, Request and
 * Response objects), which capped how many texts per second one process could hand to a provider; node:http also
 * tells us whether a connection ever existed, which is the question that decides "not sent" versus "maybe sent".
 */
export function nodeRequest(
  url: string,
  init: HttpRequest,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<NodeRequestResult> {
  return new Promise((resolve) => {
    let connected = false;
    let timedOut = false;
    let settled = false;
    const finish = (result: NodeRequestResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let req: ClientRequest;
    try {
      const target = new URL(url);
      const https = target.protocol === 'https:';
      const headers: Record<string, string | number> = { ...init.headers };
      if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body);
      req = (https ? httpsRequest : httpRequest)(
        target,
        { method: init.method ?? 'GET', headers, agent: https ? httpsAgent : httpAgent, signal },
        (res) =>
          readBody(res, (text, complete) =>
            finish({
              kind: 'response',
              status: res.statusCode ?? 0,
              headers: headerReader(res),
              text,
              bodyIncomplete: !complete,
            }),
          ),
      );
    } catch (error) {
      // A malformed URL or header value is refused before any connection is opened.
      return resolve({ kind: 'failed', error, connected: false, timedOut: false });
    }
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    req.on('socket', (socket) => {
      // A reused keep-alive connection is already open; a new one counts from its TCP connect (before TLS, which
      // errs on the side of "maybe sent").
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => (connected = true));
    });
    req.on('error', (error) => finish({ kind: 'failed', error, connected, timedOut }));
    req.end(init.body);
  });
}

/** Reads the whole body; `complete` is false when the connection broke (or was timed out) part-way. */
function readBody(res: IncomingMessage, done: (text: string, complete: boolean) => void): void {
  res.setEncoding('utf8');
  let text = '';
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(text, true));
  res.on('error', () => done('', false));
  res.on('close', () => {
    if (!res.complete) done('', false);
  });
}

function headerReader(res: IncomingMessage): ResponseHeaders {
  return {
    get(name: string): string | null {
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
