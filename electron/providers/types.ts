/**
 * One interface for every SMS provider (Sandbox, Quo, Twilio). The dispatcher and reconciliation
 * only ever see this; base URLs and credentials are given at construction.
 */
export type ProviderId = 'sandbox' | 'quo' | 'twilio';

export interface SendRequest {
  to: string; // E.164
  from: string; // E.164 or provider number id (Quo PN…, Twilio MG…)
  body: string;
  /** Our outbox id, for logs only: no provider here offers idempotency keys. */
  outboxId?: number;
}

export type ProviderMessageStatus =
  'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received' | 'unknown';

export type SendOutcome =
  | { ok: true; providerMessageId: string; status: ProviderMessageStatus }
  | {
      ok: false;
      /**
       * permanent: never retry (4xx other than 408/429). retryable: 429/5xx/408 or a refused connection (the request
       * surely did not arrive). unknown: the request may have reached the provider (timeout, reset after
       * sending) — never resend automatically. opted_out: the provider says the recipient opted out (Twilio 21610).
       */
      kind: 'permanent' | 'retryable' | 'unknown' | 'opted_out';
      code: string;
      message: string;
      httpStatus?: number;
      retryAfterMs?: number;
    };

export interface ProviderMessage {
  providerMessageId: string;
  direction: 'outgoing' | 'incoming';
  from: string;
  to: string;
  body: string;
  status: ProviderMessageStatus;
  createdAt: string; // ISO
  errorCode?: string | null;
}

export interface ListQuery {
  since: Date;
  until: Date;
  /** Some APIs (Quo v1) list one conversation at a time. */
  participant?: string;
}

export interface ProviderHealth {
  ok: boolean;
  detail: string;
}

export interface Provider {
  readonly id: ProviderId;
  send(req: SendRequest, signal?: AbortSignal): Promise<SendOutcome>;
  lookup(providerMessageId: string): Promise<ProviderMessage | null>;
  list(query: ListQuery): AsyncIterable<ProviderMessage>;
  health(): Promise<ProviderHealth>;
}
