import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { NEW_DATABASE_PAGE_SIZE, openDatabase } from '../../../electron/db/connection';
import { integrityCheck, migrate, schemaVersion } from '../../../electron/db/migrator';
import { migrations, latestSchemaVersion } from '../../../migrations';
import { createApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';

const now = () => new Date('2026-11-28T12:00:00Z');

/** A database migrated to `version` (for filling with old-shaped data), and `upgrade` to bring it to the latest. */
async function databaseAt(version: number) {
  const t = tempDir();
  const path = join(t.dir, `v${version}.sqlite`);
  const db = openDatabase(path);
  await migrate(db, migrations, { dbPath: path, now, target: version });
  return {
    db,
    upgrade: () => migrate(db, migrations, { dbPath: path, now }),
    done() {
      db.close();
      t.cleanup();
    },
  };
}

describe('migrations', () => {
  it('bring a fresh database to the latest schema with every core table and the pragmas the product relies on', async () => {
    const t = tempDir();
    const path = join(t.dir, 'fresh.sqlite');
    const db = openDatabase(path);
    const result = await migrate(db, migrations, { dbPath: path, now });
    expect(result).toEqual({ from: 0, to: latestSchemaVersion, backupPath: null });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    for (const name of [
      'contacts',
      'tags',
      'contact_tags',
      'custom_fields',
      'contact_field_values',
      'segments',
      'templates',
      'campaigns',
      'outbox_messages',
      'inbound_messages',
      'webhook_events',
      'optout_audit',
      'settings',
      'audit_log',
      'imports',
      'consent_records',
    ]) {
      expect(tables).toContain(name);
    }
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(integrityCheck(db)).toBe('ok');
    db.close();
    t.cleanup();
  });

  it('create a new database with 32 KB pages and leave an existing one at the page size it was made with', async () => {
    const t = tempDir();
    const fresh = openDatabase(join(t.dir, 'new.sqlite'));
    await migrate(fresh, migrations, { dbPath: join(t.dir, 'new.sqlite'), now });
    expect(fresh.pragma('page_size', { simple: true })).toBe(NEW_DATABASE_PAGE_SIZE);
    // The automatic checkpoint limit stays at SQLite's 4 MB of log, whatever the page size.
    expect(fresh.pragma('wal_autocheckpoint', { simple: true })).toBe(128);
    fresh.close();

    // A database made by an earlier version, with SQLite's default 4 KB pages and some contacts in it.
    const oldPath = join(t.dir, 'old.sqlite');
    const made = new Database(oldPath);
    made.pragma('journal_mode = WAL');
    made.exec("CREATE TABLE keep (v TEXT); INSERT INTO keep VALUES ('Zoë')");
    made.close();
    const old = openDatabase(oldPath);
    await migrate(old, migrations, { dbPath: oldPath, now });
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    expect(old.pragma('wal_autocheckpoint', { simple: true })).toBe(1024);
    expect(old.prepare('SELECT v FROM keep').pluck().get()).toBe('Zoë');
    expect(integrityCheck(old)).toBe('ok');
    old.close();
    t.cleanup();
  });

  it('upgrade a database from every previous version, keeping its data and taking a backup first', async () => {
    // Every version a shipped migration leaves a database at (numbers may have gaps while branches are merged).
    for (const from of migrations.map((m) => m.version).filter((v) => v < latestSchemaVersion)) {
      const t = tempDir();
      const path = join(t.dir, 'old.sqlite');
      const db = openDatabase(path);
      await migrate(db, migrations, { dbPath: path, now, target: from });
      db.prepare(
        `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', 'x', 'x')`,
      ).run();
      const result = await migrate(db, migrations, { dbPath: path, now });
      expect(result.from).toBe(from);
      expect(result.to).toBe(latestSchemaVersion);
      expect(result.backupPath && existsSync(result.backupPath)).toBeTruthy();
      expect(db.prepare('SELECT first_name FROM contacts').get()).toEqual({ first_name: 'Ana' });
      db.close();
      t.cleanup();
    }
    // With a single shipped migration, an "older" database is one at version 0 that already holds data from
    // before versioning: check the backup rule on a re-run instead.
    const t = tempDir();
    const path = join(t.dir, 'same.sqlite');
    const db = openDatabase(path);
    await migrate(db, migrations, { dbPath: path, now });
    expect((await migrate(db, migrations, { dbPath: path, now })).backupPath).toBeNull();
    db.close();
    t.cleanup();
  });

  it('move the contacts an import created from its change log onto the contacts (version 7), so undo still finds them', async () => {
    const { db, upgrade, done } = await databaseAt(6);
    db.prepare(
      `INSERT INTO imports (id, file_name, status, started_at) VALUES ('imp_old', 'old.csv', 'completed', 'x')`,
    ).run();
    const created = db
      .prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+14155550100', 'x', 'x')`)
      .run().lastInsertRowid;
    const updated = db
      .prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+14155550101', 'x', 'x')`)
      .run().lastInsertRowid;
    db.prepare(`INSERT INTO import_changes (import_id, contact_id, action) VALUES ('imp_old', ?, 'created')`).run(
      created,
    );
    db.prepare(
      `INSERT INTO import_changes (import_id, contact_id, action, previous_json) VALUES ('imp_old', ?, 'updated', '{}')`,
    ).run(updated);
    await upgrade();
    expect(db.prepare('SELECT phone, import_id FROM contacts ORDER BY id').all()).toEqual([
      { phone: '+14155550100', import_id: 'imp_old' },
      { phone: '+14155550101', import_id: null },
    ]);
    expect(db.prepare('SELECT contact_id, action FROM import_changes').all()).toEqual([
      { contact_id: Number(updated), action: 'updated' },
    ]);
    done();
  });

  it('count the outbox by campaign and state when upgrading to version 8', async () => {
    const { db, upgrade, done } = await databaseAt(7);
    const campaign = db
      .prepare(
        `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES ('c', 'b', '{}', 'sandbox', 'x', 'x')`,
      )
      .run().lastInsertRowid;
    const add = db.prepare(
      `INSERT INTO outbox_messages (campaign_id, kind, to_phone, body, provider, state, created_at, updated_at) VALUES (?, ?, '+14155550100', 'b', 'sandbox', ?, 'x', 'x')`,
    );
    for (const state of ['queued', 'queued', 'sent', 'failed']) add.run(campaign, 'campaign', state);
    add.run(null, 'confirmation', 'sent');
    await upgrade();
    expect(db.prepare('SELECT campaign_key, state, n FROM outbox_state_counts ORDER BY 1, 2').all()).toEqual([
      { campaign_key: 0, state: 'sent', n: 1 },
      { campaign_key: Number(campaign), state: 'failed', n: 1 },
      { campaign_key: Number(campaign), state: 'queued', n: 2 },
      { campaign_key: Number(campaign), state: 'sent', n: 1 },
    ]);
    done();
  });

  it('move short searches from three name and email indexes to an index of their starts (version 9), for the contacts indexed so far', async () => {
    const { db, upgrade, done } = await databaseAt(8);
    const add = db.prepare(
      `INSERT INTO contacts (phone, first_name, last_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')`,
    );
    add.run('+14155550100', 'Émile', 'Zola', null);
    add.run('+14155550101', null, null, 'ab@example.com');
    // Created by an import the search indexer has not reached yet.
    db.prepare('UPDATE contact_search_state SET indexed_through = 2').run();
    add.run('+14155550102', 'Anna', 'Smith', null);
    await upgrade();
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'")
      .pluck()
      .all();
    expect(indexes).not.toEqual(expect.arrayContaining(['contacts_first_name']));
    expect(indexes).not.toContain('contacts_last_name');
    expect(indexes).not.toContain('contacts_email');
    const starts = (trigram: string) =>
      db
        .prepare('SELECT rowid FROM contact_starts WHERE contact_starts MATCH ? ORDER BY rowid')
        .pluck()
        .all(`"${trigram}"`);
    expect([starts('^^e'), starts('^em'), starts('^zo'), starts('^ab'), starts('^^a'), starts('^mi')]).toEqual([
      [1],
      [1],
      [1],
      [2],
      [2],
      [],
    ]);
    db.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(starts('^^e')).toEqual([]);
    done();
  });

  it('take a backup and upgrade when a new migration ships, and roll back entirely when one fails', async () => {
    const t = tempDir();
    const path = join(t.dir, 'grow.sqlite');
    const db = openDatabase(path);
    await migrate(db, migrations, { dbPath: path, now });
    db.prepare(`INSERT INTO templates (name, body, created_at, updated_at) VALUES ('Hi', 'Hello', 'x', 'x')`).run();
    const next = latestSchemaVersion + 1;
    const good = [
      ...migrations,
      {
        version: next,
        name: 'add_column',
        up: (d: typeof db) => d.exec('ALTER TABLE templates ADD COLUMN emoji TEXT'),
      },
    ];
    const r = await migrate(db, good, { dbPath: path, now });
    expect(r).toMatchObject({ from: latestSchemaVersion, to: next });
    expect(readdirSync(t.dir).some((f) => f.startsWith('grow.sqlite.v'))).toBe(true);
    const failing = [
      ...good,
      { version: next + 1, name: 'ok_part', up: (d: typeof db) => d.exec('CREATE TABLE half_done (id INTEGER)') },
      { version: next + 2, name: 'broken', up: (d: typeof db) => d.exec('ALTER TABLE no_such_table ADD COLUMN x') },
    ];
    await expect(migrate(db, failing, { dbPath: path, now })).rejects.toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(next);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT name FROM templates').get()).toEqual({ name: 'Hi' });
    db.close();
    t.cleanup();
  });

  it('refuse a database written by a newer app, with a clear message, and change nothing', async () => {
    const t = tempDir();
    const path = join(t.dir, 'newer.sqlite');
    const db = openDatabase(path);
    await migrate(db, migrations, { dbPath: path, now });
    db.pragma(`user_version = ${latestSchemaVersion + 5}`);
    db.close();
    await expect(createApp({ dbPath: path, log: () => undefined })).rejects.toMatchObject({
      code: 'database_too_new',
      message: expect.stringContaining(`schema version ${latestSchemaVersion + 5}`),
    });
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(latestSchemaVersion + 5);
    again.close();
    t.cleanup();
  });

  it('keep the audit tables append-only', async () => {
    const t = tempDir();
    const app = await createApp({ dbPath: join(t.dir, 'a.sqlite'), log: () => undefined });
    app.db
      .prepare(
        `INSERT INTO optout_audit (phone, old_state, new_state, source, actor, at) VALUES ('+14155550100', 'opted_in', 'opted_out', 'manual', 'me', 'x')`,
      )
      .run();
    expect(() => app.db.prepare('DELETE FROM optout_audit').run()).toThrow(/append-only/);
    expect(() => app.db.prepare(`UPDATE optout_audit SET actor = 'x'`).run()).toThrow(/append-only/);
    app.audit('test', 'x');
    expect(() => app.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    await app.close();
    t.cleanup();
  });
});
