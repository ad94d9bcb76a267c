import { createHash } from 'node:crypto';
import type { SqliteDb } from '../db/connection';
import { isLinkPreviewBot } from './bots';
import { LINK_CODE_PATTERN } from './links';

export interface LinkVisit {
  method: string;
  userAgent: string | null;
  /** The visitor's address as the tunnel reports it; only a salted hash is stored. */
  ip: string | null;
}

/**
 * A visit to a tracked link: stores the click (bots marked, never counted) and returns where to send the visitor,
 * or null when the code is not one of ours.
 */
export function followTrackedLink(db: SqliteDb, code: string, visit: LinkVisit, now: () => Date): string | null {
  if (!LINK_CODE_PATTERN.test(code)) return null;
  const link = db.prepare('SELECT id, url FROM tracked_links WHERE code = ?').get(code) as { id: number; url: string } | undefined;
  if (!link) return null;
  const bot = isLinkPreviewBot(visit.method, visit.userAgent);
  db.prepare('INSERT INTO link_clicks (link_id, at, method, user_agent, ip_hash, is_bot) VALUES (?, ?, ?, ?, ?, ?)').run(
    link.id,
    now().toISOString(),
    visit.method.toUpperCase().slice(0, 10),
    visit.userAgent?.slice(0, 500) ?? null,
    visit.ip ? hashIp(db, visit.ip) : null,
    bot ? 1 : 0,
  );
  return link.url;
}

const salts = new WeakMap<SqliteDb, Buffer>();

/** Salted so the stored value cannot be turned back into an address by hashing all four billion of them. */
function hashIp(db: SqliteDb, ip: string): string {
  let salt = salts.get(db);
  if (!salt) {
    salt = (db.prepare('SELECT salt FROM click_salt WHERE id = 1').get() as { salt: Buffer }).salt;
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
  const r = db
    .prepare(
      `SELECT COUNT(DISTINCT CASE WHEN k.is_bot = 0 THEN l.outbox_id END) AS "unique", SUM(k.is_bot = 0) AS total, SUM(k.is_bot = 1) AS bots
       FROM tracked_links l JOIN link_clicks k ON k.link_id = l.id WHERE l.campaign_id = ?`,
    )
    .get(campaignId) as { unique: number; total: number | null; bots: number | null };
  return { unique: r.unique, total: r.total ?? 0, bots: r.bots ?? 0 };
}
