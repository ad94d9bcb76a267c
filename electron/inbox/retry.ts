import { AppError } from '../../shared/errors';
import type { InboxReplyResult } from '../../shared/ipc/channels/inbox';
import type { WindowCheck } from '../campaigns';
import type { DeskCore } from '../core';
import { firstRow, qb, runQuery } from '../db/sync-query';
import type { ProviderId } from '../providers';
import { refuseOptedOut, waitingReply } from './reply';
import { threadContact } from './thread';

/** Why a reply in this state is not sent again, in the owner's words. */
const NOT_RETRIED: Record<string, string> = {
  queued: 'This reply is already waiting to be sent.',
  retry_wait: 'This reply is already waiting to be sent again.',
  sending: 'This reply is being sent right now.',
  sent: 'This reply was sent; sending it again would text the contact twice.',
  delivered: 'This reply was delivered; sending it again would text the contact twice.',
  undelivered:
    'The provider accepted this reply and the carrier did not deliver it; write a new reply if you want to try again.',
  unknown: 'The provider may have this reply already; reconciliation will find out, so it is not sent again blindly.',
  skipped: 'This reply was not sent on purpose (the contact opted out); it cannot be retried.',
};

/**
 * Sends a reply whose provider send failed once more: the same outbox row goes back to 'queued' (attempts start
 * again), so the durable outbox and its dispatcher send it like any reply. Only a row that failed without ever being
 * accepted by the provider is re-queued, and the update is conditional on that state, so a double click or two
 * windows can never produce a second send.
 */
export function retryReply(
  core: Pick<DeskCore, 'db' | 'settings' | 'now' | 'provider' | 'audit' | 'events'>,
  windowCheck: WindowCheck,
  outboxId: number,
): InboxReplyResult {
  const row = firstRow(
    core.db,
    qb
      .selectFrom('outbox_messages')
      .select(['id', 'contact_id', 'kind', 'state', 'body', 'provider', 'provider_message_id', 'test_of_campaign_id'])
      .where('id', '=', outboxId),
  );
  // A campaign's test send is stored as a reply too; it is sent again from the launch dialog, not from here.
  if (!row || row.kind !== 'reply' || row.test_of_campaign_id !== null || row.contact_id === null)
    throw new AppError('not_found', `There is no reply ${outboxId} in the inbox to send again.`);
  if (row.state !== 'failed' || row.provider_message_id !== null) {
    throw new AppError('conflict', NOT_RETRIED[row.state] ?? `This reply is ${row.state} and cannot be sent again.`);
  }
  const contact = threadContact(core.db, row.contact_id);
  if (contact.optedOut) refuseOptedOut(contact);
  // Refuse now, with the setting to fix, rather than re-queue a reply that cannot leave.
  core.provider(row.provider as ProviderId);

  const nowIso = core.now().toISOString();
  const { changes } = runQuery(
    core.db,
    qb
      .updateTable('outbox_messages')
      .set({
        state: 'queued',
        attempts: 0,
        next_attempt_at: nowIso,
        sending_at: null,
        error_code: null,
        error_message: null,
        updated_at: nowIso,
      })
      .where('id', '=', outboxId)
      .where('state', '=', 'failed')
      .where('provider_message_id', 'is', null),
  );
  if (changes !== 1) throw new AppError('conflict', 'This reply changed meanwhile (it is already being sent again).');
  core.audit('inbox.retry', contact.phone, { outboxId });
  core.events.emit('app:dataChanged', { area: 'inbox' });
  return waitingReply(core, windowCheck, contact.phone, { outboxId, body: row.body, nowIso });
}
