import type { OptOutRow } from '../../shared/types/domain';
import type { OptOutFilter, OptOutReportRow } from '../../shared/ipc/channels/optouts';
import type { SqliteDb } from '../db/connection';

/** The consent audit as a report: who, when, how, and the message that did it. */
export function listOptOuts(db: SqliteDb, q: { search?: string; limit: number; offset: number }): OptOutRow[] {
  return optOutReport(db, { search: q.search }, q).rows.map((r) => ({
    id: r.id,
    phone: r.phone,
    contactId: r.contactId,
    at: r.at,
    newState: r.newState,
    source: r.source,
    message: r.message,
  }));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-11-28" as an upper bound means the whole of that day. */
function untilBound(until: string): string {
  const at = Date.parse(until);
  return new Date(DATE_ONLY.test(until) ? at + 86_400_000 : at).toISOString();
}

function where(f: OptOutFilter): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (f.since) {
    parts.push('a.at >= @since');
    params.since = new Date(Date.parse(f.since)).toISOString();
  }
  if (f.until) {
    parts.push('a.at < @until');
    params.until = untilBound(f.until);
  }
  if (f.source) {
    parts.push('a.source = @source');
    params.source = f.source;
  }
  if (f.state) {
    parts.push('a.new_state = @state');
    params.state = f.state;
  }
  const search = f.search?.trim();
  if (search) {
    const text = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // "(415) 555-01" should find +1415555…: a search that looks like part of a phone number also matches by digits.
    const digits = search.replace(/\D/g, '');
    const phoneLike = /^[\d\s()+.-]+$/.test(search) && digits.length >= 3;
    parts.push(
      `(a.phone LIKE @text ESCAPE '\\' OR a.message_text LIKE @text ESCAPE '\\'
        OR TRIM(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')) LIKE @text ESCAPE '\\'${phoneLike ? ' OR a.phone LIKE @digits' : ''})`,
    );
    params.text = text;
    if (phoneLike) params.digits = `%${digits}%`;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const SELECT = `SELECT a.id, a.phone, a.contact_id AS contactId,
       NULLIF(TRIM(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')), '') AS name,
       a.at, a.old_state AS oldState, a.new_state AS newState, a.source, a.actor, a.message_text AS message,
       a.inbound_message_id AS inboundMessageId
  FROM optout_audit a LEFT JOIN contacts c ON c.id = a.contact_id`;

/** Consent changes matching the filter, newest first, with the total for paging. */
export function optOutReport(db: SqliteDb, f: OptOutFilter, page: { limit: number; offset: number }): { rows: OptOutReportRow[]; total: number } {
  const w = where(f);
  const rows = db.prepare(`${SELECT} ${w.sql} ORDER BY a.at DESC, a.id DESC LIMIT @limit OFFSET @offset`).all({ ...w.params, ...page }) as OptOutReportRow[];
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM optout_audit a LEFT JOIN contacts c ON c.id = a.contact_id ${w.sql}`).get(w.params) as { total: number };
  return { rows, total };
}

/** Every matching change, newest first (the export). */
export function allOptOuts(db: SqliteDb, f: OptOutFilter): OptOutReportRow[] {
  const w = where(f);
  return db.prepare(`${SELECT} ${w.sql} ORDER BY a.at DESC, a.id DESC`).all(w.params) as OptOutReportRow[];
}
