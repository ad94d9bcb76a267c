import type { WebhookEventRow } from '../../shared/ipc/channels/webhooks';
import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from './events';
import { TEST_EVENT_PREFIX } from './test-event';

/** One line in the owner's words for what an event said. */
function summarise(event: ProviderEvent | undefined, isTest: boolean): string {
  if (!event) return 'Unreadable event';
  if (isTest) return 'Test event from Settings → Webhooks';
  if (event.kind === 'inbound') return `Text from ${event.from}: ${event.body.length > 60 ? `${event.body.slice(0, 59)}…` : event.body}`;
  if (event.kind === 'status') return `Message ${event.providerMessageId} ${event.status}${event.errorCode ? ` (error ${event.errorCode})` : ''}`;
  return `${event.phone} opted out at the provider`;
}

/** The newest stored provider events (webhooks and the sandbox alike), newest first. */
export function recentWebhookEvents(db: SqliteDb, limit: number): WebhookEventRow[] {
  const rows = db
    .prepare(
      `SELECT id, provider, event_id AS eventId, type, state, received_at AS receivedAt, processed_at AS processedAt, attempts,
              last_error AS lastError, payload
       FROM webhook_events ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as Array<Omit<WebhookEventRow, 'isTest' | 'summary'> & { payload: string }>;
  return rows.map(({ payload, ...r }) => {
    let event: ProviderEvent | undefined;
    try {
      event = (JSON.parse(payload) as { event?: ProviderEvent }).event;
    } catch {
      event = undefined;
    }
    const isTest = r.eventId.startsWith(TEST_EVENT_PREFIX);
    return { ...r, isTest, summary: summarise(event, isTest) };
  });
}
