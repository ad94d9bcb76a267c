import { AppError } from '../../shared/errors';
import type { optOutChannels } from '../../shared/ipc/channels/optouts';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { changeConsent } from './consent';
import { optOutCsv } from './optout-csv';
import { contactPhone } from './queries';
import { allOptOuts, listOptOuts, optOutReport } from './optouts';

type OptOutHandlers = { [C in keyof typeof optOutChannels]: Handler<C> };

export function createOptOutHandlers(core: DeskCore): OptOutHandlers {
  return {
    'optouts:list': (q) => listOptOuts(core.db, q),
    'optouts:report': ({ limit, offset, ...filter }) => optOutReport(core.db, filter, { limit, offset }),
    'optouts:exportCsv': (filter) => {
      const { csv, rows } = optOutCsv(allOptOuts(core.db, filter));
      core.audit('optouts.export', undefined, { rows, filter });
      return { csv, rows, fileName: `opt-outs-${core.now().toISOString().slice(0, 10)}.csv` };
    },
    'optouts:setConsent': ({ contactId, optedOut, note }) => {
      const phone = contactPhone(core.db, contactId);
      if (phone === undefined)
        throw new AppError('not_found', 'That contact no longer exists (it may have been deleted).');
      // By hand means the contact told the owner some other way (in person, by phone); no text is sent about it.
      const result = changeConsent(core.db, {
        phone,
        optedOut,
        source: 'manual',
        actor: 'user',
        at: core.now().toISOString(),
        messageText: note || (optedOut ? 'Opted out by hand in the app' : 'Opted back in by hand in the app'),
      });
      if (result.changed) {
        core.events.emit('app:dataChanged', { area: 'optouts' });
        core.events.emit('app:dataChanged', { area: 'inbox' });
        core.events.emit('app:dataChanged', { area: 'contacts' });
      }
      return { contactId, optedOut, changed: result.changed };
    },
  };
}
