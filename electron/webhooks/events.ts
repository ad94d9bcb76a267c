import type { EmailProviderId, OutboxProviderId, ProviderId } from '../providers';

/**
 * A provider event after its transport (webhook, sandbox, reconciliation) has been verified and parsed.
 * Everything that happens at the provider enters the core as one of these.
 */
export type ProviderEvent =
  | {
      kind: 'status';
      provider: OutboxProviderId;
      eventId: string;
      providerMessageId: string;
      status: 'sent' | 'delivered' | 'undelivered' | 'failed';
      errorCode?: string | null;
      errorMessage?: string | null;
      at: string;
    }
  | {
      kind: 'inbound';
      provider: ProviderId;
      eventId: string;
      providerMessageId: string;
      from: string;
      to: string;
      body: string;
      at: string;
    }
  | {
      /** The provider itself reports an opt-out (Twilio 21610, OptOutType=STOP). */
      kind: 'provider_opt_out';
      provider: ProviderId;
      eventId: string;
      phone: string;
      detail: string;
      at: string;
    }
  | {
      /**
       * An e-mail address that must get no more e-mail: a hard bounce or a spam complaint suppresses it for good; an
       * unsubscribe reported by the provider (Postmark SubscriptionChange, the Sandbox) opts it out.
       */
      kind: 'email_stop';
      provider: EmailProviderId;
      eventId: string;
      email: string;
      reason: 'hard_bounce' | 'complaint' | 'unsubscribe';
      detail: string;
      at: string;
    };
