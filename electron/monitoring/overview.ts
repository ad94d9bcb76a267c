import type { MonitoringOverview, OutboxState } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { lastEventReceivedAt, lastSentAt, outboxCountsByState, webhookEventCountsByState } from './queries';

export function monitoringOverview(db: SqliteDb): MonitoringOverview {
  const outbox: Partial<Record<OutboxState, number>> = outboxCountsByState(db);
  const webhookEvents: Record<string, number> = {};
  for (const r of webhookEventCountsByState(db)) webhookEvents[r.state] = r.n;
  return {
    outbox,
    webhookEvents,
    lastWebhookAt: lastEventReceivedAt(db),
    lastSendAt: lastSentAt(db),
    deadLetters: webhookEvents.dead ?? 0,
  };
}
