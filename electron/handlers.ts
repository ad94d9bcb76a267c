import { statSync } from 'node:fs';
import { AppError } from '../shared/errors';
import type { DeskCore } from './core';
import type { Handlers } from './ipc/dispatch';
import { databaseAnswers } from './db/health';
import { integrityCheck, schemaVersion } from './db/migrator';
import { secretRows } from './settings/secrets';
import { createTemplateHandlers } from './templates/handlers';
import { createCampaignHandlers } from './campaigns/handlers';
import { createCampaignLaunchHandlers } from './campaigns/launch-handlers';
import { createSeriesHandlers } from './campaigns/series/handlers';
import { createTagHandlers } from './contacts/tags';
import { createContactHandlers } from './contacts/handlers';
import type { ContactServices } from './contacts/services';
import { createAbTestHandlers } from './abtests/handlers';
import { createMonitoringHandlers } from './monitoring/handlers';
import { createInboxHandlers } from './inbox/handlers';
import { createOptOutHandlers } from './compliance/handlers';
import { createConsentHandlers } from './contacts/channel-handlers';
import { createWebhookHandlers } from './webhooks/handlers';
import { createAnalyticsHandlers } from './analytics/handlers';
import { createReportHandlers } from './reports/handlers';
import { createEngagementHandlers } from './analytics/engagement/handlers';
import { createInsightHandlers } from './analytics/insights/handlers';
import { summaryFromAnalytics } from './reports/run';
import type { RelayInfo } from './webhooks/setup';
import { createAiHandlers } from './ai/handlers';
import { createDeliverabilityHandlers } from './deliverability';
import { createVoiceHandlers } from './voice';
import { createQuickBooksHandlers } from './quickbooks/handlers';
import type { QuickBooksService } from './quickbooks/service';
import type { MonitoringServices } from './monitoring/services';

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The services built on the core that some handlers answer through (app.ts builds them first). */
export interface HandlerServices {
  relay: () => RelayInfo | null;
  contacts: ContactServices;
  quickbooks: QuickBooksService;
  monitoring: MonitoringServices;
}

/** Every channel of the contract, answered by the core. Domains add their handler groups here. */
export function createHandlers(core: DeskCore, parts: HandlerServices): Handlers {
  const { db, settings, secrets } = core;
  return {
    'app:info': () => core.info(),
    'app:dbHealth': ({ full }) => {
      // The status bar polls this: a full (or even quick) integrity check reads the whole file — seconds at a million
      // contacts, blocking every other call — so the quick form only proves the database answers. `db check` and
      // `doctor` run the real PRAGMA integrity_check.
      const integrity = full ? integrityCheck(db, true) : databaseAnswers(db) ? 'ok' : 'unreachable';
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
    ...createTemplateHandlers(core),
    ...createCampaignHandlers(core),
    ...createCampaignLaunchHandlers(core),
    ...createSeriesHandlers(core),
    ...createTagHandlers(core),
    ...createContactHandlers(core, parts.contacts),
    ...createAbTestHandlers(core),
    ...createMonitoringHandlers(core, parts.monitoring),
    ...createInboxHandlers(core),
    ...createOptOutHandlers(core),
    ...createConsentHandlers(core),
    ...createWebhookHandlers(core, parts.relay),
    ...createAnalyticsHandlers(core),
    ...createReportHandlers(core, summaryFromAnalytics(core)),
    ...createAiHandlers(core),
    ...createEngagementHandlers(core),
    ...createInsightHandlers(core),
    ...createQuickBooksHandlers(parts.quickbooks),
    ...createDeliverabilityHandlers(core),
    ...createVoiceHandlers(core),
  };
}
