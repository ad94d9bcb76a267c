import { writePrivateFile } from '../../security/private-files';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { CONSENT_SOURCE_LABEL, CONSENT_SOURCES, type OptOutReportRow } from '../../../shared/ipc/channels/optouts';
import type { DeskApp } from '../../app';
import { call, defineCommand, UsageError, type Command } from '../framework';

const FILTER_OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  source: { type: 'string' },
  search: { type: 'string' },
} as const;

/** The report filters from the command line, checked before the database is opened. */
function filterFrom(values: Record<string, unknown>, usage: string): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const name of ['since', 'until'] as const) {
    const v = values[name];
    if (typeof v !== 'string') continue;
    if (Number.isNaN(Date.parse(v)))
      throw new UsageError(
        `--${name} must be a date such as 2026-11-28 or 2026-11-28T15:00:00Z, got "${v}". Usage: ${usage}`,
      );
    filter[name] = v;
  }
  if (typeof values.source === 'string') {
    if (!(CONSENT_SOURCES as readonly string[]).includes(values.source)) {
      throw new UsageError(
        `--source must be one of ${CONSENT_SOURCES.join(', ')}, got "${values.source}". Usage: ${usage}`,
      );
    }
    filter.source = values.source;
  }
  if (typeof values.search === 'string') filter.search = values.search;
  return filter;
}

async function allRows(app: DeskApp, filter: Record<string, string>): Promise<OptOutReportRow[]> {
  const rows: OptOutReportRow[] = [];
  for (;;) {
    const page = await call(app, 'optouts:report', { ...filter, limit: 1000, offset: rows.length });
    rows.push(...page.rows);
    if (!page.rows.length || rows.length >= page.total) return rows;
  }
}

const LIST_USAGE = 'optouts list [--since ISO] [--until ISO] [--source S] [--search text] [--all]';
const EXPORT_USAGE = 'optouts export <file> [--since ISO] [--until ISO] [--source S] [--search text]';

export const optOutCommands: Command[] = [
  defineCommand({
    name: 'optouts list',
    usage: LIST_USAGE,
    summary:
      'Opt-outs, newest first: who, when, how (keyword, manual, provider, import) and the message; --all adds opt-ins.',
    options: { ...FILTER_OPTIONS, all: { type: 'boolean' } },
    async run(ctx, { values }) {
      const filter = filterFrom(values, LIST_USAGE);
      const all = values.all === true;
      const rows = await allRows(await ctx.app(), all ? filter : { ...filter, state: 'opted_out' });
      const json = rows.map((r) => ({
        phone: r.phone,
        at: r.at,
        source: r.source,
        ...(r.message !== null ? { message: r.message } : {}),
        ...(all ? { state: r.newState } : {}),
      }));
      const text = rows.length
        ? rows
            .map((r) => {
              const change = all ? `${r.newState === 'opted_out' ? 'opted out' : 'opted in '}  ` : '';
              return `${r.at.slice(0, 16).replace('T', ' ')}  ${r.phone}  ${change}${CONSENT_SOURCE_LABEL[r.source] ?? r.source}${r.message ? `  "${r.message}"` : ''}`;
            })
            .join('\n')
        : 'No opt-outs.';
      return { json, text };
    },
  }),
  defineCommand({
    name: 'optouts export',
    usage: EXPORT_USAGE,
    summary: 'Write every consent change (opt-outs and opt-ins) matching the filters to a CSV file.',
    options: FILTER_OPTIONS,
    args: { min: 1, max: 1 },
    async run(ctx, { values, positionals: [file] }) {
      const filter = filterFrom(values, EXPORT_USAGE);
      const out = await call(await ctx.app(), 'optouts:exportCsv', filter);
      const path = resolve(file);
      try {
        writePrivateFile(path, out.csv);
      } catch (err) {
        throw new AppError('internal', `Could not write ${path}: ${(err as Error).message}`);
      }
      return {
        json: { file: path, rows: out.rows },
        text: `Wrote ${out.rows} consent change${out.rows === 1 ? '' : 's'} to ${path}.`,
      };
    },
  }),
];
