import { AppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import type { Channel } from '../../shared/ipc/contract';
import { addManualConversion, deleteConversion, listConversions } from './conversions';
import { exportCsv } from './exports';
import { catchUpInSlices } from './catch-up';
import { rebuildAllInWorker } from './rebuild';
import { analyticsSettings } from './settings';
import { campaignTotals } from './totals';
import { rate, roi } from '../../shared/analytics';
import { createOrderImportHandlers } from './orders/handlers';

type AnalyticsChannel = Extract<Channel, `${'analytics' | 'conversions' | 'export'}:${string}`>;
type AnalyticsHandlers = Pick<Handlers, AnalyticsChannel>;

/** Results, conversions and exports (issue 13). Reports first take in whatever outcomes arrived since the last tick. */
export function createAnalyticsHandlers(
  core: DeskCore,
): AnalyticsHandlers & ReturnType<typeof createOrderImportHandlers> {
  const { db } = core;
  const fresh = async () => {
    const s = analyticsSettings(core.settings);
    await catchUpInSlices(db, s, core.now());
    return s;
  };
  const changed = () => core.events.emit('app:dataChanged', { area: 'campaigns' });
  // The heavy reads run off the main thread (reads.ts).
  const reads = core.analyticsReads;
  const now = () => core.now().toISOString();
  return {
    'analytics:campaignResults': async ({ campaignId }) =>
      reads.read('results', { settings: await fresh(), campaignId, now: now() }),
    'analytics:recipients': async (query) => reads.read('recipients', { currency: (await fresh()).currency, query }),
    'analytics:summary': async (query) => reads.read('summary', { settings: await fresh(), query, now: now() }),
    'analytics:campaignColumns': ({ ids }) => {
      const totals = campaignTotals(db, core.settings.get('business.currency'), ids);
      return [...totals].map(([id, t]) => ({
        id,
        sent: t.sent,
        delivered: t.delivered,
        replyRate: rate(t.replied, t.delivered),
        revenueMinor: t.revenueMinor,
        spendMinor: t.spendMinor,
        roi: roi(t.revenueMinor, t.spendMinor),
      }));
    },
    'analytics:rebuild': async () => {
      await fresh();
      const r = await rebuildAllInWorker(db, { dbPath: core.paths.dbPath, nativeBinding: core.nativeBinding }, () =>
        core.now().getTime(),
      );
      core.audit('analytics.rebuild', undefined, r);
      return r;
    },
    'conversions:add': async (input) => {
      const r = addManualConversion(db, await fresh(), input, core.now(), core.settings.get('contacts.defaultCountry'));
      core.audit('conversion.add', String(r.id), { contactId: r.contactId, campaignId: r.campaignId });
      changed();
      return r;
    },
    'conversions:list': (q) => listConversions(db, core.settings.get('business.currency'), q),
    'conversions:delete': ({ id }) => {
      const r = deleteConversion(db, id);
      if (!r.deleted) throw new AppError('not_found', `There is no conversion ${id}.`);
      core.audit('conversion.delete', String(id));
      changed();
      return r;
    },
    'export:messages': async ({ campaignId }) => exportCsv(db, await fresh(), 'messages', campaignId, core.now()),
    'export:results': async ({ campaignId }) => exportCsv(db, await fresh(), 'results', campaignId, core.now()),
    'export:conversions': async ({ campaignId }) => exportCsv(db, await fresh(), 'conversions', campaignId, core.now()),
    'export:inbox': async ({ campaignId }) => exportCsv(db, await fresh(), 'inbox', campaignId, core.now()),
    ...createOrderImportHandlers(core),
  };
}
