import type { deliverabilityChannels } from '../../shared/ipc/channels/deliverability';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { lastDomainCheck } from './queries';
import { domainOfAddress, runDomainCheck } from './sending-domain';

export type DeliverabilityHandlers = { [C in keyof typeof deliverabilityChannels]: Handler<C> };

/** The deliverability:* channels: the sending domain's DNS check, and the last one done. */
export function createDeliverabilityHandlers(core: Pick<DeskCore, 'db' | 'settings' | 'now'>): DeliverabilityHandlers {
  return {
    'deliverability:checkDomain': ({ domain, dkimSelector }) => runDomainCheck(core, domain, dkimSelector),
    'deliverability:lastCheck': ({ domain }) => {
      const name = domain ?? domainOfAddress(core.settings.get('email.from'));
      return (name && lastDomainCheck(core.db, name)) || null;
    },
  };
}
