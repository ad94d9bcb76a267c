import { callHttp, classifyStatus, hostOf, joinUrl, parseJson, type FetchLike } from '../http/client';

/**
 * NumVerify (APILayer) number check: one HTTP call and the parsing of its answer. Caching (30 days, never the same
 * number twice) and concurrency live in the layer above; this module never retries, because every call spends the
 * small monthly allowance.
 */

/** NumVerify's error text (a string, sometimes a number), or the error type when it gave none. */
function infoText(info: unknown, type: string): string {
  return typeof info === 'string' || typeof info === 'number' ? String(info) : type;
}

/** The answer NumVerify documents for a number it could parse. */
export interface NumVerifyAnswer {
  valid: boolean;
  number: string;
  local_format: string;
  international_format: string;
  country_prefix: string;
  country_code: string;
  country_name: string;
  location: string;
  carrier: string;
  line_type: string | null;
}

/** `mobile`, `landline`, `special_services`, `toll_free`, `premium_rate`, `satellite`, `paging`, or newer ones. */
export type LineType = string;

export interface NumberCheck {
  valid: boolean;
  lineType: LineType | null;
  carrier: string | null;
  /** ISO alpha-2, e.g. US */
  countryCode: string | null;
  location: string | null;
  /** The whole answer, for the cache's response_json. */
  raw: NumVerifyAnswer;
}

export interface NumVerifyError {
  /** NumVerify's own code (101, 104, 210, 211, …) or what went wrong on the way. */
  code: number | 'network' | 'timeout' | 'http_status' | 'bad_answer';
  /** NumVerify's `type` (e.g. invalid_access_key), or the transport detail. */
  type: string;
  message: string;
  /** Worth asking again later (network trouble, 5xx); false for key, allowance and input problems. */
  retryable: boolean;
}

export type NumberLookup = { ok: true; value: NumberCheck } | { ok: false; error: NumVerifyError };

export interface NumVerifyOptions {
  /** e.g. https://api.apilayer.net/numverify (the /validate endpoint lives under it). */
  baseUrl: string;
  accessKey: string;
  fetch?: FetchLike;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** ISO alpha-2, only needed when `number` is in national format. */
  countryCode?: string;
  signal?: AbortSignal;
}

const MESSAGES: Record<number, string> = {
  101: 'NumVerify says your access key is missing or invalid (101). Check the NumVerify key in Settings.',
  102: 'NumVerify says your account is not active (102). Activate it on apilayer.com.',
  103: 'NumVerify does not know the requested function (103). Check the NumVerify address in Settings.',
  104: 'NumVerify says your plan’s monthly lookup allowance is used up (104). Lookups can resume next month or after upgrading the plan.',
  105: 'NumVerify says your plan does not allow this request (105), e.g. HTTPS on the free plan. Check the NumVerify address in Settings or upgrade the plan.',
  106: 'NumVerify says too many lookups were made too quickly (106). Try again in a minute.',
  210: 'NumVerify says no phone number was given (210).',
  211: 'NumVerify says the phone number is not numeric (211). Fix the contact’s number.',
};

/** Codes that can succeed later without anyone changing anything. */
const RETRYABLE_CODES = new Set([106]);

export async function lookupNumber(e164: string, options: NumVerifyOptions): Promise<NumberLookup> {
  // NumVerify wants digits only: "+1 415…" would be answered with 211.
  const number = e164.trim().replace(/^\+/, '');
  const params = new URLSearchParams({ access_key: options.accessKey, number });
  if (options.countryCode) params.set('country_code', options.countryCode);
  const url = joinUrl(options.baseUrl, `/validate?${params.toString()}`);
  const host = hostOf(url); // never show the URL itself: it carries the access key
  const timeoutMs = options.timeoutMs ?? 10_000;
  const result = await callHttp(
    url,
    { method: 'GET', headers: { Accept: 'application/json' } },
    {
      fetch: options.fetch ?? fetch,
      timeoutMs,
      signal: options.signal,
    },
  );
  if (result.kind !== 'answered') {
    const timeout = result.kind === 'maybe_sent' && result.code === 'timeout';
    return failure({
      code: timeout ? 'timeout' : 'network',
      type: result.code,
      retryable: true,
      message: timeout
        ? `NumVerify did not answer within ${Math.round(timeoutMs / 1000)} s. Try the check again later.`
        : `Could not reach NumVerify at ${host} (${result.code}). Check your internet connection.`,
    });
  }
  if (classifyStatus(result.status) !== 'ok') {
    const retryable = classifyStatus(result.status) === 'retryable';
    return failure({
      code: 'http_status',
      type: `http_${result.status}`,
      retryable,
      message: `NumVerify answered with HTTP ${result.status}${retryable ? '; try the check again later' : '. Check the NumVerify address in Settings'}.`,
    });
  }
  return parseAnswer(parseJson(result.text));
}

/** Reads a 200 answer: NumVerify reports errors with HTTP 200 and `success: false`. */
export function parseAnswer(json: unknown): NumberLookup {
  if (typeof json !== 'object' || json === null) {
    return failure({
      code: 'bad_answer',
      type: 'not_json',
      retryable: true,
      message: 'NumVerify sent an answer that could not be read. Try again later.',
    });
  }
  const body = json as Record<string, unknown>;
  if (body.success === false) {
    const error = (body.error ?? {}) as { code?: unknown; type?: unknown; info?: unknown };
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const type = typeof error.type === 'string' ? error.type : 'unknown_error';
    if (!Number.isFinite(code)) {
      return failure({
        code: 'bad_answer',
        type,
        retryable: true,
        message: `NumVerify reported an error it did not number: ${infoText(error.info, type)}.`,
      });
    }
    const message = MESSAGES[code] ?? `NumVerify refused the check: ${infoText(error.info, type)} (${code}).`;
    return failure({ code, type, retryable: RETRYABLE_CODES.has(code), message });
  }
  if (typeof body.valid !== 'boolean') {
    return failure({
      code: 'bad_answer',
      type: 'missing_valid',
      retryable: true,
      message: 'NumVerify sent an answer without a "valid" field. Try again later.',
    });
  }
  const raw = body as unknown as NumVerifyAnswer;
  return {
    ok: true,
    value: {
      valid: raw.valid,
      lineType: text(raw.line_type),
      carrier: text(raw.carrier),
      countryCode: text(raw.country_code),
      location: text(raw.location),
      raw,
    },
  };
}

/** NumVerify answers invalid numbers with empty strings; absence is null for us. */
function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function failure(error: NumVerifyError): NumberLookup {
  return { ok: false, error };
}
