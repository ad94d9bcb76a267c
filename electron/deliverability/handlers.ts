import { AppError } from '../../shared/errors';
import type { deliverabilityChannels } from '../../shared/ipc/channels/deliverability';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { checkDomain, isDkimSelector, isDomainName } from './check';
import { txtLookup } from './dns';

export type DeliverabilityHandlers = { [C in keyof typeof deliverabilityChannels]: Handler<C> };

/** The deliverability:* channels: the sending domain's DNS check. */
export function createDeliverabilityHandlers(core: Pick<DeskCore, 'settings'>): DeliverabilityHandlers {
  return {
    'deliverability:checkDomain': async ({ domain, dkimSelector }) => {
      const name = domain.toLowerCase().replace(/\.$/, '');
      if (!isDomainName(name)) {
        throw new AppError(
          'invalid_input',
          `"${domain}" is not a domain name. Write the part after the @ of your From address, e.g. bloomflowers.com.`,
        );
      }
      const selector = dkimSelector ?? core.settings.get('deliverability.dkimSelector');
      if (selector !== '' && !isDkimSelector(selector)) {
        throw new AppError(
          'invalid_input',
          `"${selector}" is not a DKIM selector. Use it exactly as your e-mail provider names it, e.g. google, s1 or pm.`,
        );
      }
      return checkDomain(txtLookup(core.settings.get('deliverability.dnsServer')), name, selector);
    },
  };
}
