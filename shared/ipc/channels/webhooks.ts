import { z } from 'zod';
import { channel } from '../define';

/** What Settings → Webhooks shows: where the relay listens, how to expose it, and what to paste into the provider. */
export interface WebhookSetup {
  relay: { running: boolean; url: string | null; host: string; port: number };
  /** The relay's address on this computer, as the tunnel commands use it. */
  localUrl: string;
  commands: { cloudflared: string; ngrok: string };
  publicUrl: string;
  /** The URLs to paste into Quo and Twilio; null until the public URL is set. */
  webhookUrls: { quo: string; twilio: string; postmark: string } | null;
  secrets: {
    quoSigningSecret: boolean;
    quoWebhookSecret: boolean;
    twilioAuthToken: boolean;
    /** Whether the app has generated the Basic credentials of the Postmark webhook URL. */
    postmarkWebhookPassword: boolean;
  };
}

/** Postmark's webhook credentials, just generated: shown once, then only whether they exist. */
export interface PostmarkCredentials {
  user: string;
  password: string;
  /** The URL to paste into Postmark, credentials included (https://postmark:<password>@host/webhooks/postmark). */
  url: string;
  /** Whether older credentials were replaced (and so stopped working). */
  replaced: boolean;
}

export interface WebhookTestResult {
  scheme: 'legacy' | 'standard';
  /** The secret the test was signed with. */
  secret: 'quo.signingSecret' | 'quo.webhookSecret';
  eventId: string;
  httpStatus: number;
  /** The stored event's state once processed (processed), or what happened instead. */
  state: string | null;
  message: string;
}

export interface WebhookEventRow {
  id: number;
  provider: string;
  eventId: string;
  type: string;
  state: string;
  receivedAt: string;
  processedAt: string | null;
  attempts: number;
  lastError: string | null;
  /** Sent by "Send test event". */
  isTest: boolean;
  /** One line in plain words, e.g. "Text from +1415… : Thanks!" or "AC123 delivered". */
  summary: string;
}

export const webhookChannels = {
  'webhooks:setup': channel<WebhookSetup>()(z.object({}).strict()),
  /**
   * Posts a correctly signed Quo test event to the relay over loopback (one per configured Quo secret), proving the
   * whole verify → store → process path. Refused with the secret to set when none is configured.
   */
  'webhooks:sendTest': channel<WebhookTestResult[]>()(z.object({}).strict()),
  /** Generates (or regenerates, invalidating the old) the Basic credentials of the Postmark webhook URL. */
  'webhooks:generatePostmarkCredentials': channel<PostmarkCredentials>()(z.object({}).strict()),
  /** The newest provider events the relay (or the sandbox) stored, newest first. */
  'webhooks:recent': channel<WebhookEventRow[]>()(
    z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
  ),
};
