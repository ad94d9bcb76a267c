import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createKysely } from '../../../electron/db/kysely';
import { migratePostgres } from '../../../electron/db/migrator-postgres';
import type { DB } from '../../../electron/db/schema';
import { migrations } from '../../../migrations';
import { tempDb } from '../../helpers/db';
import { postgresMissing, startPgCluster, type PgCluster } from '../../helpers/pg-cluster';

/**
 * The triggers of the migrations behave the same on both backends (team mode, issue 20): one scenario of writes —
 * built with Kysely, so the very same queries run on SQLite and on PostgreSQL — and then every table the triggers keep
 * (outbox counts, daily roll-ups, engagement and search queues, search index rows) must read the same on both.
 */

const DAY1 = '2026-12-01T10:00:00.000Z';
const DAY2 = '2026-12-02T10:00:00.000Z';
const DAY3 = '2026-12-03T10:00:00.000Z';

async function scenario(db: Kysely<DB>): Promise<{ refusals: string[] }> {
  const stamp = { created_at: DAY1, updated_at: DAY1 };
  await db
    .insertInto('contacts')
    .values([1, 2, 3].map((id) => ({ id, phone: `+1415555010${id}`, first_name: `Name${id}`, ...stamp })))
    .execute();
  await db
    .insertInto('contact_search')
    .values([1, 2, 3].map((id) => ({ rowid: id, name: `Name${id}`, email: '', phone: `1415555010${id}` })))
    .execute();
  await db.updateTable('contact_search_state').set({ indexed_through: 3 }).execute();
  await db
    .insertInto('campaigns')
    .values([
      { id: 1, name: 'Texts', body: 'Hi', ...stamp },
      { id: 2, name: 'Texts and e-mail', body: 'Hi', channels_json: '["sms","email"]', ...stamp },
    ])
    .execute();
  const message = (id: number, campaign: number | null, contact: number, kind: string, channel: 'sms' | 'email') => ({
    id,
    campaign_id: campaign,
    contact_id: contact,
    kind,
    channel,
    to_phone: `+1415555010${contact}`,
    body: 'Hi',
    provider: 'sandbox',
    ...stamp,
  });
  await db
    .insertInto('outbox_messages')
    .values([
      message(1, 1, 1, 'campaign', 'sms'),
      message(2, 1, 2, 'campaign', 'sms'),
      message(3, 1, 3, 'campaign', 'sms'),
      message(4, 2, 1, 'campaign', 'email'),
      message(5, null, 1, 'reply', 'sms'),
      message(6, null, 2, 'confirmation', 'sms'),
    ])
    .execute();

  // Sending, one message at a time and several at once.
  await db.updateTable('outbox_messages').set({ state: 'sending' }).where('id', 'in', [1, 2, 3, 4, 5]).execute();
  await db
    .updateTable('outbox_messages')
    .set({ state: 'sent', sent_at: DAY1, cost_micros: 7900 })
    .where('id', 'in', [1, 4, 5])
    .execute();
  await db.updateTable('outbox_messages').set({ state: 'failed' }).where('id', '=', 2).execute();
  await db
    .updateTable('outbox_messages')
    .set({ state: 'delivered', delivered_at: DAY2 })
    .where('id', 'in', [1, 4])
    .execute();
  await db.updateTable('outbox_messages').set({ cost_micros: 15800 }).where('id', '=', 4).execute();
  await db.deleteFrom('outbox_messages').where('id', '=', 6).execute();

  // Outcomes, one later removed.
  const outcome = { campaign_id: 1, rule: 'direct' as const, click_days: 7, delivery_hours: 72 };
  await db
    .insertInto('message_outcomes')
    .values([
      { ...outcome, outbox_id: 1, contact_id: 1, kind: 'replied', at: DAY2 },
      { ...outcome, outbox_id: 1, contact_id: 1, kind: 'clicked', at: DAY2 },
      { ...outcome, campaign_id: 2, outbox_id: 4, contact_id: 1, kind: 'clicked', at: DAY3 },
    ])
    .execute();
  await db.deleteFrom('message_outcomes').where('kind', '=', 'clicked').where('outbox_id', '=', 1).execute();

  // Conversions: three of one recipient on three days, of which the first and last go in one statement.
  const conversion = (id: number, contact: number, at: string, amount: number) => ({
    id,
    contact_id: contact,
    campaign_id: contact === 3 ? 2 : 1,
    outbox_id: contact === 3 ? 4 : 1,
    source: 'order' as const,
    source_id: `order:${id}`,
    amount_minor: amount,
    actor: 'owner',
    at,
    created_at: at,
  });
  await db
    .insertInto('conversions')
    .values([conversion(1, 1, DAY1, 1000), conversion(2, 1, DAY2, 2000), conversion(3, 1, DAY3, 3000)])
    .execute();
  await db
    .insertInto('conversions')
    .values([conversion(4, 2, DAY2, 500), conversion(5, 3, DAY3, 700)])
    .execute();
  await db.deleteFrom('conversions').where('id', 'in', [1, 3]).execute();
  await db.updateTable('conversions').set({ amount_minor: 2500, at: DAY3 }).where('id', '=', 2).execute();

  // Inbound texts are indexed for the inbox search by a trigger; a reply by the code that queues it.
  await db
    .insertInto('inbound_messages')
    .values(
      [1, 2].map((id) => ({
        id,
        provider: 'sandbox',
        from_phone: '+14155550101',
        body: `Reply ${id}`,
        received_at: DAY2,
        created_at: DAY2,
      })),
    )
    .execute();
  await db.deleteFrom('inbound_messages').where('id', '=', 1).execute();

  // Contacts edited (queued for the search index), opted out (queued for scoring), and the highest one deleted.
  await db.updateTable('contacts').set({ first_name: 'Renamed' }).where('id', '=', 2).execute();
  await db.updateTable('contacts').set({ last_name: null }).where('id', '=', 1).execute();
  await db.updateTable('contacts').set({ opted_out: 1 }).where('id', '=', 1).execute();
  await db.deleteFrom('contacts').where('id', '=', 3).execute();

  // The audit tables stay append-only.
  await db.insertInto('audit_log').values({ at: DAY1, actor: 'owner', action: 'test' }).execute();
  await db
    .insertInto('optout_audit')
    .values({
      phone: '+14155550101',
      old_state: 'opted_in',
      new_state: 'opted_out',
      source: 'manual',
      actor: 'owner',
      at: DAY1,
    })
    .execute();
  const refusals: string[] = [];
  for (const attempt of [
    () => db.updateTable('audit_log').set({ actor: 'someone else' }).execute(),
    () => db.deleteFrom('audit_log').execute(),
    () => db.updateTable('optout_audit').set({ actor: 'someone else' }).execute(),
    () => db.deleteFrom('optout_audit').execute(),
  ]) {
    await attempt().then(
      () => refusals.push('allowed'),
      (err: unknown) => refusals.push(/append-only/.test(String(err)) ? 'refused as append-only' : String(err)),
    );
  }
  return { refusals };
}

/** Every table the triggers keep, in a fixed order. */
async function kept(db: Kysely<DB>) {
  return {
    outbox_state_counts: await db
      .selectFrom('outbox_state_counts')
      .selectAll()
      .orderBy('campaign_key')
      .orderBy('state')
      .execute(),
    campaign_daily: await db
      .selectFrom('campaign_daily')
      .select(['campaign_id', 'day', 'channel', 'sent', 'delivered', 'failed', 'replied', 'clicked', 'opted_out'])
      .select(['converted', 'revenue_minor', 'spend_micros'])
      .orderBy('campaign_id')
      .orderBy('day')
      .orderBy('channel')
      .execute(),
    conversion_source_daily: await db
      .selectFrom('conversion_source_daily')
      .selectAll()
      .orderBy('day')
      .orderBy('source')
      .execute(),
    engagement_queue: await db.selectFrom('engagement_queue').selectAll().orderBy('contact_id').execute(),
    contact_search_queue: await db.selectFrom('contact_search_queue').selectAll().orderBy('contact_id').execute(),
    contact_search_state: await db.selectFrom('contact_search_state').selectAll().execute(),
    contact_search: await db.selectFrom('contact_search').select('rowid').orderBy('rowid').execute(),
    inbox_search: await db.selectFrom('inbox_search').select('rowid').orderBy('rowid').execute(),
  };
}

describe.skipIf(postgresMissing())('triggers on SQLite and PostgreSQL', () => {
  let cluster: PgCluster;
  let onPostgres: Kysely<DB> | null = null;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    await onPostgres?.destroy(); // ends its pool
    await cluster?.stop();
  });

  it('keep the same counts, roll-ups, queues and search rows for the same writes', async () => {
    const sqlite = await tempDb();
    const onSqlite = createKysely(sqlite.db);
    const sqliteRun = await scenario(onSqlite);
    const sqliteKept = await kept(onSqlite);

    const url = await cluster.createDatabase('triggers');
    const types = new pg.TypeOverrides();
    types.setTypeParser(pg.types.builtins.INT8, Number); // as the PostgreSQL data layer reads bigint: ids and counts
    const pool = new pg.Pool({ connectionString: url, max: 2, types });
    onPostgres = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const client = await pool.connect();
    await migratePostgres(client, migrations);
    client.release();
    const postgresRun = await scenario(onPostgres);
    const postgresKept = await kept(onPostgres);

    expect(sqliteRun.refusals).toEqual(Array(4).fill('refused as append-only'));
    expect(postgresRun.refusals).toEqual(sqliteRun.refusals);
    // The scenario touched what it meant to (the comparison would pass vacuously otherwise).
    expect(sqliteKept.campaign_daily.length).toBeGreaterThan(3);
    expect(sqliteKept.engagement_queue).toEqual([{ contact_id: 1 }, { contact_id: 2 }, { contact_id: 3 }]);
    expect(sqliteKept.contact_search_state).toEqual([{ id: 1, indexed_through: 2 }]);
    expect(postgresKept).toEqual(sqliteKept);
    await onSqlite.destroy();
    sqlite.cleanup();
  });
});
