import { AppError } from '../../shared/errors';
import type {
  ContactDetail,
  ContactMessage,
  ConsentRecordView,
  OptOutHistoryEntry,
} from '../../shared/ipc/channels/contacts';
import type { OutboxState } from '../../shared/types/domain';
import type { Db } from '../db/db';
import { channelReach } from './channel-status';
import { toContactRow } from './contact-row';
import { channelSides } from './queries-channels';
import { contactDetailRow } from './queries-rows';
import {
  consentChangeRows,
  consentRecordRows,
  contactFieldValues,
  contactMessageCount,
  contactMessageRows,
} from './queries';

type MessageSql = ReturnType<typeof contactMessageRows>[number];

/**
 * Everything about one contact: fields, tags, custom values, how consent was obtained, every opt-out and opt-in
 * (by number, so history recorded before the contact was deleted and added again still shows), and the texts.
 */
export function contactDetail(db: Db, id: number, messageLimit = 200): ContactDetail {
  const row = contactDetailRow(db, id);
  if (!row) throw new AppError('not_found', `There is no contact with id ${id} (it may have been deleted).`);
  const [side] = channelSides(db, [id]);
  const customFields = contactFieldValues(db, id);
  const consentRecords = consentRecordRows(db, id).map((r): ConsentRecordView => ({
    id: r.id,
    source: r.source,
    sourceRef: r.source_ref,
    consent: r.consent === null ? null : r.consent === 1,
    obtainedAt: r.obtained_at,
    note: r.note,
    createdAt: r.created_at,
  }));
  const optOutHistory = consentChangeRows(db, id, row.phone).map((r): OptOutHistoryEntry => ({
    id: r.id,
    at: r.at,
    oldState: r.old_state,
    newState: r.new_state,
    source: r.source,
    actor: r.actor,
    message: r.message_text,
    inboundMessageId: r.inbound_message_id,
    channel: r.channel,
  }));
  const messages = contactMessageRows(db, id, messageLimit).map(toMessage);
  const messageCount = contactMessageCount(db, id);
  return {
    contact: {
      ...toContactRow(row, channelReach(side)),
      voiceConsentAt: side.voice_consent_at,
      voiceConsentSource: side.voice_consent_source,
      country: row.country,
      optedOutAt: row.opted_out_at,
      lineType: row.line_type,
      carrier: row.carrier,
      source: row.source,
      isUnknown: !!row.is_unknown,
      updatedAt: row.updated_at,
    },
    customFields,
    consentRecords,
    optOutHistory,
    messages,
    messageCount,
  };
}

function toMessage(m: MessageSql): ContactMessage {
  if (m.direction === 'in') {
    return {
      direction: 'in',
      id: m.id,
      at: m.at,
      body: m.body,
      keyword: m.keyword,
      campaignId: m.campaign_id,
      campaignName: m.campaign_name,
    };
  }
  return {
    direction: 'out',
    id: m.id,
    at: m.at,
    body: m.body,
    kind: m.kind as Extract<ContactMessage, { direction: 'out' }>['kind'],
    state: m.state as OutboxState,
    campaignId: m.campaign_id,
    campaignName: m.campaign_name,
    errorMessage: m.error_message,
  };
}
