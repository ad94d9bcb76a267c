import { createHash } from 'node:crypto';
import type { SqliteDb } from '../db/connection';
import { isLinkPreviewBot, isMailScannerVisit } from './bots';
import { LINK_CODE_PATTERN } from './links';
import { clickSalt, clickTotals, insertClick, trackedLinkByCode } from './queries';

export interface LinkVisit {
  method: string;
  userAgent: string | null;
  /** The visitor's address as the tunnel reports it; only a salted hash is stored. */
  ip: string | null;
}

/**
 * A visit to a tracked link: stores the click (bots and mail scanners marked, never counted) and returns where to send the visitor,
 * or null when the code is not one of ours.
 */
export function followTrackedLink(db: SqliteDb, code: string, visit: LinkVisit, now: () => Date): string | null {
  if (!LINK_CODE_PATTERN.test(code)) return null;
  const link = trackedLinkByCode(db, code);
  if (!link) return null;
  const at = now();
  // An e-mail's links are also opened by the recipient's mail scanner as it arrives: never counted either.
  const bot =
    isLinkPreviewBot(visit.method, visit.userAgent) ||
    (link.channel === 'email' && isMailScannerVisit(visit.userAgent, link.sentAt, at));
  insertClick(db, {
    link_id: link.id,
    at: at.toISOString(),
    method: visit.method.toUpperCase().slice(0, 10),
    user_agent: visit.userAgent?.slice(0, 500) ?? null,
    ip_hash: visit.ip ? hashIp(db, visit.ip) : null,
    is_bot: bot ? 1 : 0,
  });
  return link.url;
}

const salts = new WeakMap<SqliteDb, Buffer>();

/** Salted so the stored value cannot be turned back into an address by hashing all four billion of them. */
function hashIp(db: SqliteDb, ip: string): string {
  let salt = salts.get(db);
  if (!salt) {
    salt = clickSalt(db);
    if (!salt) throw new Error('the click salt is missing (migration 0005 creates it)');
    salts.set(db, salt);
  }
  return createHash('sha256').update(salt).update(ip).digest('hex').slice(0, 32);
}

export interface ClickCounts {
  /** Recipients who clicked at least once (what the A/B metric counts). */
  unique: number;
  /** Every counted click, repeats included. */
  total: number;
  /** Visits by link previews and crawlers, not counted. */
  bots: number;
}

export function campaignClickCounts(db: SqliteDb, campaignId: number): ClickCounts {
  const r = clickTotals(db, campaignId) ?? { unique: 0, total: null, bots: null };
  return { unique: r.unique, total: r.total ?? 0, bots: r.bots ?? 0 };
}
