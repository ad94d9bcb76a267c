import { callHttp, hostOf, joinUrl, basicAuth, parseJson, type FetchLike } from '../http/client';
import { readCallPlan } from '../voice';
import { transportOutcome } from './outcomes';
import { twilioAnsweredSendOutcome } from './twilio-errors';
import { TwilioProvider } from './twilio';
import type { ListQuery, Provider, ProviderMessage, ProviderMessageStatus, SendOutcome, SendRequest } from './types';

export interface TwilioVoiceOptions {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  fetch?: FetchLike;
  timeoutMs: number;
  now: () => Date;
  /** The relay's public `/webhooks/twilio-voice/status` URL, if known. */
  statusCallbackUrl?: string;
}

/** Call statuses (Calls resource) as the outbox reads them. */
const CALL_STATUS: Record<string, ProviderMessageStatus> = {
  queued: 'queued',
  initiated: 'sent',
  ringing: 'sent',
  'in-progress': 'delivered',
  completed: 'delivered',
  busy: 'undelivered',
  'no-answer': 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * Twilio Programmable Voice: one outbound call per message (`POST …/Calls.json` with the call's TwiML inline),
 * answering-machine detection waiting for the end of the greeting (DetectMessageEnd, so a voicemail gets the message
 * after the beep), and status callbacks to the relay. Same account and errors as Twilio messaging.
 */
export class TwilioVoiceProvider implements Provider {
  readonly id = 'twilio_voice' as const;
  private readonly base: string;
  private readonly account: TwilioProvider;

  constructor(private readonly options: TwilioVoiceOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.account = new TwilioProvider({ ...options, statusCallbackUrl: undefined });
  }

  async send(req: SendRequest, signal?: AbortSignal): Promise<SendOutcome> {
    let twiml: string;
    try {
      twiml = readCallPlan(req.voiceJson).twiml;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, kind: 'permanent', code: 'no_call_content', message };
    }
    const form = new URLSearchParams({
      To: req.to,
      From: req.from,
      Twiml: twiml,
      MachineDetection: 'DetectMessageEnd',
    });
    if (this.options.statusCallbackUrl) {
      form.set('StatusCallback', this.options.statusCallbackUrl);
      form.set('StatusCallbackMethod', 'POST');
      for (const event of ['initiated', 'ringing', 'answered', 'completed']) form.append('StatusCallbackEvent', event);
    }
    const url = this.accountUrl('/Calls.json');
    const result = await callHttp(
      url,
      {
        method: 'POST',
        headers: { ...this.headers(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      { fetch: this.options.fetch, timeoutMs: this.options.timeoutMs, signal },
    );
    if (result.kind !== 'answered') return transportOutcome('Twilio', hostOf(url), result, this.options.timeoutMs);
    const outcome = twilioAnsweredSendOutcome(result, this.options.now());
    if (!outcome.ok) return outcome;
    const call = parseJson(result.text) as { status?: unknown } | undefined;
    return { ...outcome, status: callStatus(call?.status) };
  }

  async lookup(callSid: string): Promise<ProviderMessage | null> {
    if (!/^CA[0-9a-fA-F]{32}$/.test(callSid)) return null;
    const url = this.accountUrl(`/Calls/${callSid}.json`);
    const result = await callHttp(url, { method: 'GET', headers: this.headers() }, this.httpOptions());
    if (result.kind !== 'answered' || result.status === 404 || result.status >= 300) return null;
    return toCallMessage(parseJson(result.text));
  }

  /** Calls are not reconciled like texts (a call's outcome arrives by status callback or lookup): none listed. */
  async *list(query: ListQuery): AsyncIterable<ProviderMessage> {
    void query;
    yield* [];
  }

  health() {
    return this.account.health();
  }

  private httpOptions() {
    return { fetch: this.options.fetch, timeoutMs: this.options.timeoutMs };
  }

  private accountUrl(path: string): string {
    return joinUrl(this.base, `/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}${path}`);
  }

  private headers(): Record<string, string> {
    return { Authorization: basicAuth(this.options.accountSid, this.options.authToken), Accept: 'application/json' };
  }
}

function callStatus(value: unknown): ProviderMessageStatus {
  return typeof value === 'string' && CALL_STATUS[value] ? CALL_STATUS[value] : 'unknown';
}

function toCallMessage(raw: unknown): ProviderMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  if (typeof c.sid !== 'string') return null;
  const created = typeof c.date_created === 'string' ? Date.parse(c.date_created) : NaN;
  return {
    providerMessageId: c.sid,
    direction: 'outgoing',
    from: typeof c.from === 'string' ? c.from : '',
    to: typeof c.to === 'string' ? c.to : '',
    body: '',
    status: callStatus(c.status),
    createdAt: new Date(Number.isNaN(created) ? 0 : created).toISOString(),
    errorCode: null,
  };
}
