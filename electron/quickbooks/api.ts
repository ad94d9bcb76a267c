import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { AppError } from '../../shared/errors';
import { quickBooksEndpoints } from './endpoints';
import { accessToken, refreshAccessToken, type TokenDeps } from './tokens';
import { markReconnect } from './connection';
import { networkReason } from './network';

/** Back-off after throttling (HTTP 429 or Fault code 003001) or a dropped connection; tests make it short. */
export interface ThrottleTuning {
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_THROTTLE: ThrottleTuning = { initialDelayMs: 2_000, maxDelayMs: 60_000, maxAttempts: 5 };

const TIMEOUT_MS = 60_000;
const THROTTLE_CODE = '003001';

class Throttled extends Error {}
/** A reset or refused connection: a GET is safe to repeat. */
class Unreachable extends Error {}

interface FaultError {
  Message?: string;
  Detail?: string;
  code?: string;
  element?: string;
}

/** `{ Fault: { Error: [...], type } }` — QuickBooks' error envelope, sometimes inside an HTTP 200. */
function faultOf(body: unknown): FaultError[] | null {
  if (typeof body !== 'object' || body === null || !('Fault' in body)) return null;
  const fault = body.Fault;
  const errors = typeof fault === 'object' && fault !== null && 'Error' in fault ? fault.Error : null;
  return Array.isArray(errors) ? (errors as FaultError[]) : [{ Message: 'unknown fault' }];
}

function faultText(errors: FaultError[]): string {
  return errors
    .map((e) => [e.Message, e.Detail].filter(Boolean).join(': ') + (e.code ? ` (code ${e.code})` : ''))
    .join('; ');
}

export interface QuickBooksApi {
  /** GET `/v3/company/{realmId}/<path>` with the query parameters; the parsed JSON body. */
  get(path: string, query: Record<string, string>): Promise<unknown>;
  /** QuickBooks' own clock (`time`) in its first answer: where the next Change Data Capture starts. */
  firstAnswerTime(): string | null;
}

/**
 * The company API: a fresh access token on each call (refreshed five minutes before expiry), one forced refresh
 * after a 401 (then "Reconnect QuickBooks"), exponential back-off on throttling, and a Fault — even in an HTTP 200 —
 * as an error naming QuickBooks' own message.
 */
export function quickBooksApi(deps: TokenDeps, throttle: ThrottleTuning = DEFAULT_THROTTLE): QuickBooksApi {
  const policy = retry(
    handleWhen((e) => e instanceof Throttled || e instanceof Unreachable),
    {
      maxAttempts: throttle.maxAttempts,
      backoff: new ExponentialBackoff({ initialDelay: throttle.initialDelayMs, maxDelay: throttle.maxDelayMs }),
    },
  );

  async function once(url: string, token: string): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new Unreachable(networkReason(err));
    }
    const body: unknown = await res.json().catch(() => null);
    const fault = faultOf(body);
    if (res.status === 429 || fault?.some((e) => e.code === THROTTLE_CODE)) throw new Throttled('throttled');
    return { status: res.status, body };
  }

  let firstTime: string | null = null;
  return {
    firstAnswerTime: () => firstTime,
    async get(path, query) {
      const { apiBaseUrl, realmId } = quickBooksEndpoints(deps.settings);
      if (!realmId)
        throw new AppError(
          'invalid_input',
          'QuickBooks company id (quickbooks.realmId) is not set: press Connect in Settings → Integrations, or set it with `settings set quickbooks.realmId`.',
        );
      const url = `${apiBaseUrl}/v3/company/${encodeURIComponent(realmId)}/${path}?${new URLSearchParams({ ...query, minorversion: '75' }).toString()}`;
      let answer: { status: number; body: unknown };
      try {
        answer = await policy.execute(async () => {
          const first = await once(url, await accessToken(deps));
          // 401: the token expired or was revoked — refresh once, then ask the owner to reconnect.
          return first.status === 401 ? once(url, await refreshAccessToken(deps)) : first;
        });
      } catch (err) {
        if (err instanceof Throttled)
          throw new AppError(
            'provider_error',
            `QuickBooks is limiting requests (throttled, code ${THROTTLE_CODE}) and still was after ${throttle.maxAttempts} tries; the next sync will continue.`,
          );
        if (err instanceof Unreachable)
          throw new AppError(
            'provider_error',
            `QuickBooks could not be reached: ${err.message}; the next sync will try again.`,
          );
        throw err;
      }
      if (answer.status === 401) {
        const message = 'QuickBooks refused the access token even after a refresh. Reconnect QuickBooks.';
        markReconnect(deps.db, message);
        throw new AppError('forbidden', message);
      }
      const fault = faultOf(answer.body);
      if (fault) throw new AppError('provider_error', `QuickBooks answered with an error: ${faultText(fault)}.`);
      if (answer.status < 200 || answer.status >= 300 || typeof answer.body !== 'object' || answer.body === null) {
        throw new AppError('provider_error', `QuickBooks answered HTTP ${answer.status} to ${path}; try again later.`);
      }
      const time = (answer.body as { time?: unknown }).time;
      if (firstTime === null && typeof time === 'string' && !Number.isNaN(Date.parse(time)))
        firstTime = new Date(time).toISOString();
      return answer.body;
    },
  };
}
