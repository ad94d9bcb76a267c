import { statSync } from 'node:fs';
import { AppError } from '../shared/errors';
import type { DeskCore } from './core';
import type { Handlers } from './ipc/dispatch';
import { integrityCheck, schemaVersion } from './db/migrator';
import { secretRows } from './settings/secrets';
import { listTemplates } from './templates/list';
import { listCampaigns } from './campaigns/list';
import { listConversations } from './inbox/list';
import { listOptOuts } from './compliance/optouts';
import { monitoringOverview } from './monitoring/overview';
import { createTemplateHandlers } from './templates/handlers';
import { createCampaignHandlers } from './campaigns/handlers';
import { createCampaignLaunchHandlers } from './campaigns/launch-handlers';
import { createSeriesHandlers } from './campaigns/series/handlers';
import { createTagHandlers } from './contacts/tags';
import { createContactHandlers } from './contacts/handlers';
import { createContactServices, type ContactServices } from './contacts/services';
import { createAbTestHandlers } from './abtests/handlers';
import { createMonitoringHandlers } from './monitoring/handlers';
import { createInboxHandlers } from './inbox/handlers';
import { createOptOutHandlers } from './compliance/handlers';
import { createWebhookHandlers } from './webhooks/handlers';
import { createAnalyticsHandlers } from './analytics/handlers';
import { createReportHandlers } from './reports/handlers';
import { createEngagementHandlers } from './analytics/engagement/handlers';
import { createInsightHandlers } from './analytics/insights/handlers';
import { summaryFromAnalytics } from './reports/run';
import type { RelayInfo } from './webhooks/setup';
import { createAiHandlers } from './ai/handlers';
import { createQuickBooksHandlers } from './quickbooks/handlers';
import { createQuickBooksService, type QuickBooksService } from './quickbooks/service';

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Every channel of the contract, answered by the core. Domains add their handler groups here. */
export function createHandlers(core: DeskCore, parts: { relay?: () => RelayInfo | null; contacts?: ContactServices; quickbooks?: QuickBooksService } = {}): Handlers {
  const { db, kdb, settings, secrets } = core;
  return {
    'app:info': () => core.info(),
    'app:dbHealth': ({ full }) => {
      // The status bar polls this: a full (or even quick) integrity check reads the whole file — seconds at a million
      // contacts, blocking every other call — so the quick form only proves the database answers. `db check` and
      // `doctor` run the real PRAGMA integrity_check.
      const integrity = full ? integrityCheck(db, true) : db.prepare('SELECT 1 AS ok').get() ? 'ok' : 'unreachable';
      return {
        ok: integrity === 'ok',
        integrity,
        schemaVersion: schemaVersion(db),
        sizeBytes: fileSize(core.paths.dbPath),
        walBytes: fileSize(`${core.paths.dbPath}-wal`),
      };
    },
    'settings:list': () => settings.rows(),
    'settings:get': ({ key }) => settings.row(key),
    'settings:set': ({ key, value }) => {
      const row = settings.set(key, value);
      core.events.emit('app:dataChanged', { area: 'settings' });
      return row;
    },
    'settings:reset': ({ key }) => settings.reset(key),
    'secrets:list': () => secretRows(secrets),
    'secrets:set': ({ name, value }) => {
      secrets.set(name, value);
      core.audit('secret.set', name);
      const row = secretRows(secrets).find((r) => r.name === name);
      if (!row) throw new AppError('internal', `Secret ${name} could not be stored.`);
      return row;
    },
    'secrets:delete': ({ name }) => {
      secrets.delete(name);
      core.audit('secret.delete', name);
      return secretRows(secrets).find((r) => r.name === name)!;
    },
    'templates:list': (q) => listTemplates(kdb, q),
    'campaigns:list': (q) => listCampaigns(kdb, q),
    'abtests:list': () => listCampaigns(kdb, { includeArchived: false, abOnly: true }),
    'inbox:conversations': (q) => listConversations(db, q, settings.get('contacts.defaultCountry')),
    'optouts:list': (q) => listOptOuts(db, q),
    'monitoring:overview': () => monitoringOverview(db),
    ...createTemplateHandlers(core),
    ...createCampaignHandlers(core),
    ...createCampaignLaunchHandlers(core),
    ...createSeriesHandlers(core),
    ...createTagHandlers(core),
    ...createContactHandlers(core, parts.contacts ?? createContactServices(core)),
    ...createAbTestHandlers(core),
    ...createMonitoringHandlers(core),
    ...createInboxHandlers(core),
    ...createOptOutHandlers(core),
    ...createWebhookHandlers(core, parts.relay ?? (() => null)),
    ...createAnalyticsHandlers(core),
    ...createReportHandlers(core, summaryFromAnalytics(core)),
    ...createAiHandlers(core),
    ...createEngagementHandlers(core),
    ...createInsightHandlers(core),
    ...createQuickBooksHandlers(parts.quickbooks ?? createQuickBooksService(core)),
  };
}
