import { requireSecret } from '../settings/secrets';
import type { ProviderDeps } from './deps';
import { createSandboxProvider } from './sandbox';
import { createEmailProviders } from './registry-email';
import { QuoProvider } from './quo';
import { TwilioProvider } from './twilio';
import { TwilioVoiceProvider } from './twilio-voice';
import { createSandboxVoiceProvider } from './sandbox-voice';
import type { OutboxProviderId, Provider } from './types';

export type { ProviderDeps } from './deps';

/**
 * The providers, built from the current settings and secrets each time they are asked for, so a changed key or
 * base URL applies at once. Rate limits and breakers live in the dispatcher, not here, so nothing is lost.
 */
export function createProviders(deps: ProviderDeps) {
  const timeoutMs = deps.timeoutMs ?? 15_000;
  // The Sandbox's texts and calls share its behaviour settings (a call is not replied to: replyRate is unused there).
  const sandboxSettings = () => ({
    deliveryDelayMs: deps.settings.get('sandbox.deliveryDelayMs'),
    failureRate: deps.settings.get('sandbox.failureRate'),
    replyRate: deps.settings.get('sandbox.replyRate'),
    stopRate: deps.settings.get('sandbox.stopRate'),
  });
  const sandbox = createSandboxProvider({
    db: deps.db,
    now: deps.now,
    random: deps.random,
    emit: deps.emit,
    settings: sandboxSettings,
  });
  const email = createEmailProviders(deps, timeoutMs);
  const sandboxVoice = createSandboxVoiceProvider({
    db: deps.db,
    now: deps.now,
    random: deps.random,
    emit: deps.emit,
    settings: sandboxSettings,
  });
  const publicUrl = () => deps.settings.get('webhooks.publicUrl').replace(/\/+$/, '');
  return {
    sandbox,
    sandboxEmail: email.sandbox,
    sandboxVoice,
    /** Closes what keeps connections open (the SMTP pool). */
    close: () => email.close(),
    get(id: OutboxProviderId): Provider {
      if (id === 'smtp' || id === 'postmark' || id === 'sandbox_email') return email.get(id);
      if (id === 'sandbox_voice') return sandboxVoice;
      if (id === 'twilio_voice') {
        // Calls reuse the Twilio account settings (Quo has no call-placing API).
        return new TwilioVoiceProvider({
          baseUrl: deps.settings.get('twilio.baseUrl'),
          accountSid: deps.settings.get('twilio.accountSid'),
          authToken: requireSecret(deps.secrets, 'twilio.authToken', 'to place calls through Twilio'),
          timeoutMs,
          now: deps.now,
          statusCallbackUrl: publicUrl() ? `${publicUrl()}/webhooks/twilio-voice/status` : undefined,
        });
      }
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
      return sandbox;
    },
  };
}
