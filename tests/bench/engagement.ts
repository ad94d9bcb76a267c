import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type SqliteDb } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';
import { bandCounts } from '../../electron/analytics/engagement/bands';
import { recomputeAll, recomputeInWorker } from '../../electron/analytics/engagement/recompute';
import { rescoreQueued } from '../../electron/analytics/engagement/scores';

/**
 * Engagement scores at scale (issue 14 point 1), one JSON line:
 *   npm run bench -- engagement [--contacts 1000000] [--messages 3000000] [--campaigns 30]
 * A fresh database with the real migrations, filled set-based: contacts joined over a year, campaigns spread over it
 * (95 % delivered), outcomes on delivered messages (3 % replies, 8 % clicks, 0.8 % opt-outs) and 1.2 % conversions.
 * The triggers that queue contacts for rescoring are dropped while filling and put back. Timed: the full recompute of
 * every contact on its worker thread (the `engagement:recompute` path; target ≤ 30 s for a million contacts), the
 * longest event-loop block of the main thread meanwhile, the band count, and the per-event path (a batch of 100
 * queued contacts rescored, as the analytics tick does). The figures measure; they never fail the run.
 */
const { values } = parseArgs({
  options: { contacts: { type: 'string' }, messages: { type: 'string' }, campaigns: { type: 'string' } },
});
const contacts = Number(values.contacts ?? 1_000_000);
const messages = Number(values.messages ?? 3_000_000);
const campaigns = Number(values.campaigns ?? 30);
const perCampaign = Math.ceil(messages / campaigns);
if (perCampaign > contacts)
  throw new Error(
    `--messages / --campaigns (${perCampaign}) must not exceed --contacts (${contacts}): one message per contact per campaign.`,
  );

const YEAR_START = Date.parse('2025-12-01T00:00:00Z');
const DAY_MS = 86_400_000;
const NOW = new Date(YEAR_START + 365 * DAY_MS);
const count = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${n})`;

function fill(db: SqliteDb): number {
  const t0 = performance.now();
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'engagement_%' OR (tbl_name IN ('message_outcomes', 'conversions') AND sql LIKE '%AFTER INSERT%'))`,
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  db.transaction(() => {
    db.exec(`${count(contacts)} INSERT INTO contacts (id, phone, first_name, source, opted_out, created_at, updated_at)
      SELECT i + 1, '+1555' || printf('%07d', i + 1), 'Pat', 'import', (i % 125 = 7), strftime('%Y-%m-%dT%H:%M:%fZ', ${YEAR_START / 1000} + (i % 365) * 86400, 'unixepoch'), 'x' FROM n`);
    db.exec(`${count(campaigns)} INSERT INTO campaigns (id, name, status, body, provider, created_at, updated_at, launched_at)
      SELECT i + 1, 'Campaign ' || (i + 1), 'completed', 'Spring sale: 20% off. Reply STOP to opt out', 'quo', d, d, d
      FROM (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', ${YEAR_START / 1000} + (i * 365 / ${campaigns}) * 86400 + 36000, 'unixepoch') AS d FROM n)`);
  })();
  const outbox =
    db.prepare(`${count(perCampaign)} INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, segments, provider, state, created_at, updated_at, sent_at, delivered_at)
    SELECT @c + 1, cid, 'campaign', '+1555' || printf('%07d', cid), 'Spring sale', 1, 'quo',
           CASE WHEN i % 100 < 95 THEN 'delivered' ELSE 'undelivered' END, @at, @at, @at, CASE WHEN i % 100 < 95 THEN @at END
    FROM (SELECT i, (@c * ${perCampaign} + i) % ${contacts} + 1 AS cid FROM n WHERE @c * ${perCampaign} + i < ${messages})`);
  const launched = db.prepare('SELECT id, launched_at AS at FROM campaigns ORDER BY id').all() as Array<{
    id: number;
    at: string;
  }>;
  for (const c of launched) db.transaction(() => outbox.run({ c: c.id - 1, at: c.at }))();
  db.transaction(() => {
    db.exec(`INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours)
      SELECT id, campaign_id, contact_id, CASE WHEN id % 1000 < 30 THEN 'replied' WHEN id % 1000 < 110 THEN 'clicked' ELSE 'opted_out' END,
             strftime('%Y-%m-%dT%H:%M:%fZ', sent_at, '+' || (id % 40) || ' hours'), 'delivery', 5, 24
      FROM outbox_messages WHERE state = 'delivered' AND id % 1000 < 118`);
    db.exec(`INSERT INTO conversions (contact_id, campaign_id, outbox_id, source, source_id, amount_minor, currency, actor, at, rule, click_days, delivery_hours, created_at)
      SELECT contact_id, campaign_id, id, 'order', 'bench:' || id, 2500, 'USD', 'bench', strftime('%Y-%m-%dT%H:%M:%fZ', sent_at, '+' || (id % 100) || ' hours'), 'click', 5, 24, sent_at
      FROM outbox_messages WHERE state = 'delivered' AND id % 1000 BETWEEN 500 AND 511`);
  })();
  for (const t of triggers) db.exec(t.sql);
  db.exec('ANALYZE');
  db.pragma('synchronous = NORMAL');
  return performance.now() - t0;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-engagement-'));
try {
  const dbPath = join(dir, 'desk.sqlite');
  const db = openDatabase(dbPath);
  await migrate(db, migrations, { dbPath, now: () => NOW });
  const fillMs = fill(db);
  const rows = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleBlockMs = lag.max / 1e6;
  lag.reset();
  const t0 = performance.now();
  const r = await recomputeInWorker(db, { dbPath }, NOW);
  const recomputeMs = performance.now() - t0;
  await tick();
  const recomputeBlockMs = lag.max / 1e6;
  lag.disable();
  // The same recompute on this thread, for its CPU time: on a shared, loaded machine the wall clock mostly measures
  // waiting for a core (the worker also runs at a lower priority, as the app's helpers do).
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  recomputeAll(db, NOW);
  const cpu = process.cpuUsage(cpu0);
  const inProcessMs = performance.now() - w0;
  const t1 = performance.now();
  const bands = bandCounts(db);
  const bandCountMs = performance.now() - t1;
  // The per-event path: 100 contacts with a history queued (as a batch of deliveries would), rescored as the tick does.
  db.exec(
    `INSERT INTO engagement_queue (contact_id) SELECT id FROM contacts WHERE id % ${Math.max(1, Math.floor(contacts / 100))} = 0 LIMIT 100`,
  );
  const t2 = performance.now();
  const rescored = db.transaction(() => rescoreQueued(db, NOW, 100)).immediate();
  const rescoreBatchMs = performance.now() - t2;
  console.log(
    JSON.stringify({
      bench: 'engagement',
      contacts: rows('SELECT COUNT(*) AS n FROM contacts'),
      messages: rows('SELECT COUNT(*) AS n FROM outbox_messages'),
      outcomes: rows('SELECT COUNT(*) AS n FROM message_outcomes'),
      conversions: rows('SELECT COUNT(*) AS n FROM conversions'),
      scoredRows: r.scored,
      bands,
      fillMs: Math.round(fillMs),
      recomputeMs: Math.round(recomputeMs),
      recomputeWorkerMs: r.ms,
      recomputeInProcess: { wallMs: Math.round(inProcessMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000) },
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      cores: availableParallelism(),
      bandCountMs: Math.round(bandCountMs),
      rescoreBatch: { contacts: rescored, ms: Math.round(rescoreBatchMs * 10) / 10 },
      maxEventLoopBlockMs: { idle: Math.round(idleBlockMs), recompute: Math.round(recomputeBlockMs) },
      targets: { recomputeMs: 30_000, maxEventLoopBlockMs: 50 },
    }),
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
