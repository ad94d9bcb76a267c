import { AppError } from '../../shared/errors';
import {
  basicAuth,
  callHttp,
  classifyStatus,
  hostOf,
  joinUrl,
  parseJson,
  readWithRetry,
  type FetchLike,
  type HttpResult,
} from '../http/client';
import { transportOutcome } from './outcomes';
import { describeTwilioError, parseTwilioError, twilioAnsweredSendOutcome } from './twilio-errors';
import { listMessages, toProviderMessage, type TwilioListQuery } from './twilio-messages';
import type { ListQuery, Provider, ProviderHealth, ProviderMessage, SendOutcome, SendRequest } from './types';

export interface TwilioClientOptions {
  /** e.g. https://api.twilio.com */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** A fetch to use instead of the built-in node:http transport (callHttp). */
  fetch?: FetchLike;
  /** How long one request may take before a send counts as "maybe sent". */
  timeoutMs: number;
  now: () => Date;
  /** Status callback URL given with every send (the public webhook URL), if any. */
  statusCallbackUrl?: string;
  /** Retries for idempotent reads (lookup, list, health). Default 3 attempts, 500 ms × n, at most 5 s. */
  readRetry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** Twilio Programmable Messaging over its 2010-04-01 REST API. */
export class TwilioProvider implements Provider {
  readonly id = 'twilio' as const;
  private readonly base: string;
  private readonly fetchFn: FetchLike | undefined;
  private readonly readRetry: { attempts: number; baseDelayMs: number; maxDelayMs: number };

  constructor(private readonly options: TwilioClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch;
    this.readRetry = options.readRetry ?? { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 };
  }

  async send(req: SendRequest, signal?: AbortSignal): Promise<SendOutcome> {
    const url = this.accountUrl('/Messages.json');
    const form = new URLSearchParams({ To: req.to, Body: req.body });
    // A Messaging Service (MG…) picks the sender itself; otherwise From is our number.
    if (/^MG[0-9a-fA-F]{32}$/.test(req.from)) form.set('MessagingServiceSid', req.from);
    else form.set('From', req.from);
    if (this.options.statusCallbackUrl) form.set('StatusCallback', this.options.statusCallbackUrl);
    const result = await callHttp(
      url,
      {
        method: 'POST',
        headers: { ...this.headers(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      { fetch: this.fetchFn, timeoutMs: this.options.timeoutMs, signal },
    );
    if (result.kind !== 'answered') return transportOutcome('Twilio', hostOf(url), result, this.options.timeoutMs);
    return twilioAnsweredSendOutcome(result, this.options.now());
  }

  async lookup(providerMessageId: string): Promise<ProviderMessage | null> {
    // Twilio message SIDs are SM… or MM…; anything else cannot exist there.
    if (!/^(SM|MM)[0-9a-fA-F]{32}$/.test(providerMessageId)) return null;
    const url = this.accountUrl(`/Messages/${providerMessageId}.json`);
    const result = await this.get(url);
    if (result.kind === 'answered' && result.status === 404) return null;
    return toProviderMessage(this.jsonOrThrow(result, url));
  }

  list(query: ListQuery): AsyncIterable<ProviderMessage> {
    const read = async (url: string) => this.jsonOrThrow(await this.get(url), url);
    const base = { accountSid: this.options.accountSid, since: query.since, until: query.until, pageSize: 100 };
    if (query.participant === undefined) return listMessages(read, this.base, base);
    return this.listConversation(read, { ...base, participant: query.participant });
  }

  /** Twilio filters by To or From, not by conversation: list both directions. */
  private async *listConversation(
    read: (url: string) => Promise<unknown>,
    q: Omit<TwilioListQuery, 'to' | 'from'> & { participant: string },
  ): AsyncGenerator<ProviderMessage> {
    const { participant, ...rest } = q;
    yield* listMessages(read, this.base, { ...rest, to: participant });
    yield* listMessages(read, this.base, { ...rest, from: participant });
  }

  async health(): Promise<ProviderHealth> {
    const url = joinUrl(this.base, `/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}.json`);
    const result = await this.get(url);
    if (result.kind !== 'answered') {
      return {
        ok: false,
        detail: `Could not reach Twilio at ${hostOf(url)} (${result.code}). Check your internet connection.`,
      };
    }
    if (classifyStatus(result.status) !== 'ok') {
      return { ok: false, detail: describeTwilioError(result.status, parseTwilioError(result.text)) };
    }
    const account = parseJson(result.text) as { status?: string; type?: string; friendly_name?: string } | undefined;
    if (account?.status !== 'active') {
      return {
        ok: false,
        detail: `Your Twilio account is ${account?.status ?? 'in an unknown state'}, so it cannot send texts. Reactivate it in Twilio.`,
      };
    }
    const trial =
      account.type === 'Trial' ? ' It is a trial account: it can only text numbers you have verified in Twilio.' : '';
    return {
      ok: true,
      detail: `Connected to Twilio account ${account.friendly_name ?? this.options.accountSid}.${trial}`,
    };
  }

  private accountUrl(path: string): string {
    return joinUrl(this.base, `/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}${path}`);
  }

  private headers(): Record<string, string> {
    return { Authorization: basicAuth(this.options.accountSid, this.options.authToken), Accept: 'application/json' };
  }

  private get(url: string): Promise<HttpResult> {
    return readWithRetry(
      url,
      { method: 'GET', headers: this.headers() },
      {
        fetch: this.fetchFn,
        timeoutMs: this.options.timeoutMs,
        now: this.options.now,
        ...this.readRetry,
      },
    );
  }

  private jsonOrThrow(result: HttpResult, url: string): unknown {
    if (result.kind !== 'answered') {
      throw new AppError(
        'provider_error',
        `Could not reach Twilio at ${hostOf(url)} (${result.code}). Check your internet connection and try again.`,
      );
    }
    if (classifyStatus(result.status) !== 'ok') {
      throw new AppError('provider_error', describeTwilioError(result.status, parseTwilioError(result.text)));
    }
    const json = parseJson(result.text);
    if (json === undefined || result.bodyIncomplete) {
      throw new AppError(
        'provider_error',
        `Twilio's answer from ${hostOf(url)} was not readable JSON. Try again later.`,
      );
    }
    return json;
  }
}
