import type { Channel } from '../../shared/types/domain';

/**
 * One interface for every SMS provider (Sandbox, Quo, Twilio). The dispatcher and reconciliation
 * only ever see this; base URLs and credentials are given at construction.
 */
export type ProviderId = 'sandbox' | 'quo' | 'twilio';
/** E-mail goes through SMTP (any mailbox provider), Postmark's HTTP API, or the Sandbox's simulation. */
export type EmailProviderId = 'smtp' | 'postmark' | 'sandbox_email';
/** Calls go through Twilio only (Quo has no call-placing API), or the Sandbox's simulation. */
export type VoiceProviderId = 'twilio_voice' | 'sandbox_voice';
/** Every provider the outbox hands messages to: one queue, rate limit and breaker each. */
export type OutboxProviderId = ProviderId | EmailProviderId | VoiceProviderId;

export const CHANNEL_OF_PROVIDER: Record<OutboxProviderId, Channel> = {
  sandbox: 'sms',
  quo: 'sms',
  twilio: 'sms',
  smtp: 'email',
  postmark: 'email',
  sandbox_email: 'email',
  twilio_voice: 'voice',
  sandbox_voice: 'voice',
};

export interface SendRequest {
  to: string; // E.164
  from: string; // E.164 or provider number id (Quo PN…, Twilio MG…)
  body: string;
  /** Our outbox id, for logs only: no provider here offers idempotency keys. */
  outboxId?: number;
  /** The contact the message is for (e-mail: whose unsubscribe link the message carries). */
  contactId?: number | null;
  /** sms when absent. An e-mail's address, subject and HTML (`body` is its plain text); a call as built. */
  channel?: Channel;
  toEmail?: string | null;
  subject?: string | null;
  html?: string | null;
  voiceJson?: string | null;
  /** A test e-mail to the owner, outside any campaign: the Sandbox always delivers it (never a simulated bounce). */
  test?: boolean;
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
  readonly id: OutboxProviderId;
  send(req: SendRequest, signal?: AbortSignal): Promise<SendOutcome>;
  lookup(providerMessageId: string): Promise<ProviderMessage | null>;
  list(query: ListQuery): AsyncIterable<ProviderMessage>;
  health(): Promise<ProviderHealth>;
}
