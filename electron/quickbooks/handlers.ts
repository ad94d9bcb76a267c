import type { quickbooksChannels } from '../../shared/ipc/channels/quickbooks';
import type { Handler } from '../ipc/dispatch';
import type { QuickBooksService } from './service';

type QuickBooksHandlers = { [C in keyof typeof quickbooksChannels]: Handler<C> };

export function createQuickBooksHandlers(service: QuickBooksService): QuickBooksHandlers {
  return {
    'quickbooks:status': () => service.status(),
    'quickbooks:connect': () => service.connect(),
    'quickbooks:sync': ({ full }) => service.sync(full),
    'quickbooks:disconnect': () => service.disconnect(),
  };
}
