import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { ownRecord } from '../../../shared/own-keys';
import { importOptionsInput } from '../../../shared/ipc/channels/contacts';
import { describeZodError } from '../../ipc/dispatch';
import { engineOptions, countConsentNotStated, indexAllQueuedContacts } from '../../contacts';
import type { DeskApp } from '../../app';
import { call, defineCommand, UsageError, type Command } from '../framework';

const IMPORT_USAGE =
  'import <file> [--country US] [--tag T]... [--map "Header=field"]... [--consent "how they agreed"] [--dry-run] [--on-duplicate skip|update]';

const n = (v: number) => v.toLocaleString('en-US');

/** --map "Mobile Number=phone": the last = splits, since a header may contain one and a field never does. */
export function mapping(values: unknown): Record<string, string> | undefined {
  if (!Array.isArray(values) || !values.length) return undefined;
  // Headers are any text (`constructor`, `__proto__`): an object without a prototype keeps them all.
  const out = ownRecord<string>();
  for (const v of values as string[]) {
    const at = v.lastIndexOf('=');
    if (at <= 0 || at === v.length - 1)
      throw new UsageError(`--map needs "Header=field", got "${v}". Usage: ${IMPORT_USAGE}`);
    out[v.slice(0, at).trim()] = v.slice(at + 1).trim();
  }
  return out;
}

/**
 * Indexes every contact waiting for search in bulk (indexAllQueuedContacts), with the log's checkpoints in a worker
 * thread (as a campaign snapshot does) so that this thread only indexes.
 */
async function indexNewContacts(app: DeskApp): Promise<void> {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const releaseCheckpoints = app.walCheckpoints.offload();
  try {
    indexAllQueuedContacts(app.db);
  } finally {
    await releaseCheckpoints();
  }
  // For npm run bench -- import-search: how long the search index took, apart from the import, and the process's
  // CPU time meanwhile (all threads: the import's last checkpoint runs alongside).
  if (process.env.SMS_DESK_TIMINGS) {
    const cpu = process.cpuUsage(cpuBefore);
    process.stderr.write(
      `search index: ${Math.round(performance.now() - start)} ms (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms)\n`,
    );
  }
}

export const importCommands: Command[] = [
  defineCommand({
    name: 'import',
    usage: IMPORT_USAGE,
    summary: 'Import contacts from a CSV or vCard file and print the report (--dry-run writes nothing).',
    args: { min: 1, max: 1 },
    options: {
      country: { type: 'string' },
      tag: { type: 'string', multiple: true },
      map: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      'on-duplicate': { type: 'string' },
      consent: { type: 'string' },
    },
    async run(ctx, { values, positionals: [file] }) {
      const onDuplicate = values['on-duplicate'] ?? 'skip';
      if (onDuplicate !== 'skip' && onDuplicate !== 'update')
        throw new UsageError(
          `--on-duplicate must be skip or update, got "${String(onDuplicate)}". Usage: ${IMPORT_USAGE}`,
        );
      const path = resolve(file);
      if (!existsSync(path) || !statSync(path).isFile())
        throw new AppError('not_found', `There is no file at ${path}.`);
      const app = await ctx.app();
      const parsed = importOptionsInput.safeParse({
        defaultCountry:
          typeof values.country === 'string' ? values.country : app.settings.get('contacts.defaultCountry'),
        onDuplicate,
        ...(Array.isArray(values.tag) ? { tags: values.tag } : {}),
        ...(mapping(values.map) ? { mapping: mapping(values.map) } : {}),
        ...(typeof values.consent === 'string' ? { consent: values.consent } : {}),
      });
      if (!parsed.success)
        throw new UsageError(
          `${describeZodError(parsed.error).replace(/^defaultCountry/, '--country')}. Usage: ${IMPORT_USAGE}`,
        );
      const dryRun = values['dry-run'] === true;
      const importId = app.contacts.imports.start(
        { path, fileName: basename(path) },
        engineOptions(parsed.data, basename(path)),
        dryRun,
        // Nothing else waits for the database here: a big file is loaded in one transaction (ImportControl.bulk).
        true,
      );
      // Index the new contacts for search as soon as they are committed, so that searching them is fast from the
      // first moment: meanwhile the import's threads stop and its checkpoint worker copies its log back.
      if (!dryRun && (await app.contacts.imports.written(importId))) await indexNewContacts(app);
      const job = await app.contacts.imports.settled(importId);
      if (job.state !== 'done' || !job.report)
        throw new AppError(
          (job.error?.code ?? 'internal') as AppError['code'],
          job.error?.message ?? 'The import did not finish.',
        );
      const { counts, rejects } = job.report;
      const notStated = dryRun ? 0 : await countConsentNotStated(app.kdb, importId);
      const json = {
        importId,
        rows: counts.rows,
        imported: counts.imported,
        updated: counts.updated,
        duplicates: counts.duplicates,
        invalid: counts.invalid,
        rejects,
      };
      const text = [
        `${dryRun ? 'Dry run of' : 'Imported'} ${job.fileName} (${importId})${dryRun ? ': nothing was written.' : '.'}`,
        `  rows read          ${n(counts.rows)}`,
        `  new contacts       ${n(counts.imported)}${counts.notTextable ? `  (${n(counts.notTextable)} without SMS consent: not textable)` : ''}`,
        ...(notStated
          ? [
              `  SMS consent not stated for ${n(notStated)} new contacts: they are kept but not textable. Record how they agreed on the Contacts page, or undo and import again with --consent "how they agreed".`,
            ]
          : []),
        `  updated            ${n(counts.updated)}`,
        `  unchanged          ${n(counts.unchanged)}`,
        `  duplicates         ${n(counts.duplicates)}`,
        `  invalid (skipped)  ${n(counts.invalid)}`,
        ...rejects.slice(0, 10).map((r) => `    row ${r.row}: ${r.reason}`),
        ...(rejects.length > 10 || counts.invalid > rejects.length
          ? [
              `    … ${n(counts.invalid - Math.min(10, rejects.length))} more (the Contacts page offers every rejected row as a CSV)`,
            ]
          : []),
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'imports list',
    usage: 'imports list',
    summary: 'Past imports, newest first, with what each did and whether it was undone.',
    async run(ctx) {
      const rows = await call(await ctx.app(), 'imports:list', { limit: 1000 });
      const json = rows.map((r) => ({
        id: r.id,
        fileName: r.fileName,
        status: r.status,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        undoneAt: r.undoneAt,
        rows: r.counts?.rows ?? null,
        imported: r.counts?.imported ?? null,
        updated: r.counts?.updated ?? null,
        duplicates: r.counts?.duplicates ?? null,
        invalid: r.counts?.invalid ?? null,
      }));
      const text = rows.length
        ? rows
            .map((r) => {
              const c = r.counts
                ? `  ${n(r.counts.imported)} new, ${n(r.counts.updated)} updated, ${n(r.counts.invalid)} invalid of ${n(r.counts.rows)} rows`
                : '';
              return `${r.id}  ${r.startedAt.slice(0, 16).replace('T', ' ')}  ${r.status.padEnd(11)}  ${r.fileName}${c}`;
            })
            .join('\n')
        : 'No imports yet.';
      return { json, text };
    },
  }),
  defineCommand({
    name: 'imports undo',
    usage: 'imports undo <id>',
    summary: 'Undo an import: remove the contacts it created and put back what it changed (opt-outs are never undone).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [importId] }) {
      const r = await call(await ctx.app(), 'imports:undo', { importId });
      const kept = r.keptOptedOut.length + r.keptWithHistory.length;
      const text = [
        `Undid import ${r.importId}: removed ${n(r.removed)} contacts, restored ${n(r.restored)}.`,
        ...(kept
          ? [
              `Kept ${n(kept)} contacts it created because they opted out or in, or have messages, since (the import's tags were taken off them).`,
            ]
          : []),
        ...(r.keptLaterEdits
          ? [`Left ${n(r.keptLaterEdits)} values alone because they were changed after the import.`]
          : []),
      ].join('\n');
      return { json: r, text };
    },
  }),
];
