import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import { listCampaigns } from '../campaigns';
import { markConversion } from './conversions';
import { abReportCsv } from './csv';
import { abTestReport } from './report';
import { sendWinner } from './winner';

type AbTestHandlers = Pick<Handlers, `abtests:${'list' | 'report' | 'sendWinner' | 'markConversion' | 'exportCsv'}`>;

export function createAbTestHandlers(core: DeskCore): AbTestHandlers {
  return {
    'abtests:list': () => listCampaigns(core.kdb, { includeArchived: false, abOnly: true }),
    'abtests:report': ({ id }) => abTestReport(core, id),
    'abtests:sendWinner': ({ id, variant }) => sendWinner(core, id, { variant }),
    'abtests:markConversion': (target) => {
      const result = markConversion(core.db, target, core.now(), 'user', core.settings.get('business.currency'));
      if (result.created) {
        core.audit('abtest.conversion', String(result.campaignId), {
          contactId: result.contactId,
          outboxId: result.outboxId,
        });
        core.events.emit('app:dataChanged', { area: 'campaigns' });
      }
      return result;
    },
    'abtests:exportCsv': async ({ id }) => abReportCsv(await abTestReport(core, id)),
  };
}
