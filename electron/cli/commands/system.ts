import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { isSecretName, isSettingKey, secretNames, settingKeys } from '../../../shared/settings';
import { coerceSettingText } from '../../settings/store';
import { backupDatabase } from '../../db/connection';
import { migrateToPostgres } from './move-to-postgres';
import { call, defineCommand, UsageError, type Command } from '../framework';

const fmt = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export const systemCommands: Command[] = [
  defineCommand({
    name: 'doctor',
    usage: 'doctor [--json]',
    summary: 'Data folder, database, schema version, integrity, provider and where secrets are kept.',
    async run(ctx) {
      const app = await ctx.app();
      const info = await call(app, 'app:info', {});
      const health = await call(app, 'app:dbHealth', { full: true });
      const doc = {
        version: info.version,
        dataDir: info.dataDir,
        databasePath: info.databasePath,
        schemaVersion: info.schemaVersion,
        latestSchemaVersion: info.latestSchemaVersion,
        integrity: health.integrity,
        databaseBytes: health.sizeBytes,
        provider: info.provider,
        secretStorage: info.secretStorage,
        node: process.version,
      };
      const text = [
        `SMS Campaign Desk ${doc.version}`,
        `Data folder:     ${doc.dataDir}`,
        `Database:        ${doc.databasePath} (${(doc.databaseBytes / 1024).toFixed(0)} KB)`,
        `Schema version:  ${doc.schemaVersion} (this app knows up to ${doc.latestSchemaVersion})`,
        `Integrity:       ${doc.integrity}`,
        `Provider:        ${doc.provider}`,
        `Secret storage:  ${doc.secretStorage.backend} — ${doc.secretStorage.note}`,
      ].join('\n');
      return { json: doc, text };
    },
  }),
  defineCommand({
    name: 'settings list',
    usage: 'settings list [--json]',
    summary: 'Every setting with its value and default.',
    async run(ctx) {
      const rows = await call(await ctx.app(), 'settings:list', {});
      return {
        json: rows,
        text: rows.map((r) => `${r.key} = ${fmt(r.value)}${r.isDefault ? '  (default)' : ''}`).join('\n'),
      };
    },
  }),
  defineCommand({
    name: 'settings get',
    usage: 'settings get <name>',
    summary: 'One setting.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [key] }) {
      if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}". Known: ${settingKeys.join(', ')}`);
      const row = await call(await ctx.app(), 'settings:get', { key });
      return { json: row, text: fmt(row.value) };
    },
  }),
  defineCommand({
    name: 'settings set',
    usage: 'settings set <name> <value>',
    summary: 'Change a setting (takes effect for the app and the CLI).',
    args: { min: 2, max: 2 },
    async run(ctx, { positionals: [key, text] }) {
      if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}". Known: ${settingKeys.join(', ')}`);
      const row = await call(await ctx.app(), 'settings:set', { key, value: coerceSettingText(key, text) });
      return { json: row, text: `${key} = ${fmt(row.value)}` };
    },
  }),
  defineCommand({
    name: 'settings reset',
    usage: 'settings reset <name>',
    summary: 'Put a setting back to its default.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [key] }) {
      if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}". Known: ${settingKeys.join(', ')}`);
      const row = await call(await ctx.app(), 'settings:reset', { key });
      return { json: row, text: `${key} = ${fmt(row.value)} (default)` };
    },
  }),
  defineCommand({
    name: 'secrets list',
    usage: 'secrets list [--json]',
    summary: 'Which secrets are set (names only, never values).',
    async run(ctx) {
      const rows = await call(await ctx.app(), 'secrets:list', {});
      return {
        json: rows,
        text: rows.map((r) => `${r.name}: ${r.isSet ? `set (${r.backend})` : 'not set'}`).join('\n'),
      };
    },
  }),
  defineCommand({
    name: 'secrets set',
    usage: 'secrets set <name> [value]   (without a value, reads it from standard input)',
    summary: 'Store a secret. Prefer standard input so the value stays out of your shell history.',
    args: { min: 1, max: 2 },
    async run(ctx, { positionals: [name, given] }) {
      if (!isSecretName(name)) throw new UsageError(`unknown secret "${name}". Known: ${secretNames.join(', ')}`);
      const value = (given ?? (await ctx.io.readStdin())).trim();
      if (!value) throw new UsageError(`no value given for ${name}: pass it as an argument or on standard input`);
      const row = await call(await ctx.app(), 'secrets:set', { name, value });
      return {
        json: { name: row.name, isSet: row.isSet, backend: row.backend },
        text: `${name} stored (${row.backend}).`,
      };
    },
  }),
  defineCommand({
    name: 'secrets delete',
    usage: 'secrets delete <name>',
    summary: 'Remove a secret.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [name] }) {
      if (!isSecretName(name)) throw new UsageError(`unknown secret "${name}". Known: ${secretNames.join(', ')}`);
      const row = await call(await ctx.app(), 'secrets:delete', { name });
      return { json: { name: row.name, isSet: row.isSet }, text: `${name} deleted.` };
    },
  }),
  defineCommand({
    name: 'db backup',
    usage: 'db backup <file>',
    summary: 'Write a consistent copy of the database (safe while the app runs).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [file] }) {
      const target = resolve(file);
      if (existsSync(target))
        throw new AppError('conflict', `${target} already exists; choose a new file name so nothing is overwritten.`);
      const app = await ctx.app();
      const result = await backupDatabase(app.db, target);
      return {
        json: { file: target, pages: result.totalPages },
        text: `Backed up ${result.totalPages} pages to ${target}.`,
      };
    },
  }),
  migrateToPostgres,
  defineCommand({
    name: 'db check',
    usage: 'db check [--json]',
    summary: 'Run PRAGMA integrity_check on the database.',
    async run(ctx) {
      const health = await call(await ctx.app(), 'app:dbHealth', { full: true });
      if (!health.ok) throw new AppError('database_error', `Database integrity check failed: ${health.integrity}`);
      return { json: health, text: `integrity: ${health.integrity}` };
    },
  }),
];
