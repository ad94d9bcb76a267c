import { createHmac, randomBytes } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { basicCredentials, startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import { createFaultPlan, type FaultPlan } from './faults';
import { slidingWindow } from './rate-limit';

/**
 * A fake Twilio Programmable Voice on 127.0.0.1, following the documented shapes: Basic auth (20003), form-encoded
 * `POST …/Calls.json` with To, From and Twiml answering 201 with a CallSid (CA…), 400/21211 for a bad number,
 * 429/20429 over the rate; then, when the test says how the call went, the status callbacks and key presses POSTed to
 * our relay exactly as Twilio does — form-encoded and signed with X-Twilio-Signature (HMAC-SHA1 of the URL and the
 * sorted parameters, keyed with the Auth Token), written here from providers.md, not with the code under test.
 */

export interface FakeCall {
  sid: string;
  to: string;
  from: string;
  twiml: string;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  machineDetection: string | null;
  status: string;
}

export interface FakeTwilioVoice {
  url: string;
  accountSid: string;
  authToken: string;
  faults: FaultPlan;
  readonly calls: readonly FakeCall[];
  readonly requests: readonly RequestLogEntry[];
  /** The call is picked up by a person or a voicemail and played to the end: answered, then completed callbacks. */
  answer(sid: string, how?: { answeredBy?: 'human' | 'machine_end_beep'; durationS?: number }): Promise<number[]>;
  /** The call ends without reaching anyone (busy, no-answer, failed). */
  end(sid: string, status: 'busy' | 'no-answer' | 'failed'): Promise<number[]>;
  /** The person presses a key: POSTed to the Gather action of the call's TwiML. Returns the relay's answer. */
  press(sid: string, digit: string): Promise<{ status: number; twiml: string }>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string): Answer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** X-Twilio-Signature as documented: base64 HMAC-SHA1 over the URL then each parameter name+value, sorted by name. */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export async function startFakeTwilioVoice(
  /** `invalidNumbers`: well-formed numbers Twilio nevertheless rejects as invalid (21211). */
  options: { rateLimitPerSecond?: number | 'unlimited'; now?: () => Date; invalidNumbers?: string[] } = {},
): Promise<FakeTwilioVoice> {
  const accountSid = 'AC00000000000000000000000000000002';
  const authToken = 'fake-voice-auth-token';
  const now = options.now ?? (() => new Date());
  const limiter = slidingWindow(options.rateLimitPerSecond ?? 'unlimited', now);
  const faults = createFaultPlan();
  const calls: FakeCall[] = [];
  const base = `/2010-04-01/Accounts/${accountSid}`;

  function place(form: URLSearchParams): Answer {
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    const twiml = form.get('Twiml');
    if (!to) return twilioError(400, 21201, 'No "To" number is specified');
    if (!E164.test(to) || options.invalidNumbers?.includes(to))
      return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!E164.test(from)) return twilioError(400, 21212, `Invalid 'From' Phone Number: ${from}`);
    if (!twiml && !form.get('Url')) return twilioError(400, 21205, 'Url or Twiml is required');
    if (twiml && twiml.length > 4000) return twilioError(400, 13000, 'Twiml exceeds 4000 characters');
    const call: FakeCall = {
      sid: `CA${randomBytes(16).toString('hex')}`,
      to,
      from,
      twiml: twiml ?? '',
      statusCallback: form.get('StatusCallback'),
      statusCallbackEvents: form.getAll('StatusCallbackEvent'),
      machineDetection: form.get('MachineDetection'),
      status: 'queued',
    };
    calls.push(call);
    return {
      status: 201,
      body: { sid: call.sid, account_sid: accountSid, to, from, status: 'queued', direction: 'outbound-api' },
    };
  }

  function handle(req: FakeRequest): Answer {
    const credentials = basicCredentials(req.headers.authorization);
    if (!credentials || credentials.user !== accountSid || credentials.password !== authToken)
      return twilioError(401, 20003, 'Authenticate');
    if (limiter.check(accountSid) !== null)
      return { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'Retry-After': '1' } };
    if (req.method === 'POST' && req.url.pathname === `${base}/Calls.json`) return place(new URLSearchParams(req.body));
    return twilioError(404, 20404, `The requested resource ${req.url.pathname} was not found`);
  }

  const server = await startFakeServer(
    {
      target: (req) => (req.method === 'POST' ? 'send' : 'read'),
      handle,
      faultAnswer: (status, retryAfter) => ({
        ...twilioError(status, status === 429 ? 20429 : 20500, status === 429 ? 'Too Many Requests' : 'Internal'),
        headers: retryAfter ? { 'Retry-After': retryAfter } : undefined,
      }),
    },
    faults,
  );

  const callOf = (sid: string) => {
    const call = calls.find((c) => c.sid === sid);
    if (!call) throw new Error(`no call ${sid}`);
    return call;
  };

  async function post(url: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilio(authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(5000),
    });
    return { status: response.status, text: await response.text() };
  }

  const callParams = (call: FakeCall): Record<string, string> => ({
    AccountSid: accountSid,
    CallSid: call.sid,
    To: call.to,
    From: call.from,
    Direction: 'outbound-api',
    ApiVersion: '2010-04-01',
  });

  async function callback(call: FakeCall, status: string, extra: Record<string, string> = {}): Promise<number> {
    call.status = status;
    if (!call.statusCallback) return 0;
    return (await post(call.statusCallback, { ...callParams(call), CallStatus: status, ...extra })).status;
  }

  return {
    url: server.url,
    accountSid,
    authToken,
    faults,
    calls,
    requests: server.log,
    async answer(sid, how = {}) {
      const call = callOf(sid);
      const answeredBy = how.answeredBy ?? 'human';
      return [
        await callback(call, 'initiated'),
        await callback(call, 'ringing'),
        await callback(call, 'in-progress', { AnsweredBy: answeredBy }),
        await callback(call, 'completed', { AnsweredBy: answeredBy, CallDuration: String(how.durationS ?? 31) }),
      ];
    },
    async end(sid, status) {
      const call = callOf(sid);
      return [await callback(call, 'initiated'), await callback(call, status, { CallDuration: '0' })];
    },
    async press(sid, digit) {
      const call = callOf(sid);
      const doc = new DOMParser().parseFromString(call.twiml, 'text/xml');
      const action = doc.getElementsByTagName('Gather').item(0)?.getAttribute('action');
      if (!action) throw new Error('the call has no <Gather action>');
      const answer = await post(action, { ...callParams(call), CallStatus: 'in-progress', Digits: digit });
      return { status: answer.status, twiml: answer.text };
    },
    close: () => server.close(),
  };
}
