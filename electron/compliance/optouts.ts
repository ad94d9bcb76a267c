import type { OptOutRow } from '../../shared/types/domain';
import type { OptOutFilter, OptOutReportRow } from '../../shared/ipc/channels/optouts';
import type { Db } from '../db/db';
import { optOutCount, optOutRows, type OptOutWhere } from './queries';

/** The consent audit as a report: who, when, how, and the message that did it. */
export function listOptOuts(db: Db, q: { search?: string; limit: number; offset: number }): OptOutRow[] {
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

function where(f: OptOutFilter): OptOutWhere {
  const w: OptOutWhere = {};
  if (f.since) w.since = new Date(Date.parse(f.since)).toISOString();
  if (f.until) w.until = untilBound(f.until);
  if (f.source) w.source = f.source;
  if (f.state) w.state = f.state;
  if (f.channel) w.channel = f.channel;
  const search = f.search?.trim();
  if (search) {
    w.text = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // "(415) 555-01" should find +1415555…: a search that looks like part of a phone number also matches by digits.
    const digits = search.replace(/\D/g, '');
    if (/^[\d\s()+.-]+$/.test(search) && digits.length >= 3) w.digits = `%${digits}%`;
  }
  return w;
}

/** Consent changes matching the filter, newest first, with the total for paging. */
export function optOutReport(
  db: Db,
  f: OptOutFilter,
  page: { limit: number; offset: number },
): { rows: OptOutReportRow[]; total: number } {
  const w = where(f);
  return { rows: optOutRows(db, w, page), total: optOutCount(db, w) };
}

/** Every matching change, newest first (the export). */
export function allOptOuts(db: Db, f: OptOutFilter): OptOutReportRow[] {
  return optOutRows(db, where(f));
}
