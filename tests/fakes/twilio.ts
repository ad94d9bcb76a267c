import { basicCredentials, startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import { createFaultPlan, type FaultPlan } from './faults';
import { duplicatesOf } from './quo';
import { slidingWindow } from './rate-limit';
import {
  TwilioStore,
  twilioDate,
  type TwilioFilter,
  type TwilioMessage,
  type TwilioMessageStatus,
} from './twilio-store';

const NO_HEADERS: Record<string, string> = {};

/**
 * A fake Twilio Programmable Messaging API on 127.0.0.1: Basic auth, form-encoded sends answering 201, Twilio's
 * error JSON (20003, 21610 …), message fetch, newest-first listing with next_page_uri, the Account resource, and
 * Advanced Opt-Out (an inbound STOP opts the number out), plus faults.
 */

export interface FakeTwilioOptions {
  /** Default AC00000000000000000000000000000001. */
  accountSid?: string;
  /** Default 'test-twilio-token'. */
  authToken?: string;
  /** Numbers that already texted STOP: sends to them answer 21610. */
  optedOut?: string[];
  /** Sender used for Messaging Service sends (MG…). Default +15550100001. */
  messagingServiceFrom?: string;
  /** Requests per second per account (429, code 20429) or 'unlimited' (default). */
  rateLimitPerSecond?: number | 'unlimited';
  accountType?: 'Full' | 'Trial';
  now?: () => Date;
}

export interface FakeTwilio {
  url: string;
  close(): Promise<void>;
  accountSid: string;
  authToken: string;
  faults: FaultPlan;
  readonly messages: readonly TwilioMessage[];
  /** Only messages accepted by POST …/Messages.json, in order: what "really" went out. */
  readonly sent: readonly TwilioMessage[];
  readonly requests: readonly RequestLogEntry[];
  readonly rateLimited: number;
  readonly optedOut: ReadonlySet<string>;
  optOut(number: string): void;
  optIn(number: string): void;
  setRateLimit(perSecond: number | 'unlimited'): void;
  setAccountStatus(status: 'active' | 'suspended' | 'closed'): void;
  markDelivered(sid: string): TwilioMessage;
  /** Default error 30003 (unreachable handset). */
  markUndelivered(sid: string, errorCode?: number): TwilioMessage;
  setStatus(sid: string, status: TwilioMessageStatus, errorCode?: number | null): TwilioMessage;
  /** A customer's text to us. STOP-type keywords opt the sender out, START-type ones back in, as Twilio does. */
  addInbound(input: { from: string; body: string; to?: string; dateSent?: Date }): TwilioMessage;
  duplicates(): Array<{ to: string; text: string; ids: string[] }>;
  /** One of the account's numbers with its "A message comes in" URL (IncomingPhoneNumbers resource). */
  setIncomingNumber(input: { phoneNumber: string; smsUrl: string | null }): void;
}

const OPT_OUT = new Set(['STOP', 'UNSUBSCRIBE', 'END', 'QUIT', 'STOPALL', 'REVOKE', 'OPTOUT', 'CANCEL']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string): Answer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const now = options.now ?? (() => new Date());
  const accountSid = options.accountSid ?? 'AC00000000000000000000000000000001';
  const authToken = options.authToken ?? 'test-twilio-token';
  const store = new TwilioStore(accountSid, now);
  const optedOut = new Set(options.optedOut ?? []);
  const limiter = slidingWindow(options.rateLimitPerSecond ?? 'unlimited', now);
  const faults = createFaultPlan();
  const sent: TwilioMessage[] = [];
  const account = { status: 'active' as 'active' | 'suspended' | 'closed', created: twilioDate(now()) };
  const base = `/2010-04-01/Accounts/${accountSid}`;
  const incomingNumbers = new Map<string, { sid: string; smsUrl: string | null }>();

  function handle(req: FakeRequest): Answer {
    const credentials = basicCredentials(req.headers.authorization);
    if (!credentials || credentials.user !== accountSid || credentials.password !== authToken)
      return twilioError(401, 20003, 'Authenticate');
    if (limiter.check(accountSid) !== null)
      return { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'Retry-After': '1' } };
    const path = req.url.pathname;
    if (!path.startsWith(`${base}.json`) && !path.startsWith(`${base}/`)) {
      return twilioError(404, 20404, `The requested resource ${path} was not found`);
    }
    if (req.method === 'GET' && path === `${base}.json`) return accountResource();
    if (req.method === 'POST' && path === `${base}/Messages.json`) return send(new URLSearchParams(req.body));
    if (req.method === 'GET' && path === `${base}/Messages.json`) return list(req.url.searchParams);
    if (req.method === 'GET' && path === `${base}/IncomingPhoneNumbers.json`)
      return incomingPhoneNumbers(req.url.searchParams);
    const one = /\/Messages\/([^/]+)\.json$/.exec(path);
    if (req.method === 'GET' && one) {
      const message = store.get(one[1]);
      return message
        ? { status: 200, body: message }
        : twilioError(404, 20404, `The requested resource ${path} was not found`);
    }
    return twilioError(404, 20404, `The requested resource ${path} was not found`);
  }

  /** `GET …/IncomingPhoneNumbers.json[?PhoneNumber=…]`: Twilio's shape, one page. */
  function incomingPhoneNumbers(params: URLSearchParams): Answer {
    const wanted = params.get('PhoneNumber');
    const numbers = [...incomingNumbers.entries()]
      .filter(([number]) => wanted === null || number === wanted)
      .map(([number, n]) => ({
        account_sid: accountSid,
        sid: n.sid,
        phone_number: number,
        friendly_name: number,
        sms_url: n.smsUrl ?? '',
        sms_method: 'POST',
        sms_fallback_url: '',
        status_callback: '',
        capabilities: { sms: true, mms: true, voice: true },
        uri: `${base}/IncomingPhoneNumbers/${n.sid}.json`,
      }));
    return {
      status: 200,
      body: {
        incoming_phone_numbers: numbers,
        page: 0,
        page_size: 50,
        start: 0,
        end: Math.max(0, numbers.length - 1),
        next_page_uri: null,
        uri: `${base}/IncomingPhoneNumbers.json`,
      },
    };
  }

  function accountResource(): Answer {
    return {
      status: 200,
      body: {
        sid: accountSid,
        friendly_name: 'Fake Twilio account',
        status: account.status,
        type: options.accountType ?? 'Full',
        owner_account_sid: accountSid,
        date_created: account.created,
        date_updated: account.created,
        uri: `${base}.json`,
        subresource_uris: { messages: `${base}/Messages.json` },
      },
    };
  }

  function send(form: URLSearchParams): Answer {
    const to = form.get('To');
    const body = form.get('Body');
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (service && !/^MG[0-9a-fA-F]{32}$/.test(service))
      return twilioError(400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    if (from && !E164.test(from))
      return twilioError(
        400,
        21212,
        `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
      );
    if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (body.length > 1600)
      return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (account.status !== 'active') return twilioError(401, 20005, `Account not active`);
    if (optedOut.has(to)) return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
    const message = store.add({
      direction: 'outbound-api',
      from: from ?? null,
      to,
      body,
      messagingServiceSid: service,
      status: 'queued',
      dateSent: null,
    });
    const answer = { status: 201, body: { ...message } };
    // The carrier hand-off happens at once in the fake, so listings by DateSent see the message.
    store.update(message.sid, { status: 'sent', sentAt: now() });
    if (!from) message.from = options.messagingServiceFrom ?? '+15550100001';
    sent.push(message);
    return answer;
  }

  function dateParam(params: URLSearchParams, name: string): number | undefined | Answer {
    const value = params.get(name);
    if (value === null) return undefined;
    const at = Date.parse(value);
    return Number.isNaN(at) ? twilioError(400, 20001, `Invalid ${name}: ${value}`) : at;
  }

  function list(params: URLSearchParams): Answer {
    const pageSize = Number(params.get('PageSize') ?? '50');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      return twilioError(400, 20001, 'PageSize must be between 1 and 1000');
    const exact = dateParam(params, 'DateSent');
    const after = dateParam(params, 'DateSent>');
    const before = dateParam(params, 'DateSent<');
    for (const d of [exact, after, before]) if (typeof d === 'object') return d;
    const filter: TwilioFilter = {
      to: params.get('To') ?? undefined,
      from: params.get('From') ?? undefined,
      sentFrom: (after as number | undefined) ?? (exact as number | undefined),
      sentTo: (before as number | undefined) ?? (exact === undefined ? undefined : (exact as number) + 86_399_999),
    };
    const page = store.page(filter, pageSize, params.get('PageToken') ?? undefined);
    if (!page) return twilioError(400, 20001, 'Invalid PageToken');
    const pageNumber = Number(params.get('Page') ?? '0');
    const uriWith = (extra: Record<string, string>) => {
      const next = new URLSearchParams(params);
      next.delete('Page');
      next.delete('PageToken');
      next.set('PageSize', String(pageSize));
      for (const [k, v] of Object.entries(extra)) next.set(k, v);
      return `${base}/Messages.json?${next.toString()}`;
    };
    return {
      status: 200,
      body: {
        messages: page.items,
        end: pageNumber * pageSize + page.items.length - 1,
        first_page_uri: uriWith({ Page: '0' }),
        next_page_uri: page.nextToken ? uriWith({ Page: String(pageNumber + 1), PageToken: page.nextToken }) : null,
        page: pageNumber,
        page_size: pageSize,
        previous_page_uri: null,
        start: pageNumber * pageSize,
        uri: uriWith({ Page: String(pageNumber) }),
      },
    };
  }

  const running = await startFakeServer(
    {
      target: (req) => (req.method === 'POST' && req.url.pathname.endsWith('/Messages.json') ? 'send' : 'read'),
      handle,
      faultAnswer: (status, retryAfter) => ({
        ...(status === 429
          ? twilioError(429, 20429, 'Too Many Requests')
          : twilioError(status, 20500, 'Internal Server Error')),
        headers: retryAfter === null ? NO_HEADERS : { 'Retry-After': retryAfter },
      }),
    },
    faults,
  );

  return {
    url: running.url,
    close: running.close,
    accountSid,
    authToken,
    faults,
    messages: store.messages,
    sent,
    requests: running.log,
    get rateLimited() {
      return limiter.refused;
    },
    optedOut,
    optOut: (number) => void optedOut.add(number),
    optIn: (number) => void optedOut.delete(number),
    setRateLimit: (perSecond) => limiter.setLimit(perSecond),
    setAccountStatus: (status) => void (account.status = status),
    markDelivered: (sid) => store.update(sid, { status: 'delivered', sentAt: now() }),
    markUndelivered: (sid, errorCode = 30003) =>
      store.update(sid, {
        status: 'undelivered',
        errorCode,
        errorMessage: 'Unreachable destination handset',
        sentAt: now(),
      }),
    setStatus: (sid, status, errorCode) => store.update(sid, { status, errorCode }),
    addInbound: ({ from, body, to, dateSent }) => {
      const keyword = body.trim().toUpperCase();
      if (OPT_OUT.has(keyword)) optedOut.add(from);
      if (OPT_IN.has(keyword)) optedOut.delete(from);
      const at = dateSent ?? now();
      return store.add({
        direction: 'inbound',
        from,
        to: to ?? '+15550100001',
        body,
        status: 'received',
        dateSent: at,
        dateCreated: at,
      });
    },
    duplicates: () => duplicatesOf(sent.map((m) => ({ id: m.sid, to: m.to, text: m.body }))),
    setIncomingNumber: ({ phoneNumber, smsUrl }) => {
      const sid = incomingNumbers.get(phoneNumber)?.sid ?? `PN${String(incomingNumbers.size + 1).padStart(32, '0')}`;
      incomingNumbers.set(phoneNumber, { sid, smsUrl });
    },
  };
}
