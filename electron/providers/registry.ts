import type { SqliteDb } from '../db/connection';
import { requireSecret, type SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';
import type { ProviderEvent } from '../webhooks';
import { createSandboxProvider } from './sandbox';
import { QuoProvider } from './quo';
import { TwilioProvider } from './twilio';
import { AppError } from '../../shared/errors';
import { CHANNEL_OF_PROVIDER, type OutboxProviderId, type Provider } from './types';

export interface ProviderDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  settings: SettingsStore;
  secrets: SecretStore;
  emit: (e: ProviderEvent) => void;
  /** How long one provider request may take before a send counts as "maybe sent" (unknown). */
  timeoutMs?: number;
}

/**
 * The providers, built from the current settings and secrets each time they are asked for, so a changed key or
 * base URL applies at once. Rate limits and breakers live in the dispatcher, not here, so nothing is lost.
 */
export function createProviders(deps: ProviderDeps) {
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const sandbox = createSandboxProvider({
    db: deps.db,
    now: deps.now,
    random: deps.random,
    emit: deps.emit,
    settings: () => ({
      deliveryDelayMs: deps.settings.get('sandbox.deliveryDelayMs'),
      failureRate: deps.settings.get('sandbox.failureRate'),
      replyRate: deps.settings.get('sandbox.replyRate'),
      stopRate: deps.settings.get('sandbox.stopRate'),
    }),
  });
  return {
    sandbox,
    get(id: OutboxProviderId): Provider {
      if (id === 'quo') {
        return new QuoProvider({
          baseUrl: deps.settings.get('quo.baseUrl'),
          apiKey: requireSecret(deps.secrets, 'quo.apiKey', 'to send through Quo'),
          timeoutMs,
          now: deps.now,
          phoneNumberId: /^PN\w+$/.test(deps.settings.get('quo.from')) ? deps.settings.get('quo.from') : undefined,
        });
      }
      if (id === 'twilio') {
        return new TwilioProvider({
          baseUrl: deps.settings.get('twilio.baseUrl'),
          accountSid: deps.settings.get('twilio.accountSid'),
          authToken: requireSecret(deps.secrets, 'twilio.authToken', 'to send through Twilio'),
          timeoutMs,
          now: deps.now,
          // Ask Twilio to report delivery to our relay (through the tunnel) when we know its public URL.
          statusCallbackUrl: deps.settings.get('webhooks.publicUrl')
            ? `${deps.settings.get('webhooks.publicUrl').replace(/\/+$/, '')}/webhooks/twilio`
            : undefined,
        });
      }
      if (CHANNEL_OF_PROVIDER[id] !== 'sms') {
        throw new AppError('provider_error', `Sending ${CHANNEL_OF_PROVIDER[id]} through ${id} is not set up`);
      }
      return sandbox;
    },
  };
}
