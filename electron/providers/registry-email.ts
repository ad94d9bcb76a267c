import { marketingEmailContext } from '../email';
import { requireSecret } from '../settings/secrets';
import type { ProviderDeps } from './deps';
import { PostmarkProvider } from './postmark';
import { createSandboxEmailProvider } from './sandbox-email';
import { SmtpProvider } from './smtp';
import type { EmailProviderId, Provider } from './types';

/** The e-mail provider chosen by `email.provider`. */
export function emailProviderOf(choice: 'sandbox' | 'smtp' | 'postmark'): EmailProviderId {
  return choice === 'sandbox' ? 'sandbox_email' : choice;
}

/**
 * The e-mail providers. Each real one is refused (with the setting to fill in) until the sender, postal address and
 * public unsubscribe address are set. The SMTP pool is kept while its settings stay the same, so connections are
 * reused across batches; a change closes it and the next batch opens a new one.
 */
export function createEmailProviders(deps: ProviderDeps, timeoutMs: number) {
  const { settings, secrets } = deps;
  const sandbox = createSandboxEmailProvider({
    db: deps.db,
    now: deps.now,
    random: deps.random,
    emit: deps.emit,
    settings: () => ({
      deliveryDelayMs: settings.get('sandboxEmail.deliveryDelayMs'),
      bounceRate: settings.get('sandboxEmail.bounceRate'),
      complaintRate: settings.get('sandboxEmail.complaintRate'),
      unsubscribeRate: settings.get('sandboxEmail.unsubscribeRate'),
    }),
  });
  let smtp: { key: string; provider: SmtpProvider } | null = null;

  function smtpProvider(): SmtpProvider {
    const options = {
      host: settings.get('smtp.host'),
      port: settings.get('smtp.port'),
      secure: settings.get('smtp.secure'),
      user: settings.get('smtp.user'),
      password: secrets.get('smtp.password'),
      maxConnections: settings.get('smtp.maxConnections'),
      rateLimit: settings.get('smtp.rateLimit'),
      rateDeltaMs: settings.get('smtp.rateDeltaMs'),
      timeoutMs,
    };
    if (!options.host) throw new Error('Set smtp.host (your mail server) in Settings to send e-mail through SMTP.');
    const key = JSON.stringify(options);
    if (smtp?.key !== key) {
      smtp?.provider.close();
      smtp = { key, provider: new SmtpProvider({ ...options, links: () => marketingEmailContext(settings, secrets) }) };
    }
    return smtp.provider;
  }

  return {
    sandbox,
    get(id: EmailProviderId): Provider {
      if (id === 'sandbox_email') return sandbox;
      // Checked when the provider is built, so a campaign pauses with the missing setting before any e-mail leaves.
      marketingEmailContext(settings, secrets);
      if (id === 'smtp') return smtpProvider();
      return new PostmarkProvider({
        baseUrl: settings.get('postmark.baseUrl'),
        serverToken: requireSecret(secrets, 'postmark.serverToken', 'to send e-mail through Postmark'),
        messageStream: settings.get('postmark.messageStream'),
        timeoutMs,
        now: deps.now,
        links: () => marketingEmailContext(settings, secrets),
      });
    },
    close(): void {
      smtp?.provider.close();
      smtp = null;
    },
  };
}
