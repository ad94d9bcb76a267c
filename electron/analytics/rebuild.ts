import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from '../db/connection';
import { withCommitsNotWaitingForDisk } from '../db/bulk-load';
import {
  campaignIdsInOrder,
  deleteOrphanRollups,
  lastContactId,
  optOutCursor,
  rebuildConversionSources,
  rollupDayCount,
} from './queries-rebuild';
import { startWorker } from '../workers';
import { transaction } from '../db/transaction';

/** What rebuild-worker.ts is started with and answers (defined here: the worker imports this module). */
export type RebuildWorkerData = { dbPath: string; nativeBinding?: string };
export type FromRebuildWorker = { type: 'done'; campaigns: number; days: number } | { type: 'failed'; message: string };

/**
 * The roll-ups recomputed from what is stored: messages, attributed outcomes, conversions, contacts and the
 * opt-out audit. The same definitions the triggers of migrations 0010 and 0032 apply event by event, per channel (an
 * outcome or a conversion on the channel of the message it is attributed to; one without a message on the texts);
 * the property test holds the two equal. Raw set-based SQL: at ten million messages a row-by-row rebuild would take
 * minutes.
 */
const CAMPAIGN_DAILY_SQL = [
  `DELETE FROM campaign_daily WHERE campaign_id BETWEEN @from AND @to`,
  `INSERT INTO campaign_daily (campaign_id, day, channel, sent, delivered, failed, spend_micros)
     SELECT campaign_id, substr(coalesce(sent_at, created_at), 1, 10), channel, SUM(sent_at IS NOT NULL), SUM(state = 'delivered'),
            SUM(state IN ('failed', 'undelivered')), SUM(coalesce(cost_micros, 0))
     FROM outbox_messages
     WHERE campaign_id BETWEEN @from AND @to AND kind = 'campaign' AND (sent_at IS NOT NULL OR state IN ('failed', 'undelivered'))
     GROUP BY 1, 2, 3`,
  `INSERT INTO campaign_daily (campaign_id, day, channel, replied, clicked, opted_out)
     SELECT o.campaign_id, substr(o.at, 1, 10), coalesce(m.channel, 'sms'), SUM(o.kind = 'replied'), SUM(o.kind = 'clicked'), SUM(o.kind = 'opted_out')
     FROM message_outcomes o LEFT JOIN outbox_messages m ON m.id = o.outbox_id
     WHERE o.campaign_id BETWEEN @from AND @to GROUP BY 1, 2, 3
   ON CONFLICT (campaign_id, day, channel) DO UPDATE SET replied = excluded.replied, clicked = excluded.clicked, opted_out = excluded.opted_out`,
  `INSERT INTO campaign_daily (campaign_id, day, channel, converted, revenue_minor)
     SELECT c.campaign_id, substr(c.at, 1, 10), coalesce(m.channel, 'sms'),
            SUM(NOT EXISTS (SELECT 1 FROM conversions p WHERE p.campaign_id = c.campaign_id AND p.contact_id = c.contact_id AND p.id < c.id)),
            SUM(c.amount_minor)
     FROM conversions c LEFT JOIN outbox_messages m ON m.id = c.outbox_id
     WHERE c.campaign_id BETWEEN @from AND @to GROUP BY 1, 2, 3
   ON CONFLICT (campaign_id, day, channel) DO UPDATE SET converted = excluded.converted, revenue_minor = excluded.revenue_minor`,
];

const GROWTH_SQL = [
  `DELETE FROM list_growth_daily`,
  `INSERT INTO list_growth_daily (day, new_contacts) SELECT substr(created_at, 1, 10), COUNT(*) FROM contacts WHERE id <= @top GROUP BY 1`,
  `INSERT INTO list_growth_daily (day, opt_outs) SELECT substr(at, 1, 10), COUNT(*) FROM optout_audit WHERE new_state = 'opted_out' AND channel = 'sms' AND id <= @audit GROUP BY 1
   ON CONFLICT (day) DO UPDATE SET opt_outs = excluded.opt_outs`,
  `UPDATE analytics_cursors SET last_id = @top WHERE source = 'contacts'`,
];

/** The four statements, prepared once per connection: a rebuild runs them for every campaign. */
const prepared = new WeakMap<SqliteDb, Statement[]>();
function campaignDailyStatements(db: SqliteDb): Statement[] {
  let st = prepared.get(db);
  if (!st) prepared.set(db, (st = CAMPAIGN_DAILY_SQL.map((sql) => db.prepare(sql))));
  return st;
}

/** Recomputes the roll-ups of campaigns `from`..`to` (ids) in one transaction. */
export function rebuildCampaignRange(db: SqliteDb, from: number, to: number): void {
  const statements = campaignDailyStatements(db);
  transaction(
    db,
    () => {
      // hot path: set-based roll-up of millions of messages in four statements (see above).
      for (const st of statements) st.run({ from, to });
    },
    { immediate: true },
  );
}

/** Recomputes list growth up to the contacts and opt-outs already ingested. */
export function rebuildGrowth(db: SqliteDb): void {
  transaction(
    db,
    () => {
      const top = lastContactId(db);
      const audit = optOutCursor(db);
      // hot path: list growth of every contact and opt-out, set-based.
      for (const sql of GROWTH_SQL) db.prepare(sql).run(sql.includes('@audit') ? { audit } : { top });
    },
    { immediate: true },
  );
}

/**
 * Every campaign, a few at a time (each a short transaction), then list growth and conversions by source. The
 * campaigns' commits do not wait for the disk (a wait per campaign: 200 commits took 0.9–1.1 s waiting against
 * 0.08 s not waiting, on the benchmark machine in Dec 2026, beside a rebuild of ~1.5 s of CPU): what a power cut takes
 * is recomputed by the next rebuild, and list growth's commit, which waits, makes them all durable (the log is
 * written in order).
 */
export function rebuildAll(db: SqliteDb, campaignsPerChunk = 5): { campaigns: number; days: number } {
  const ids = campaignIdsInOrder(db);
  deleteOrphanRollups(db);
  withCommitsNotWaitingForDisk(db, () => {
    for (let i = 0; i < ids.length; i += campaignsPerChunk)
      rebuildCampaignRange(db, ids[i], ids[Math.min(i + campaignsPerChunk, ids.length) - 1]);
  });
  rebuildGrowth(db);
  rebuildConversionSources(db);
  const days = rollupDayCount(db);
  return { campaigns: ids.length, days };
}

/** The same, yielding to the event loop between campaigns, so the app keeps answering while it runs. */
export async function rebuildAllChunked(
  db: SqliteDb,
  now: () => number,
): Promise<{ campaigns: number; days: number; ms: number }> {
  const started = now();
  const ids = campaignIdsInOrder(db);
  deleteOrphanRollups(db);
  for (const id of ids) {
    rebuildCampaignRange(db, id, id);
    await new Promise((resolve) => setImmediate(resolve));
  }
  rebuildGrowth(db);
  rebuildConversionSources(db);
  const days = rollupDayCount(db);
  return { campaigns: ids.length, days, ms: now() - started };
}

/**
 * The full rebuild on a worker thread with its own connection (the `analytics:rebuild` path): at ten million messages
 * one campaign's step takes longer than the main thread may be held (issue 13: never > 50 ms). An in-memory
 * database has no file a worker could open, so it is rebuilt here, chunked as above.
 */
export async function rebuildAllInWorker(
  db: SqliteDb,
  file: { dbPath: string; nativeBinding?: string },
  now: () => number,
): Promise<{ campaigns: number; days: number; ms: number }> {
  if (file.dbPath === ':memory:' || file.dbPath === '') return rebuildAllChunked(db, now);
  const started = now();
  const w = startWorker('analytics-rebuild-worker', import.meta.url, {
    workerData: { dbPath: file.dbPath, nativeBinding: file.nativeBinding } satisfies RebuildWorkerData,
  });
  const r = await new Promise<{ campaigns: number; days: number }>((resolve, reject) => {
    w.once('message', (msg: FromRebuildWorker) =>
      msg.type === 'done'
        ? resolve({ campaigns: msg.campaigns, days: msg.days })
        : reject(new Error(`The roll-up rebuild failed: ${msg.message}`)),
    );
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`The roll-up rebuild stopped (exit code ${code}).`)));
  });
  return { ...r, ms: now() - started };
}
