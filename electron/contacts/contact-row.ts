import type { ChannelReach, ContactRow } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { channelReach, unpackReach } from './channel-status';
import { contactPageRows } from './queries-rows';

/** The columns of a contact that the list shows (tags as one text separated by U+001F). */
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

/** The rows of these ids, in the order given, each with its channels' reach. */
export function contactRows(db: SqliteDb, ids: number[]): ContactRow[] {
  if (!ids.length) return [];
  const byId = new Map(contactPageRows(db, ids).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toContactRow(r, channelReach(unpackReach(r.reach_bits, r)))] : [];
  });
}
