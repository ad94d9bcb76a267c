import { AppError } from '../../shared/errors';
import {
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
import { describeQuoError, parseQuoEnvelope, quoAnsweredSendOutcome } from './quo-errors';
import { listConversation, listWorkspace, QUO_API_VERSION, toProviderMessage } from './quo-messages';
import type { ListQuery, Provider, ProviderHealth, ProviderMessage, SendOutcome, SendRequest } from './types';

export interface QuoClientOptions {
  /** v1 host without `/v1`, e.g. https://api.openphone.com (a trailing `/v1` is tolerated). */
  baseUrl: string;
  /**
   * Host of the versioned API (`Quo-Api-Version`). Defaults to https://api.quo.com when baseUrl is the old
   * api.openphone.com host (the versioned API lives only on the new host), otherwise to baseUrl.
   */
  versionedBaseUrl?: string;
  apiKey: string;
  /** A fetch to use instead of the built-in node:http transport (callHttp). */
  fetch?: FetchLike;
  /** How long one request may take before a send counts as "maybe sent". */
  timeoutMs: number;
  now: () => Date;
  /** The PN… id of the sending number, for v1 conversation listing; looked up from the key's numbers when absent. */
  phoneNumberId?: string;
  /** Retries for idempotent reads (lookup, list, health). Default 3 attempts, 500 ms × n, at most 5 s. */
  readRetry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** Quo (formerly OpenPhone). Sends exist only in v1; reconciliation prefers the versioned workspace listing. */
export class QuoProvider implements Provider {
  readonly id = 'quo' as const;
  private readonly base: string;
  private readonly versionedBase: string;
  private readonly fetchFn: FetchLike | undefined;
  private readonly readRetry: { attempts: number; baseDelayMs: number; maxDelayMs: number };

  constructor(private readonly options: QuoClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.versionedBase = (options.versionedBaseUrl ?? defaultVersionedBase(this.base)).replace(/\/+$/, '');
    this.fetchFn = options.fetch;
    this.readRetry = options.readRetry ?? { attempts: 3, baseDelayMs: 500, maxDelayMs: 5000 };
  }

  async send(req: SendRequest, signal?: AbortSignal): Promise<SendOutcome> {
    const url = joinUrl(this.base, '/v1/messages');
    // One recipient per request, so a failure never leaves a batch half sent.
    const body = JSON.stringify({ content: req.body, from: req.from, to: [req.to] });
    const result = await callHttp(
      url,
      { method: 'POST', headers: { ...this.headers(false), 'Content-Type': 'application/json' }, body },
      { fetch: this.fetchFn, timeoutMs: this.options.timeoutMs, signal },
    );
    if (result.kind !== 'answered') return transportOutcome('Quo', hostOf(url), result, this.options.timeoutMs);
    return quoAnsweredSendOutcome(result, this.options.now());
  }

  async lookup(providerMessageId: string): Promise<ProviderMessage | null> {
    // Quo ids are AC…; anything else cannot exist there and would only earn a 400.
    if (!/^AC\w+$/.test(providerMessageId)) return null;
    const url = joinUrl(this.versionedBase, `/messages/${encodeURIComponent(providerMessageId)}`);
    const result = await this.get(url, true);
    if (result.kind === 'answered' && result.status === 404) return null;
    const json = this.jsonOrThrow(result, url) as { data?: unknown };
    return toProviderMessage(json?.data);
  }

  list(query: ListQuery): AsyncIterable<ProviderMessage> {
    if (query.participant !== undefined) return this.listConversations(query.participant, query.since, query.until);
    const read = (url: string, versioned: boolean) => this.readJson(url, versioned);
    return listWorkspace(read, this.versionedBase, { since: query.since, until: query.until, pageSize: 50 });
  }

  /** v1 lists one conversation per number, so a participant is listed on each of our numbers in turn. */
  private async *listConversations(participant: string, since: Date, until: Date): AsyncGenerator<ProviderMessage> {
    const read = (url: string, versioned: boolean) => this.readJson(url, versioned);
    for (const phoneNumberId of await this.phoneNumberIds()) {
      yield* listConversation(read, this.base, { phoneNumberId, participant, since, until, pageSize: 100 });
    }
  }

  async health(): Promise<ProviderHealth> {
    const url = joinUrl(this.base, '/v1/phone-numbers');
    const result = await this.get(url, false);
    if (result.kind !== 'answered') {
      return {
        ok: false,
        detail: `Could not reach Quo at ${hostOf(url)} (${result.code}). Check your internet connection.`,
      };
    }
    if (classifyStatus(result.status) !== 'ok') {
      return { ok: false, detail: describeQuoError(result.status, parseQuoEnvelope(result.text)) };
    }
    const numbers =
      (parseJson(result.text) as { data?: Array<{ id?: string; number?: string }> } | undefined)?.data ?? [];
    if (this.options.phoneNumberId && !numbers.some((n) => n.id === this.options.phoneNumberId)) {
      return {
        ok: false,
        detail: `Quo accepted the API key, but the number ${this.options.phoneNumberId} is not one of its ${numbers.length} numbers.`,
      };
    }
    const list = numbers.map((n) => n.number ?? n.id).join(', ');
    return {
      ok: true,
      detail: `Connected to Quo; ${numbers.length} number${numbers.length === 1 ? '' : 's'} on this key${list ? ` (${list})` : ''}.`,
    };
  }

  private async phoneNumberIds(): Promise<string[]> {
    if (this.options.phoneNumberId) return [this.options.phoneNumberId];
    const json = (await this.readJson(joinUrl(this.base, '/v1/phone-numbers'), false)) as {
      data?: Array<{ id?: unknown }>;
    };
    return (json?.data ?? []).map((n) => n.id).filter((id): id is string => typeof id === 'string');
  }

  private headers(versioned: boolean): Record<string, string> {
    // Quo wants the raw key: "Bearer <key>" is rejected.
    const headers: Record<string, string> = { Authorization: this.options.apiKey, Accept: 'application/json' };
    if (versioned) headers['Quo-Api-Version'] = QUO_API_VERSION;
    return headers;
  }

  private get(url: string, versioned: boolean): Promise<HttpResult> {
    return readWithRetry(
      url,
      { method: 'GET', headers: this.headers(versioned) },
      {
        fetch: this.fetchFn,
        timeoutMs: this.options.timeoutMs,
        now: this.options.now,
        ...this.readRetry,
      },
    );
  }

  private async readJson(url: string, versioned: boolean): Promise<unknown> {
    return this.jsonOrThrow(await this.get(url, versioned), url);
  }

  private jsonOrThrow(result: HttpResult, url: string): unknown {
    if (result.kind !== 'answered') {
      throw new AppError(
        'provider_error',
        `Could not reach Quo at ${hostOf(url)} (${result.code}). Check your internet connection and try again.`,
      );
    }
    if (classifyStatus(result.status) !== 'ok') {
      throw new AppError('provider_error', describeQuoError(result.status, parseQuoEnvelope(result.text)));
    }
    const json = parseJson(result.text);
    if (json === undefined || result.bodyIncomplete) {
      throw new AppError('provider_error', `Quo's answer from ${hostOf(url)} was not readable JSON. Try again later.`);
    }
    return json;
  }
}

function defaultVersionedBase(base: string): string {
  return hostOf(base) === 'api.openphone.com' ? 'https://api.quo.com' : base;
}
