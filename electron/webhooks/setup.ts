import type { WebhookSetup } from '../../shared/ipc/channels/webhooks';
import type { DeskCore } from '../core';
import { POSTMARK_WEBHOOK_PATH, publicOrigin } from './postmark-credentials';

/** The relay as the Webhooks page needs it: where it listens, if it is running in this process. */
export interface RelayInfo {
  url: string;
  port: number;
}

/**
 * What the owner needs to connect a provider: the relay's local address, the exact tunnel commands for it, and the
 * webhook URLs to paste into Quo, Twilio and Postmark once the tunnel's public URL is known.
 */
export function webhookSetup(core: Pick<DeskCore, 'settings' | 'secrets'>, relay: RelayInfo | null): WebhookSetup {
  const host = core.settings.get('webhooks.host');
  const port = relay?.port ?? core.settings.get('webhooks.port');
  const localUrl = `http://localhost:${port}`;
  const publicUrl = core.settings.get('webhooks.publicUrl');
  // Twilio signs the URL it called, and the relay checks it against this origin: paths on the public URL are ignored.
  const origin = publicOrigin(publicUrl);
  return {
    relay: { running: relay !== null, url: relay?.url ?? null, host, port },
    localUrl,
    commands: { cloudflared: `cloudflared tunnel --url ${localUrl}`, ngrok: `ngrok http ${port}` },
    publicUrl,
    webhookUrls: origin
      ? {
          quo: `${origin}/webhooks/quo`,
          twilio: `${origin}/webhooks/twilio`,
          postmark: `${origin}${POSTMARK_WEBHOOK_PATH}`,
        }
      : null,
    secrets: {
      quoSigningSecret: !!core.secrets.get('quo.signingSecret'),
      quoWebhookSecret: !!core.secrets.get('quo.webhookSecret'),
      twilioAuthToken: !!core.secrets.get('twilio.authToken'),
      postmarkWebhookPassword: !!core.secrets.get('postmark.webhookPassword'),
    },
  };
}
