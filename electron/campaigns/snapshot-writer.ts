import { segmentsOf } from '../../shared/templates';
import type { LinkTracker } from '../abtests';
import type { SqliteDb } from '../db/connection';
import type { CampaignRecord } from './model';
import type { MessagePick, MessagePlan } from './variants';

/**
 * How a launch writes its audience's messages into the outbox, a chunk at a time: the shape every writer has, and
 * the row-by-row writer used when links are tracked (the set-based one is in snapshot-set-based.ts).
 */

/** Messages a chunk inserted, by state (outbox_state_counts follows campaign inserts through these). */
export type StateTally = Partial<Record<'queued' | 'held', number>>;

export interface ChunkWriter {
  /**
   * Writes the messages of the next eligible contacts after `cursor` (at most `limit`, and none above `upper`);
   * last = the highest contact id seen.
   */
  chunk(
    cursor: number,
    limit: number,
    created: string,
    upper?: number,
  ): { queued: number; last: number | null; inserted: StateTally };
  close(): void;
}

export interface WriterDeps {
  db: SqliteDb;
  c: CampaignRecord;
  from: string;
  where: { sql: string; params: unknown[] };
  /** Who gets a text: everyone textable, or in a multi-channel campaign those whose channel is SMS (channel-pick.ts). */
  pick: string;
  /** correlated subqueries f0, f1… giving the contact's custom fields the message uses */
  fieldCols: string[];
  namedParams: Record<string, unknown>;
  plan: MessagePlan;
  render(pick: MessagePick, contact: Record<string, string | number | null>): string;
}

export const AUDIENCE_FROM = (where: string, pick: string) => `FROM contacts c WHERE ${pick} AND (${where})`;

/**
 * One message per row, from JavaScript: needed when links are tracked, because each tracked link is stored
 * against its message's id and its code is checked against the database while the text is written.
 */
export function rowByRow(d: WriterDeps & { links: LinkTracker }): ChunkWriter {
  const { db, c } = d;
  // hot path: one read and one insert per recipient, up to a million; prepared once, run per row in a transaction.
  const select = db.prepare(
    `SELECT c.id, c.phone, c.first_name, c.last_name, c.email${d.fieldCols.length ? `, ${d.fieldCols.join(', ')}` : ''}
     ${AUDIENCE_FROM(d.where.sql, d.pick)} AND c.id > @cursor AND c.id <= @upper ORDER BY c.id LIMIT @limit`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox_messages (campaign_id, contact_id, kind, variant, to_phone, from_number, body, segments, provider, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'campaign', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    chunk(cursor, limit, created, upper = Number.MAX_SAFE_INTEGER) {
      // Positional filter parameters and named ones cannot mix in one statement: bind the filter's by position first.
      const rows = select.all(...d.where.params, { ...d.namedParams, cursor, limit, upper }) as Array<
        Record<string, string | number | null>
      >;
      let queued = 0;
      const inserted: StateTally = {};
      for (const r of rows) {
        const pick = d.plan.pick(r.id as number);
        // Tracked links replace the originals before segments are counted: the short link is what gets sent.
        const tracked = d.links.shorten(d.render(pick, r));
        const info = insert.run(
          c.id,
          r.id,
          pick.variant,
          r.phone,
          d.from,
          tracked.text,
          pick.state === 'held' ? 0 : segmentsOf(tracked.text).segments,
          c.provider,
          pick.state,
          pick.notBefore(r.phone as string) ?? created,
          created,
          created,
        );
        if (info.changes) {
          d.links.record(Number(info.lastInsertRowid), r.id as number, pick.variant, tracked.links);
          inserted[pick.state] = (inserted[pick.state] ?? 0) + 1;
        }
        queued += info.changes;
      }
      return { queued, last: rows.length ? (rows[rows.length - 1].id as number) : null, inserted };
    },
    close() {},
  };
}
