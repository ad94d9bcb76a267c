import { AppError } from '../../shared/errors';
import { callHttp, hostOf, joinUrl, parseJson, parseRetryAfter, type HttpResult } from '../http/client';
import { outgoingEmail, type UnsubscribeLinkContext } from '../email';
import { transportOutcome, unreadableAcceptance } from './outcomes';
import type {
  ListQuery,
  Provider,
  ProviderHealth,
  ProviderMessage,
  ProviderMessageStatus,
  SendOutcome,
  SendRequest,
} from './types';

export interface PostmarkOptions {
  baseUrl: string;
  serverToken: string;
  messageStream: string;
  timeoutMs: number;
  now: () => Date;
  links: () => UnsubscribeLinkContext;
}

interface PostmarkError {
  ErrorCode?: number;
  Message?: string;
}

/** Postmark error codes that concern the one recipient or message, not the account (never retried). */
const INACTIVE_RECIPIENT = 406;

/**
 * What an answered Postmark send means: 200 with a MessageID is sent; 401 (bad token) and 422 (ErrorCode 300 invalid
 * request, 406 inactive recipient, …) fail for good; 429 and 5xx are tried again.
 */
export function postmarkAnswer(result: Extract<HttpResult, { kind: 'answered' }>, now: Date): SendOutcome {
  const json = parseJson(result.text) as (PostmarkError & { MessageID?: unknown }) | undefined;
  if (result.status === 200) {
    if (typeof json?.MessageID === 'string' && json.MessageID && !result.bodyIncomplete)
      return { ok: true, providerMessageId: json.MessageID, status: 'sent' };
    return unreadableAcceptance('Postmark', result.status, 'MessageID', 'the Activity page in Postmark');
  }
  const said = json?.Message ? `: ${json.Message.slice(0, 300)}` : '';
  const code = `postmark_${json?.ErrorCode ?? result.status}`;
  if (result.status === 429 || result.status >= 500)
    return {
      ok: false,
      kind: 'retryable',
      code,
      httpStatus: result.status,
      retryAfterMs: parseRetryAfter(result.headers.get('retry-after'), now),
      message: `Postmark is busy or unavailable (HTTP ${result.status}${said}); trying again later.`,
    };
  if (result.status === 401)
    return {
      ok: false,
      kind: 'permanent',
      code,
      httpStatus: 401,
      message: `Postmark did not accept the server token (postmark.serverToken)${said}.`,
    };
  if (json?.ErrorCode === INACTIVE_RECIPIENT)
    return {
      ok: false,
      kind: 'permanent',
      code,
      httpStatus: result.status,
      message: `Postmark will not send to this address: it bounced or complained before${said}.`,
    };
  return {
    ok: false,
    kind: 'permanent',
    code,
    httpStatus: result.status,
    message: `Postmark refused this e-mail (HTTP ${result.status}${said}).`,
  };
}

interface PostmarkOutbound {
  MessageID?: string;
  To?: Array<{ Email?: string }>;
  From?: string;
  Subject?: string;
  TextBody?: string;
  Status?: string;
  ReceivedAt?: string;
  MessageEvents?: Array<{ Type?: string }>;
}

function toMessage(m: PostmarkOutbound): ProviderMessage | null {
  if (!m.MessageID) return null;
  const events = (m.MessageEvents ?? []).map((e) => e.Type);
  const status: ProviderMessageStatus = events.includes('Bounced')
    ? 'undelivered'
    : events.includes('Delivered')
      ? 'delivered'
      : m.Status === 'Queued'
        ? 'queued'
        : 'sent';
  return {
    providerMessageId: m.MessageID,
    direction: 'outgoing',
    from: m.From ?? '',
    to: m.To?.[0]?.Email ?? '',
    body: m.Subject ?? '',
    status,
    createdAt: m.ReceivedAt ?? '',
  };
}

/** Postmark's HTTP API: sends, message details and the outbound list; bounces and complaints arrive by webhook. */
export class PostmarkProvider implements Provider {
  readonly id = 'postmark' as const;

  constructor(private readonly options: PostmarkOptions) {}

  private headers(): Record<string, string> {
    return { Accept: 'application/json', 'X-Postmark-Server-Token': this.options.serverToken };
  }

  async send(req: SendRequest, signal?: AbortSignal): Promise<SendOutcome> {
    const mail = outgoingEmail(this.options.links(), req);
    const url = joinUrl(this.options.baseUrl, '/email');
    const body = JSON.stringify({
      From: mail.from,
      To: mail.to,
      Subject: mail.subject,
      TextBody: mail.text,
      ...(mail.html ? { HtmlBody: mail.html } : {}),
      MessageStream: this.options.messageStream,
      Headers: Object.entries(mail.headers).map(([Name, Value]) => ({ Name, Value })),
    });
    const result = await callHttp(
      url,
      { method: 'POST', headers: { ...this.headers(), 'Content-Type': 'application/json' }, body },
      { timeoutMs: this.options.timeoutMs, signal },
    );
    if (result.kind !== 'answered') return transportOutcome('Postmark', hostOf(url), result, this.options.timeoutMs);
    return postmarkAnswer(result, this.options.now());
  }

  private async read(path: string): Promise<unknown> {
    const url = joinUrl(this.options.baseUrl, path);
    const result = await callHttp(
      url,
      { method: 'GET', headers: this.headers() },
      { timeoutMs: this.options.timeoutMs },
    );
    if (result.kind !== 'answered')
      throw new AppError('provider_error', `Could not reach Postmark at ${hostOf(url)} (${result.code}).`);
    if (result.status === 404) return null;
    if (result.status !== 200) {
      const json = parseJson(result.text) as PostmarkError | undefined;
      throw new AppError('provider_error', `Postmark answered HTTP ${result.status}: ${json?.Message ?? 'no reason'}`);
    }
    return parseJson(result.text);
  }

  async lookup(providerMessageId: string): Promise<ProviderMessage | null> {
    const json = await this.read(`/messages/outbound/${encodeURIComponent(providerMessageId)}/details`);
    return json ? toMessage(json) : null;
  }

  async *list(query: ListQuery): AsyncIterable<ProviderMessage> {
    const pageSize = 500;
    for (let offset = 0; offset <= 10_000 - pageSize; offset += pageSize) {
      const params = new URLSearchParams({
        count: String(pageSize),
        offset: String(offset),
        fromdate: query.since.toISOString().slice(0, 19),
        todate: query.until.toISOString().slice(0, 19),
      });
      const page = (await this.read(`/messages/outbound?${params.toString()}`)) as {
        Messages?: PostmarkOutbound[];
      } | null;
      const messages = page?.Messages ?? [];
      for (const m of messages) {
        const message = toMessage(m);
        if (message) yield message;
      }
      if (messages.length < pageSize) return;
    }
  }

  async health(): Promise<ProviderHealth> {
    try {
      await this.read('/server');
      return { ok: true, detail: 'Postmark accepts the server token.' };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }
}
