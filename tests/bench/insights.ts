import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';
import { bestTimeReport } from '../../electron/analytics/insights/best-time';
import { compareSegments } from '../../electron/analytics/insights/compare';
import { trainInWorker } from '../../electron/analytics/predict/run';
import { deliveredHistory } from '../../electron/analytics/predict/features';

/**
 * Engagement insights at scale (issue 14, points 4–6), one JSON line:
 *   npm run bench -- insights [--contacts 50000] [--campaigns 20]
 * A fresh database with the real migrations: contacts over four US zones (half tagged VIP), every contact texted by
 * every campaign at a different hour, replies from VIPs 15 %, others 3 % (at random), 1 % clicks, 0.3 % opt-outs, filled set-based. Then the
 * best-time report and a two-tag comparison (both run where the IPC handler runs them, on the calling thread), and
 * one pass over the delivered history the models read (timed alone), and the model training on its worker thread
 * (two such passes and the fits), with the longest event-loop block seen meanwhile.
 */
const { values } = parseArgs({ options: { contacts: { type: 'string' }, campaigns: { type: 'string' } } });
const contacts = Number(values.contacts ?? 50_000);
const campaigns = Number(values.campaigns ?? 20);
const count = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${n})`;

const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-insights-'));
const dbPath = join(dir, 'desk.sqlite');
try {
  const db = openDatabase(dbPath);
  await migrate(db, migrations, { dbPath, now: () => new Date(Date.UTC(2026, 11, 1)) });
  const fillStart = performance.now();
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    db.exec(`${count(contacts)} INSERT INTO contacts (id, phone, first_name, created_at, updated_at)
      SELECT i + 1, '+1' || CASE i % 4 WHEN 0 THEN '212' WHEN 1 THEN '312' WHEN 2 THEN '303' ELSE '415' END || printf('%07d', 2000000 + i), 'Pat', '2025-01-01T00:00:00.000Z', 'x' FROM n`);
    db.exec(`INSERT INTO tags (id, name, created_at) VALUES (1, 'VIP', 'x'), (2, 'Regulars', 'x')`);
    db.exec(`INSERT INTO contact_tags (contact_id, tag_id) SELECT id, CASE WHEN id % 2 = 0 THEN 1 ELSE 2 END FROM contacts`);
    db.exec(`${count(campaigns)} INSERT INTO campaigns (id, name, status, body, created_at, updated_at) SELECT i + 1, 'Campaign ' || (i + 1), 'completed', 'Hi', 'x', 'x' FROM n`);
    for (let c = 1; c <= campaigns; c++) {
      const at = new Date(Date.UTC(2026, 0, 5) + c * 7 * 86_400_000 + ((c * 5) % 24) * 3_600_000).toISOString();
      db.prepare(`INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, provider, state, created_at, updated_at, sent_at, delivered_at)
        SELECT ?, id, 'campaign', phone, 'Hi', 'sandbox', 'delivered', @at, @at, @at, @at FROM contacts`.replace(/@at/g, '?')).run(c, at, at, at, at);
    }
    const outcome = (kind: string, where: string) =>
      db.exec(`INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours)
        SELECT id, campaign_id, contact_id, '${kind}', delivered_at, 'delivery', 5, 24 FROM outbox_messages WHERE ${where}`);
    outcome('replied', `(contact_id % 2 = 0 AND (id * 2654435761) % 1000003 % 100 < 15) OR (contact_id % 2 = 1 AND (id * 2654435761) % 1000003 % 100 < 3)`);
    outcome('clicked', `(id * 104729) % 100 = 0`);
    outcome('opted_out', `(id * 15485863) % 1000 < 3`);
  })();
  db.pragma('synchronous = FULL');
  const fillMs = performance.now() - fillStart;

  const t1 = performance.now();
  const best = bestTimeReport(db, 'America/New_York');
  const bestTimeMs = performance.now() - t1;
  const t2 = performance.now();
  const compared = compareSegments(db, [{ tag: 'VIP' }, { tag: 'Regulars' }], 'replied', new Date());
  const compareMs = performance.now() - t2;

  const t4 = performance.now();
  let historyRows = 0;
  for (const _ of deliveredHistory(db)) historyRows++;
  const readHistoryMs = performance.now() - t4;

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t3 = performance.now();
  const trained = await trainInWorker(db, { dbPath }, Date.UTC(2026, 11, 1));
  const trainMs = performance.now() - t3;
  loop.disable();
  db.close();
  console.log(
    JSON.stringify({
      bench: 'insights',
      contacts,
      messages: contacts * campaigns,
      fillMs: Math.round(fillMs),
      bestTimeMs: Math.round(bestTimeMs),
      recommendation: best.recommendation,
      compareMs: Math.round(compareMs),
      comparePValue: compared.test.pValue,
      readHistoryMs: Math.round(readHistoryMs),
      historyRows,
      trainMs: Math.round(trainMs),
      trainLongestBlockMs: Math.round(loop.max / 1e6),
      reply: trained.reply,
      optOut: { auc: trained.optOut.auc, usable: trained.optOut.usable },
      scored: trained.scored,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
