import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderEvent } from './events';
import { createGroupCommit, type IngestResult } from './group-commit';
import {
  postmarkCredentials,
  receivePostmark,
  receiveQuo,
  receiveTwilio,
  refuseBeforeBody,
  type Reception,
  type WebhookSecrets,
} from './receive';
import type { UnsubscribeAnswer } from '../email';
import { answerLinkVisit, type LinkResolver } from '../abtests';
import { clientAddress } from './guard/client-address';
import { DEFAULT_MAX_CONNECTIONS, limitConnections } from './guard/connections';
import { createFailureBudget, type FailureBudgetOptions } from './guard/failure-budget';

export type { WebhookSecrets } from './receive';
export { sqliteTransaction } from './group-commit';

export interface RelayOptions {
  host?: string;
  port: number;
  /**
   * The public (tunnel) URL providers call, e.g. https://abc.trycloudflare.com. Twilio signs the URL it called, so its
   * origin plus the request's path and query is what Twilio signatures are checked against. A getter picks up a new
   * tunnel URL at once.
   */
  publicUrl?: string | (() => string | undefined);
  /** Secrets, or a getter so a changed secret applies without a restart. */
  secrets: WebhookSecrets | (() => WebhookSecrets);
  /** Stores one event durably; returns its row id, or null when it was already stored (a redelivery). */
  ingest: (event: ProviderEvent, raw: unknown) => number | null;
  now: () => Date;
  /** Called after new events were committed (e.g. to process them soon). */
  onStored?: () => void;
  maxBodyBytes?: number;
  /** Group commit (see GroupCommitOptions.transaction): pass `sqliteTransaction(app.db)`. */
  transaction?: <T>(fn: () => T) => T;
  /** How long a batch waits for more requests before committing; 0 = the current event-loop turn. */
  batchWindowMs?: number;
  log?: (message: string, err?: unknown) => void;
  /** Open connections at most (default 128); the longest-idle one is closed to make room for a new one. */
  maxConnections?: number;
  /** Failed signature checks allowed per sender (see FailureBudget); defaults to 10 at once, then 10 a minute. */
  failureBudget?: FailureBudgetOptions;
  /** Tracked links (`GET /l/<code>`): logs the visit and returns the original URL, or null for an unknown code. */
  onLink?: LinkResolver;
  /** `GET /oauth/quickbooks/callback` (Intuit's redirect after the owner signs in): the page to show the browser. */
  onQuickBooksCallback?: (params: URLSearchParams) => Promise<{ status: number; html: string }>;
  /** `GET|POST /u/<token>`: the e-mail unsubscribe page and one-click POST (see answerUnsubscribe). */
  onUnsubscribe?: (token: string, method: 'GET' | 'POST', form: URLSearchParams) => UnsubscribeAnswer;
}

export interface Relay {
  url: string;
  port: number;
  /** Stops accepting connections and resolves once every request in flight has been answered. */
  close(graceMs?: number): Promise<void>;
}

const ROUTES: Record<string, string[]> = {
  '/webhooks/quo': ['POST'],
  '/webhooks/twilio': ['POST'],
  '/webhooks/postmark': ['POST'],
  '/healthz': ['GET', 'HEAD'],
  '/oauth/quickbooks/callback': ['GET'],
};

/** An unsubscribe POST carries at most `List-Unsubscribe=One-Click` or the page's one field. */
const UNSUBSCRIBE_BODY_BYTES = 4096;

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendTwiml(res: ServerResponse, result: IngestResult, ignored?: string): void {
  // Twilio reads the body as TwiML (empty = do nothing); the counts ride along in headers for people debugging.
  const headers: Record<string, string> = {
    'content-type': 'text/xml; charset=utf-8',
    'x-desk-stored': String(result.stored),
    'x-desk-duplicates': String(result.duplicates),
  };
  if (ignored) headers['x-desk-ignored'] = ignored;
  res.writeHead(200, headers);
  res.end(EMPTY_TWIML);
}

type Body = { kind: 'ok'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'gone' };

/**
 * Reads the whole body up to `max` bytes. A body a little over the limit is drained so the sender gets a clean 413
 * rather than a reset; one far over it (or declared far over it) is cut off.
 */
function readBody(req: IncomingMessage, max: number): Promise<Body> {
  const hardCap = Math.max(4 * max, 1024 * 1024);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > hardCap) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (size > hardCap) resolve({ kind: 'too_large' });
    });
    req.on('end', () =>
      resolve(size > max ? { kind: 'too_large' } : { kind: 'ok', bytes: Buffer.concat(chunks, size) }),
    );
    req.on('error', () => resolve({ kind: 'gone' }));
    // The sender hung up before the end: there is nobody to answer and nothing complete to store.
    req.on('close', () => resolve({ kind: 'gone' }));
  });
}

function originOf(publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  try {
    return new URL(publicUrl).origin;
  } catch {
    return undefined;
  }
}

/**
 * The webhook relay: a loopback HTTP listener the tunnel forwards to. It verifies each provider's signature over the
 * raw bytes, stores the parsed events, and acknowledges only what has been committed; everything else is refused
 * with no side effect, so the provider retries.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const secrets = () => (typeof options.secrets === 'function' ? options.secrets() : options.secrets);
  const publicUrl = () => (typeof options.publicUrl === 'function' ? options.publicUrl() : options.publicUrl);
  const log = options.log ?? (() => undefined);
  const commits = createGroupCommit({
    ingest: options.ingest,
    transaction: options.transaction,
    windowMs: options.batchWindowMs,
  });
  const failures = createFailureBudget(options.failureBudget);
  let closing = false;

  /**
   * Refused without reading the body: once the answer is out, the connection is cut rather than left to drain the
   * rest of a body nobody will read (a forger's 250 KB would otherwise still be received and thrown away).
   */
  function refuseEarly(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    reason: string,
    headers: Record<string, string> = {},
  ): void {
    res.once('finish', () => req.socket.destroy());
    sendJson(res, status, { ok: false, reason }, { connection: 'close', ...headers });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) res.setHeader('connection', 'close');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://relay.invalid');
    } catch {
      return sendJson(res, 400, { ok: false, reason: 'unreadable request path' });
    }
    if (options.onLink && url.pathname.startsWith('/l/'))
      return answerLinkVisit(req, res, url.pathname.slice(3), options.onLink);
    if (options.onUnsubscribe && url.pathname.startsWith('/u/'))
      return unsubscribe(req, res, url.pathname.slice(3), options.onUnsubscribe);
    const methods = ROUTES[url.pathname];
    if (!methods) return sendJson(res, 404, { ok: false, reason: `no webhook at ${url.pathname.slice(0, 100)}` });
    if (!methods.includes(req.method ?? ''))
      return sendJson(res, 405, { ok: false, reason: `use ${methods[0]}` }, { allow: methods.join(', ') });
    if (url.pathname === '/oauth/quickbooks/callback') {
      if (!options.onQuickBooksCallback)
        return sendJson(res, 404, { ok: false, reason: 'QuickBooks is not set up in this app' });
      const page = await options.onQuickBooksCallback(url.searchParams);
      res.writeHead(page.status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-length': Buffer.byteLength(page.html),
      });
      return void res.end(page.html);
    }
    if (url.pathname === '/healthz') {
      const probe = url.searchParams.get('probe');
      return sendJson(res, 200, {
        ok: true,
        at: options.now().toISOString(),
        ...(probe !== null ? { probe: probe.slice(0, 200) } : {}),
      });
    }

    const sender = clientAddress(req);
    const wait = failures.waitSeconds(sender, options.now().getTime());
    if (wait > 0)
      return refuseEarly(req, res, 429, 'too many requests with a wrong signature from this address', {
        'retry-after': String(wait),
      });
    if (url.pathname === '/webhooks/postmark') {
      const verdict = postmarkCredentials(req.headers, secrets());
      if (!verdict.ok) {
        failures.spend(sender, options.now().getTime());
        return refuseEarly(req, res, 401, verdict.reason, { 'www-authenticate': 'Basic realm="webhooks"' });
      }
    }
    const early = refuseBeforeBody(url.pathname, req.headers);
    if (early) {
      failures.spend(sender, options.now().getTime());
      return refuseEarly(req, res, early.status, early.reason);
    }

    const body = await readBody(req, maxBodyBytes);
    if (body.kind === 'gone') return;
    if (body.kind === 'too_large') {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { ok: false, reason: `body over ${maxBodyBytes} bytes` });
    }
    const twilio = url.pathname === '/webhooks/twilio';
    const origin = originOf(publicUrl());
    const reception: Reception = twilio
      ? receiveTwilio(body.bytes, req.headers, origin && `${origin}${req.url}`, secrets(), options.now())
      : url.pathname === '/webhooks/postmark'
        ? receivePostmark(body.bytes, options.now())
        : receiveQuo(body.bytes, req.headers, secrets(), options.now());
    if (!reception.ok) {
      if (reception.status === 401) failures.spend(sender, options.now().getTime());
      return sendJson(res, reception.status, { ok: false, reason: reception.reason });
    }

    let result: IngestResult = { stored: 0, duplicates: 0 };
    if (reception.outcome.kind === 'events') {
      try {
        result = await commits.submit(reception.outcome.events, reception.raw);
      } catch (err) {
        log('webhook event could not be stored', err);
        return sendJson(res, 500, { ok: false, reason: 'the event could not be saved; the provider will retry' });
      }
      if (result.stored) options.onStored?.();
    }
    const ignored = reception.outcome.kind === 'ignored' ? reception.outcome.reason : undefined;
    if (twilio) return sendTwiml(res, result, ignored);
    sendJson(res, 200, { ok: true, ...result, ...(ignored ? { ignored } : {}) });
  }

  /** The unsubscribe page (GET) and the unsubscribe itself (POST); forged tokens spend the sender's budget. */
  async function unsubscribe(
    req: IncomingMessage,
    res: ServerResponse,
    token: string,
    answerOf: NonNullable<RelayOptions['onUnsubscribe']>,
  ): Promise<void> {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method !== 'GET' && method !== 'POST')
      return sendJson(res, 405, { ok: false, reason: 'use GET or POST' }, { allow: 'GET, POST' });
    const sender = clientAddress(req);
    const wait = failures.waitSeconds(sender, options.now().getTime());
    if (wait > 0)
      return refuseEarly(req, res, 429, 'too many invalid links from this address', { 'retry-after': String(wait) });
    let form = new URLSearchParams();
    if (method === 'POST') {
      const body = await readBody(req, UNSUBSCRIBE_BODY_BYTES);
      if (body.kind === 'gone') return;
      if (body.kind === 'too_large') return refuseEarly(req, res, 413, `body over ${UNSUBSCRIBE_BODY_BYTES} bytes`);
      form = new URLSearchParams(body.bytes.toString('utf8'));
    }
    // Tokens are base64url and digits only, so they never need decoding; anything else is simply not recognised.
    const answer = answerOf(token.slice(0, 200), method, form);
    if (answer.forged) failures.spend(sender, options.now().getTime());
    sendHtml(res, answer.status, answer.html);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log('webhook relay request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, reason: 'internal error' });
      else res.destroy();
    });
  });
  // A sender that trickles its body must not hold a connection (or a graceful close) forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const connections = limitConnections(server, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close(graceMs = 10_000) {
      closing = true;
      return connections.close(graceMs);
    },
  };
}
