import type { ChannelReach, ContactRow } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { channelReach } from './channel-status';
import { channelSides } from './queries-channels';

/** The columns every contact row query selects (over `contacts c`), tags included as one separated string. */
export const CONTACT_ROW_COLUMNS = `c.id, c.phone, c.first_name, c.last_name, c.email, c.textable, c.not_textable_reason, c.opted_out,
  c.created_at, c.last_contacted_at,
  (SELECT group_concat(t.name, char(31)) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tags`;

export interface ContactRowSql {
  id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  textable: number;
  not_textable_reason: string | null;
  opted_out: number;
  created_at: string;
  last_contacted_at: string | null;
  tags: string | null;
}

export function toContactRow(r: ContactRowSql, reach: ChannelReach): ContactRow {
  return {
    id: r.id,
    phone: r.phone,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    textable: !!r.textable,
    notTextableReason: r.not_textable_reason,
    optedOut: !!r.opted_out,
    tags: r.tags ? r.tags.split('\u001f').sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })) : [],
    createdAt: r.created_at,
    lastContactedAt: r.last_contacted_at,
    reach,
  };
}

/** The rows of these ids, in the order given. */
// hot path: every list page (contacts-search/contacts-ui benchmarks); the ids are bound as one JSON value
export function contactRows(db: SqliteDb, ids: number[]): ContactRow[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(`SELECT ${CONTACT_ROW_COLUMNS} FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as ContactRowSql[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const reach = new Map(channelSides(db, ids).map((s) => [s.id, channelReach(s)]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    const c = reach.get(id);
    return r && c ? [toContactRow(r, c)] : [];
  });
}
