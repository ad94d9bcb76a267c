import type { WebhookEventRow } from '../../shared/ipc/channels/webhooks';
import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from './events';
import { TEST_EVENT_PREFIX } from './test-event';
import { newestEvents } from './queries';

/** One line in the owner's words for what an event said. */
function summarise(event: ProviderEvent | undefined, isTest: boolean): string {
  if (!event) return 'Unreadable event';
  if (isTest) return 'Test event from Settings → Webhooks';
  if (event.kind === 'inbound')
    return `Text from ${event.from}: ${event.body.length > 60 ? `${event.body.slice(0, 59)}…` : event.body}`;
  if (event.kind === 'status')
    return `Message ${event.providerMessageId} ${event.status}${event.errorCode ? ` (error ${event.errorCode})` : ''}`;
  if (event.kind === 'email_stop')
    return `${event.email}: ${{ hard_bounce: 'hard bounce', complaint: 'spam complaint', unsubscribe: 'unsubscribed' }[event.reason]}`;
  return `${event.phone} opted out at the provider`;
}

/** The newest stored provider events (webhooks and the sandbox alike), newest first. */
export function recentWebhookEvents(db: SqliteDb, limit: number): WebhookEventRow[] {
  const rows = newestEvents(db, limit);
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
