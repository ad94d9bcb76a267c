import { startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import { createFaultPlan, type FaultPlan } from './faults';

const NO_HEADERS: Record<string, string> = {};

/**
 * A fake NumVerify (APILayer) `GET …/validate` on 127.0.0.1. Errors come as HTTP 200 with `success: false`, as
 * the real service does. It counts calls per number so cache tests can prove a number is never looked up twice.
 */

export interface FakeNumberInfo {
  lineType: string;
  valid?: boolean;
  carrier?: string;
  location?: string;
  /** ISO alpha-2; default derived from the calling code. */
  countryCode?: string;
}

export interface FakeNumVerifyOptions {
  /** Default ['test-numverify-key']. */
  accessKeys?: string[];
  /** Known numbers (E.164 or digits) and what NumVerify says about them. */
  numbers?: Record<string, FakeNumberInfo>;
  /** Successful lookups allowed before every call answers 104; default unlimited. */
  usageLimit?: number;
  /** Line type for plausible numbers not listed in `numbers`. Default 'mobile'. */
  defaultLineType?: string;
  /** Each answer waits this long, so concurrent requests overlap and `maxInFlight` shows how many did. Default 0. */
  answerDelayMs?: number;
}

export interface FakeNumVerify {
  url: string;
  close(): Promise<void>;
  faults: FaultPlan;
  readonly requests: readonly RequestLogEntry[];
  /** Requests to /validate that were processed (not cut short by an injected fault), whatever the answer. */
  readonly calls: number;
  /** Lookups that passed the key check and counted against the allowance. */
  readonly usage: number;
  /** The most /validate requests being answered at the same moment (see answerDelayMs). */
  readonly maxInFlight: number;
  /** Requests naming this number (E.164 or digits). */
  callsFor(number: string): number;
  setNumber(number: string, info: FakeNumberInfo): void;
  setUsageLimit(limit: number | null): void;
}

/** Calling code → ISO country and name; enough for tests. */
const COUNTRIES: Record<string, { code: string; name: string }> = {
  '1': { code: 'US', name: 'United States of America' },
  '44': { code: 'GB', name: 'United Kingdom' },
  '33': { code: 'FR', name: 'France' },
  '49': { code: 'DE', name: 'Germany' },
  '34': { code: 'ES', name: 'Spain' },
  '52': { code: 'MX', name: 'Mexico' },
  '61': { code: 'AU', name: 'Australia' },
};

const ERRORS: Record<number, { type: string; info: string }> = {
  101: {
    type: 'invalid_access_key',
    info: 'You have not supplied a valid API Access Key. [Technical Support: support@apilayer.com]',
  },
  103: { type: 'invalid_api_function', info: 'This API Function does not exist.' },
  104: {
    type: 'usage_limit_reached',
    info: 'Your monthly usage limit has been reached. Please upgrade your subscription plan.',
  },
  210: { type: 'no_phone_number_provided', info: 'Please specify a phone number. [Example: 14158586273]' },
  211: {
    type: 'non_numeric_phone_number_provided',
    info: 'Please specify a numeric phone number. [Example: 14158586273]',
  },
};

function apiError(code: number, type = ERRORS[code].type): Answer {
  return { status: 200, body: { success: false, error: { code, type, info: ERRORS[code].info } } };
}

const digitsOf = (number: string) => number.trim().replace(/^\+/, '');

function splitPrefix(digits: string): { prefix: string; national: string } | null {
  for (const length of [1, 2, 3]) {
    const prefix = digits.slice(0, length);
    if (COUNTRIES[prefix]) return { prefix, national: digits.slice(length) };
  }
  return null;
}

export async function startFakeNumVerify(options: FakeNumVerifyOptions = {}): Promise<FakeNumVerify> {
  const keys = new Set(options.accessKeys ?? ['test-numverify-key']);
  const known = new Map(Object.entries(options.numbers ?? {}).map(([n, info]) => [digitsOf(n), info]));
  const perNumber = new Map<string, number>();
  const faults = createFaultPlan();
  let usageLimit: number | null = options.usageLimit ?? null;
  let calls = 0;
  let usage = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  async function handleOverlapping(req: FakeRequest): Promise<Answer> {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (options.answerDelayMs) await new Promise((resolve) => setTimeout(resolve, options.answerDelayMs));
      return handle(req);
    } finally {
      inFlight -= 1;
    }
  }

  function handle(req: FakeRequest): Answer {
    if (!req.url.pathname.endsWith('/validate')) return apiError(103);
    calls += 1;
    const params = req.url.searchParams;
    const number = params.get('number');
    if (number) perNumber.set(digitsOf(number), (perNumber.get(digitsOf(number)) ?? 0) + 1);
    const key = params.get('access_key');
    if (!key) return apiError(101, 'missing_access_key');
    if (!keys.has(key)) return apiError(101);
    if (usageLimit !== null && usage >= usageLimit) return apiError(104);
    if (!number || number.trim() === '') return apiError(210);
    if (!/^\+?\d+$/.test(number.trim())) return apiError(211);
    usage += 1;
    return { status: 200, body: answerFor(digitsOf(number), params.get('country_code')) };
  }

  function answerFor(input: string, countryCode: string | null): Record<string, unknown> {
    let digits = input;
    if (countryCode) {
      const prefix = Object.entries(COUNTRIES).find(([, c]) => c.code === countryCode.toUpperCase())?.[0];
      if (prefix && !digits.startsWith(prefix)) digits = `${prefix}${digits.replace(/^0/, '')}`;
    }
    const split = splitPrefix(digits);
    const info = known.get(digits);
    const plausible =
      split !== null &&
      (split.prefix === '1' ? split.national.length === 10 : split.national.length >= 8 && split.national.length <= 11);
    const valid = info ? info.valid !== false : plausible;
    if (!valid || !split) {
      return {
        valid: false,
        number: input,
        local_format: '',
        international_format: '',
        country_prefix: '',
        country_code: '',
        country_name: '',
        location: '',
        carrier: '',
        line_type: null,
      };
    }
    const country = COUNTRIES[split.prefix];
    return {
      valid: true,
      number: digits,
      local_format: split.national,
      international_format: `+${digits}`,
      country_prefix: `+${split.prefix}`,
      country_code: info?.countryCode ?? country.code,
      country_name: country.name,
      location: info?.location ?? '',
      carrier: info?.carrier ?? 'Fake Wireless Inc.',
      line_type: info?.lineType ?? options.defaultLineType ?? 'mobile',
    };
  }

  const running = await startFakeServer(
    {
      target: () => 'read',
      handle: handleOverlapping,
      faultAnswer: (status, retryAfter) => ({
        status,
        body: { message: status === 429 ? 'Too many requests' : 'Internal Server Error' },
        headers: retryAfter === null ? NO_HEADERS : { 'Retry-After': retryAfter },
      }),
    },
    faults,
  );

  return {
    url: running.url,
    close: running.close,
    faults,
    requests: running.log,
    get calls() {
      return calls;
    },
    get usage() {
      return usage;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    callsFor: (number) => perNumber.get(digitsOf(number)) ?? 0,
    setNumber: (number, info) => void known.set(digitsOf(number), info),
    setUsageLimit: (limit) => void (usageLimit = limit),
  };
}
