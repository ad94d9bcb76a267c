import type { webhookChannels } from '../../shared/ipc/channels/webhooks';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { generatePostmarkCredentials } from './postmark-credentials';
import { recentWebhookEvents } from './recent';
import { webhookSetup, type RelayInfo } from './setup';
import { sendTestEvents } from './test-event';

type WebhookHandlers = { [C in keyof typeof webhookChannels]: Handler<C> };

/** `relay` is the relay running in this process, if any; otherwise one may be listening from the CLI (`relay`). */
export function createWebhookHandlers(core: DeskCore, relay: () => RelayInfo | null): WebhookHandlers {
  return {
    'webhooks:setup': () => webhookSetup(core, relay()),
    'webhooks:sendTest': async () => {
      const running = relay();
      // Always loopback: the test proves the relay works, not the tunnel (the provider's own test does that).
      const url = running?.url ?? `http://127.0.0.1:${core.settings.get('webhooks.port')}`;
      return sendTestEvents(core, url);
    },
    'webhooks:generatePostmarkCredentials': () => generatePostmarkCredentials(core),
    'webhooks:recent': ({ limit }) => recentWebhookEvents(core.db, limit),
  };
}
