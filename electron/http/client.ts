import { nodeRequest, type HttpRequest, type NodeRequestResult, type ResponseHeaders } from './node-request';

export type { HttpRequest, ResponseHeaders } from './node-request';

/**
 * One HTTP attempt with a timeout, and the rules that decide what a failure means for a text message.
 *
 * The question that matters for SMS is "could the provider have received this request?". None of our providers
 * offers an idempotency key, so a send that *might* have arrived must never be repeated automatically. Neither
 * fetch (undici) nor node:http can tell us whether the request bytes were written before a socket died, so only
 * failures that happen before a connection exists (refused, DNS, unreachable, connect timeout) count as "not
 * sent"; everything else after the call started is "maybe sent".
 */

export type FetchLike = typeof fetch;

export interface HttpCallOptions {
  /** An injected fetch (tests, other callers' own); without one the request goes over node:http (node-request.ts). */
  fetch?: FetchLike;
  timeoutMs: number;
  /** The caller's own cancellation (app shutdown, campaign paused). */
  signal?: AbortSignal;
}

export type HttpResult =
  | {
      kind: 'answered';
      status: number;
      headers: ResponseHeaders;
      text: string;
      /** The status arrived but the body could not be read in full (timeout or reset while reading). */
      bodyIncomplete: boolean;
    }
  | { kind: 'not_sent'; code: NotSentCode; detail: string }
  | { kind: 'maybe_sent'; code: MaybeSentCode; detail: string };

export type NotSentCode = 'connection_refused' | 'cancelled';
export type MaybeSentCode = 'timeout' | 'connection_lost' | 'cancelled' | 'network_error';

/** Error codes that undici (or the OS) raise before any byte of the request can have left this machine. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_NODATA',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Does one HTTP request; never throws. */
export async function callHttp(url: string, init: HttpRequest, options: HttpCallOptions): Promise<HttpResult> {
  if (options.signal?.aborted) {
    return { kind: 'not_sent', code: 'cancelled', detail: 'cancelled before the request started' };
  }
  if (!options.fetch) {
    const result = await nodeRequest(url, init, options.timeoutMs, options.signal);
    if (result.kind === 'response')
      return {
        kind: 'answered',
        status: result.status,
        headers: result.headers,
        text: result.text,
        bodyIncomplete: result.bodyIncomplete,
      };
    return classifyNodeFailure(result, options.signal?.aborted === true);
  }
  const timeout = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    timeout.abort();
  }, options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  try {
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, signal });
    } catch (error) {
      return classifyFetchFailure(error, { timedOut, cancelled: options.signal?.aborted === true });
    }
    try {
      const text = await response.text();
      return { kind: 'answered', status: response.status, headers: response.headers, text, bodyIncomplete: false };
    } catch {
      return { kind: 'answered', status: response.status, headers: response.headers, text: '', bodyIncomplete: true };
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * node:http knows whether a connection ever existed: before one, nothing can have been sent, whatever the error
 * (refused, DNS, our timeout while connecting, cancellation); after one, nothing is "surely not sent".
 */
function classifyNodeFailure(
  failure: Extract<NodeRequestResult, { kind: 'failed' }>,
  cancelled: boolean,
): Extract<HttpResult, { kind: 'not_sent' | 'maybe_sent' }> {
  const codes = errorCodes(failure.error);
  const detail = `${codes.join(', ') || 'no code'}: ${describe(failure.error)}`;
  if (!failure.connected) return { kind: 'not_sent', code: cancelled ? 'cancelled' : 'connection_refused', detail };
  const classified = classifyFetchFailure(failure.error, { timedOut: failure.timedOut, cancelled });
  return classified.kind === 'not_sent' ? { kind: 'maybe_sent', code: 'network_error', detail } : classified;
}

/** Turns a rejected fetch into "surely not sent" or "maybe sent". Exported for unit-level reasoning in tests. */
export function classifyFetchFailure(
  error: unknown,
  context: { timedOut: boolean; cancelled: boolean },
): Extract<HttpResult, { kind: 'not_sent' | 'maybe_sent' }> {
  const codes = errorCodes(error);
  // Only when every reported code is a connect-stage failure do we know no byte left; a refusal wins over our own
  // timer because a connect that failed cannot have delivered anything.
  if (codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code))) {
    return { kind: 'not_sent', code: 'connection_refused', detail: `${codes[0]}: ${describe(error)}` };
  }
  if (context.timedOut) return { kind: 'maybe_sent', code: 'timeout', detail: describe(error) };
  if (context.cancelled) return { kind: 'maybe_sent', code: 'cancelled', detail: describe(error) };
  if (codes.some((code) => code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')) {
    return { kind: 'maybe_sent', code: 'connection_lost', detail: `${codes.join(', ')}: ${describe(error)}` };
  }
  return { kind: 'maybe_sent', code: 'network_error', detail: `${codes.join(', ') || 'no code'}: ${describe(error)}` };
}

/** Collects `code`s from an error, its `cause` chain and AggregateError members (happy-eyeballs connects). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const found: string[] = [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
  if (typeof record.code === 'string') found.push(record.code);
  if (Array.isArray(record.errors)) for (const inner of record.errors) found.push(...errorCodes(inner, depth + 1));
  if (record.cause !== undefined) found.push(...errorCodes(record.cause, depth + 1));
  return found;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110). Returns milliseconds from `now`, or undefined
 * when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export type StatusClass = 'ok' | 'retryable' | 'permanent';

/** 408, 429 and 5xx mean "try again later"; every other 4xx will fail the same way again. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  return 'permanent';
}

export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** `https://x.com/` + `/v1/messages`, tolerating a trailing slash on the configured base. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export interface ReadRetryOptions extends HttpCallOptions {
  now: () => Date;
  /** Total attempts for an idempotent read (GET); sends are never retried here. */
  attempts: number;
  /** Wait before attempt n+1 when the server gives no Retry-After: baseDelayMs × n, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A GET may safely be repeated after a timeout, reset, 408, 429 or 5xx, unlike a send. */
export async function readWithRetry(url: string, init: HttpRequest, options: ReadRetryOptions): Promise<HttpResult> {
  let last: HttpResult | undefined;
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    last = await callHttp(url, init, options);
    if (options.signal?.aborted) return last;
    let waitMs: number;
    if (last.kind === 'answered') {
      if (classifyStatus(last.status) !== 'retryable' && !last.bodyIncomplete) return last;
      waitMs = parseRetryAfter(last.headers.get('retry-after'), options.now()) ?? options.baseDelayMs * attempt;
    } else {
      waitMs = options.baseDelayMs * attempt;
    }
    if (attempt < options.attempts) await sleep(Math.min(waitMs, options.maxDelayMs));
  }
  return last as HttpResult;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
