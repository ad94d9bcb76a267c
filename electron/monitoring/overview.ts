import type { MonitoringOverview, OutboxState } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';

export function monitoringOverview(db: SqliteDb): MonitoringOverview {
  const outbox: Partial<Record<OutboxState, number>> = {};
  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM outbox_messages GROUP BY state').all() as Array<{ state: OutboxState; n: number }>) outbox[r.state] = r.n;
  const webhookEvents: Record<string, number> = {};
  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM webhook_events GROUP BY state').all() as Array<{ state: string; n: number }>) webhookEvents[r.state] = r.n;
  const lastWebhookAt = (db.prepare('SELECT MAX(received_at) AS at FROM webhook_events').get() as { at: string | null }).at;
  const lastSendAt = (db.prepare('SELECT MAX(sent_at) AS at FROM outbox_messages').get() as { at: string | null }).at;
  return { outbox, webhookEvents, lastWebhookAt, lastSendAt, deadLetters: webhookEvents.dead ?? 0 };
}
