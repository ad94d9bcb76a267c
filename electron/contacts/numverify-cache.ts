import type { Db } from '../db/db';
import type { FetchLike } from '../http/client';
import { cachedNumberCheck, storeNumberCheck } from './queries';
import { lookupNumber, type NumberCheck, type NumVerifyAnswer, type NumVerifyError } from './numverify';

/**
 * NumVerify lookups with a 30-day cache in `numverify_cache`: a number answered within 30 days is never looked up
 * again, and two requests for the same number at the same moment share one lookup. At most `concurrency` calls are
 * in flight across the whole app. Network trouble, rate limits and "usage limit reached" (104) are retried after a
 * pause; a bad key or an exhausted allowance that persists stops the run, since every further call would fail too.
 */

export const CACHE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface CachedCheck {
  valid: boolean;
  lineType: string | null;
  carrier: string | null;
  countryCode: string | null;
  location: string | null;
  lookedUpAt: string;
}

export type CheckOutcome =
  | { ok: true; check: CachedCheck; fromCache: boolean }
  /** `fatal`: the run should stop (bad key, allowance used up); otherwise only this number failed. */
  | { ok: false; error: NumVerifyError; fatal: boolean };

export interface NumberCheckerOptions {
  db: Db;
  now: () => Date;
  baseUrl: () => string;
  accessKey: () => string | undefined;
  fetch?: FetchLike;
  /** Calls in flight at once, app-wide. Default 2. */
  concurrency?: number;
  /** Pauses before each retry. Default 2 s, 8 s, 30 s. */
  backoffMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Counts every HTTP call made (retries included). */
  onCall?: () => void;
}

/** Codes after which no further call can succeed until the owner acts (fix the key, the URL or the plan). */
const FATAL_CODES = new Set<unknown>([101, 102, 103, 105]);
/** Worth another try after a pause: rate limits, the monthly allowance (it may just have been raised), the network. */
const RETRY_CODES = new Set<unknown>([104, 106, 'network', 'timeout', 'bad_answer']);

export interface NumberChecker {
  check(phone: string): Promise<CheckOutcome>;
  /** The cached answer if it is younger than 30 days. */
  cached(phone: string): CachedCheck | null;
}

export function createNumberChecker(options: NumberCheckerOptions): NumberChecker {
  const { db, now } = options;
  const backoff = options.backoffMs ?? [2_000, 8_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const slots = limiter(options.concurrency ?? 2);
  const inFlight = new Map<string, Promise<CheckOutcome>>();

  const cached = (phone: string): CachedCheck | null => {
    const since = new Date(now().getTime() - CACHE_DAYS * DAY_MS).toISOString();
    const r = cachedNumberCheck(db, phone, since);
    return r
      ? {
          valid: !!r.valid,
          lineType: r.line_type,
          carrier: r.carrier,
          countryCode: r.country_code,
          location: r.location,
          lookedUpAt: r.looked_up_at,
        }
      : null;
  };

  const store = (phone: string, c: NumberCheck): CachedCheck => {
    const at = now().toISOString();
    storeNumberCheck(db, {
      phone,
      valid: c.valid ? 1 : 0,
      line_type: c.lineType,
      carrier: c.carrier,
      country_code: c.countryCode,
      location: c.location,
      response_json: JSON.stringify(c.raw satisfies NumVerifyAnswer),
      looked_up_at: at,
    });
    return {
      valid: c.valid,
      lineType: c.lineType,
      carrier: c.carrier,
      countryCode: c.countryCode,
      location: c.location,
      lookedUpAt: at,
    };
  };

  const lookUp = async (phone: string): Promise<CheckOutcome> => {
    for (let attempt = 0; ; attempt++) {
      const key = options.accessKey();
      if (!key) {
        return {
          ok: false,
          fatal: true,
          error: {
            code: 101,
            type: 'missing_access_key',
            retryable: false,
            message: 'Add your NumVerify access key in Settings to check numbers.',
          },
        };
      }
      options.onCall?.();
      const r = await lookupNumber(phone, {
        baseUrl: options.baseUrl(),
        accessKey: key,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
      });
      if (r.ok) return { ok: true, check: store(phone, r.value), fromCache: false };
      const retry = RETRY_CODES.has(r.error.code) || (r.error.code === 'http_status' && r.error.retryable);
      if (retry && attempt < backoff.length) {
        await sleep(backoff[attempt]);
        continue;
      }
      return { ok: false, error: r.error, fatal: FATAL_CODES.has(r.error.code) || r.error.code === 104 };
    }
  };

  return {
    cached,
    check(phone) {
      const hit = cached(phone);
      if (hit) return Promise.resolve({ ok: true, check: hit, fromCache: true });
      let pending = inFlight.get(phone);
      if (!pending) {
        // Checked again once a slot is free: an identical request may have filled the cache while this one waited.
        pending = slots(async () => {
          const late = cached(phone);
          return late ? ({ ok: true, check: late, fromCache: true } as const) : lookUp(phone);
        }).finally(() => inFlight.delete(phone));
        inFlight.set(phone, pending);
      }
      return pending;
    },
  };
}

/** Runs tasks with at most `n` at a time, in the order they were asked for. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    if (active >= n) return;
    const start = waiting.shift();
    if (start) {
      active++;
      start();
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      waiting.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
