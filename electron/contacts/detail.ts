import { AppError } from '../../shared/errors';
import type { ContactDetail, ContactMessage, ConsentRecordView, OptOutHistoryEntry } from '../../shared/ipc/channels/contacts';
import type { OutboxState } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { CONTACT_ROW_COLUMNS, toContactRow, type ContactRowSql } from './contact-row';

interface DetailSql extends ContactRowSql {
  country: string | null;
  opted_out_at: string | null;
  line_type: string | null;
  carrier: string | null;
  source: string;
  is_unknown: number;
  updated_at: string;
}

interface MessageSql {
  direction: 'out' | 'in';
  id: number;
  at: string;
  body: string;
  kind: string | null;
  state: string | null;
  campaign_id: number | null;
  campaign_name: string | null;
  error_message: string | null;
  keyword: string | null;
}

/**
 * Everything about one contact: fields, tags, custom values, how consent was obtained, every opt-out and opt-in
 * (by number, so history recorded before the contact was deleted and added again still shows), and the texts.
 */
export function contactDetail(db: SqliteDb, id: number, messageLimit = 200): ContactDetail {
  const row = db
    .prepare(`SELECT ${CONTACT_ROW_COLUMNS}, c.country, c.opted_out_at, c.line_type, c.carrier, c.source, c.is_unknown, c.updated_at FROM contacts c WHERE c.id = ?`)
    .get(id) as DetailSql | undefined;
  if (!row) throw new AppError('not_found', `There is no contact with id ${id} (it may have been deleted).`);
  const customFields = db
    .prepare(
      `SELECT f.key, f.label, v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id
       WHERE v.contact_id = ? ORDER BY f.label COLLATE NOCASE, f.key`,
    )
    .all(id) as ContactDetail['customFields'];
  const consentRecords = (
    db.prepare('SELECT id, source, source_ref, consent, obtained_at, note, created_at FROM consent_records WHERE contact_id = ? ORDER BY obtained_at, id').all(id) as {
      id: number;
      source: string;
      source_ref: string | null;
      consent: number | null;
      obtained_at: string;
      note: string | null;
      created_at: string;
    }[]
  ).map(
    (r): ConsentRecordView => ({
      id: r.id,
      source: r.source,
      sourceRef: r.source_ref,
      consent: r.consent === null ? null : r.consent === 1,
      obtainedAt: r.obtained_at,
      note: r.note,
      createdAt: r.created_at,
    }),
  );
  const optOutHistory = (
    db
      .prepare(
        `SELECT id, at, old_state, new_state, source, actor, message_text, inbound_message_id FROM optout_audit
         WHERE contact_id = ? OR phone = ? ORDER BY at, id`,
      )
      .all(id, row.phone) as {
      id: number;
      at: string;
      old_state: string;
      new_state: 'opted_out' | 'opted_in';
      source: string;
      actor: string;
      message_text: string | null;
      inbound_message_id: number | null;
    }[]
  ).map(
    (r): OptOutHistoryEntry => ({
      id: r.id,
      at: r.at,
      oldState: r.old_state,
      newState: r.new_state,
      source: r.source,
      actor: r.actor,
      message: r.message_text,
      inboundMessageId: r.inbound_message_id,
    }),
  );
  const messages = (
    db
      .prepare(
        `SELECT * FROM (
           SELECT 'out' AS direction, o.id, coalesce(o.sent_at, o.created_at) AS at, o.body, o.kind, o.state, o.campaign_id,
                  k.name AS campaign_name, o.error_message, NULL AS keyword
           FROM outbox_messages o LEFT JOIN campaigns k ON k.id = o.campaign_id WHERE o.contact_id = ?
           UNION ALL
           SELECT 'in', i.id, i.received_at, i.body, NULL, NULL, i.campaign_id, k.name, NULL, i.keyword
           FROM inbound_messages i LEFT JOIN campaigns k ON k.id = i.campaign_id WHERE i.contact_id = ?
         ) ORDER BY at DESC, direction, id DESC LIMIT ?`,
      )
      .all(id, id, messageLimit) as MessageSql[]
  ).map(toMessage);
  const messageCount = db
    .prepare('SELECT (SELECT count(*) FROM outbox_messages WHERE contact_id = ?) + (SELECT count(*) FROM inbound_messages WHERE contact_id = ?)')
    .pluck()
    .get(id, id) as number;
  return {
    contact: {
      ...toContactRow(row),
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
    return { direction: 'in', id: m.id, at: m.at, body: m.body, keyword: m.keyword, campaignId: m.campaign_id, campaignName: m.campaign_name };
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
