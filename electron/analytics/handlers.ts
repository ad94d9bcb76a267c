import { AppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import type { Channel } from '../../shared/ipc/contract';

type AnalyticsChannel = Extract<Channel, `${'analytics' | 'conversions' | 'orders' | 'export'}:${string}`>;
type AnalyticsHandlers = Pick<Handlers, AnalyticsChannel>;

const notYet = (what: string) => () => {
  throw new AppError('internal', `${what} is not available in this build yet.`);
};

/** Results, conversions, orders import and exports (issue 13). */
export function createAnalyticsHandlers(core: DeskCore): AnalyticsHandlers {
  void core;
  return {
    'analytics:campaignResults': notYet('Campaign results'),
    'analytics:recipients': notYet('The recipients table'),
    'analytics:summary': notYet('The summary'),
    'analytics:campaignColumns': notYet('Campaign results columns'),
    'analytics:rebuild': notYet('Rebuilding roll-ups'),
    'conversions:add': notYet('Adding a conversion'),
    'conversions:list': notYet('The conversions list'),
    'conversions:delete': notYet('Deleting a conversion'),
    'orders:importUpload': notYet('Orders import'),
    'orders:importPreview': notYet('Orders import'),
    'orders:importRun': notYet('Orders import'),
    'orders:importList': notYet('Orders import'),
    'orders:importUndo': notYet('Orders import'),
    'orders:rejectsCsv': notYet('Orders import'),
    'export:messages': notYet('Export'),
    'export:results': notYet('Export'),
    'export:conversions': notYet('Export'),
    'export:inbox': notYet('Export'),
  };
}
