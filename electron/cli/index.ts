import { createApp, type DeskApp } from '../app';
import { errorExit, parseCommandArgs, UsageError, type CliIo, type Command } from './framework';
import { terminalSafe } from './terminal-text';
import { systemCommands } from './commands/system';
import { templateCommands } from './commands/templates';
import { campaignCommands } from './commands/campaigns';
import { abTestCommands } from './commands/abtests';
import { relayCommands } from './commands/relay';
import { optOutCommands } from './commands/optouts';
import { inboxCommands } from './commands/inbox';
import { monitoringCommands } from './commands/monitoring';
import { importCommands } from './commands/imports';
import { contactCommands } from './commands/contacts';
import { contactChannelCommands } from './commands/contacts-channels';
import { campaignActionCommands } from './commands/campaign-actions';
import { segmentCommands } from './commands/segments';
import { fieldCommands } from './commands/fields';
import { seriesCommands } from './commands/series';
import { reportCommands } from './commands/reports';
import { analyticsCommands } from './commands/analytics';
import { aiCommands } from './commands/ai';

import { engagementCommands } from './commands/engagement';
import { insightCommands } from './commands/insights';
import { quickbooksCommands } from './commands/quickbooks';
import { deliverabilityCommands } from './commands/deliverability';

/** Every command; domains append theirs. */
export const commands: Command[] = [
  ...systemCommands,
  ...templateCommands,
  ...campaignCommands,
  ...abTestCommands,
  ...relayCommands,
  ...optOutCommands,
  ...inboxCommands,
  ...monitoringCommands,
  ...importCommands,
  ...contactCommands,
  ...contactChannelCommands,
  ...fieldCommands,
  ...campaignActionCommands,
  ...segmentCommands,
  ...seriesCommands,
  ...reportCommands,
  ...analyticsCommands,
  ...engagementCommands,
  ...insightCommands,
  ...aiCommands,
  ...quickbooksCommands,
  ...deliverabilityCommands,
];

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'SMS Campaign Desk — command line',
    '',
    'Usage: npm run -s cli -- [--db <file>] [--json] <command> [options]',
    '',
    'Global options:',
    "  --db <file>   database file (default: the app's own, in its data folder; env SMS_DESK_DB);",
    '                a postgres:// URL is checked, then refused: team mode is not finished yet',
    '  --json        print one JSON document on stdout',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 success, 1 failure, 2 usage error.',
  ].join('\n');
}

/** Pulls the global options out of argv wherever they appear. */
function splitGlobals(argv: string[]): { db?: string; json: boolean; help: boolean; rest: string[] } {
  const rest: string[] = [];
  let db: string | undefined;
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a === '--db') {
      db = argv[++i];
      if (db === undefined) throw new UsageError('--db needs a file path');
    } else if (a.startsWith('--db=')) db = a.slice(5);
    else rest.push(a);
  }
  return { db, json, help, rest };
}

function findCommand(rest: string[]): { cmd: Command; args: string[] } | null {
  let best: { cmd: Command; args: string[] } | null = null;
  for (const cmd of commands) {
    const words = cmd.name.split(' ');
    if (words.every((w, i) => rest[i] === w) && (!best || words.length > best.cmd.name.split(' ').length)) {
      best = { cmd, args: rest.slice(words.length) };
    }
  }
  return best;
}

/** Runs one command; returns the exit code. Output goes through `io` so tests capture it. */
export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let json = argv.includes('--json');
  let app: DeskApp | null = null;
  try {
    const g = splitGlobals(argv);
    json = g.json;
    if (g.help || g.rest.length === 0) {
      io.stdout(helpText());
      return g.help ? 0 : 2;
    }
    const found = findCommand(g.rest);
    if (!found) throw new UsageError(`unknown command "${g.rest.join(' ')}". Run with --help to see the commands.`);
    const parsed = parseCommandArgs(found.cmd, found.args);
    const ctx = {
      json,
      dbPath: g.db,
      io,
      app: async () => (app ??= await createApp({ dbPath: g.db ?? env.SMS_DESK_DB, log: () => undefined })),
    };
    const result = await found.cmd.run(ctx, parsed);
    io.stdout(json ? JSON.stringify(result.json, null, 2) : terminalSafe(result.text));
    return 0;
  } catch (err) {
    const e = errorExit(err);
    const oneLine = e.message.replace(/\s*\n\s*/g, ' ');
    io.stderr(json ? JSON.stringify({ error: { code: e.code, message: oneLine } }) : `error: ${terminalSafe(oneLine)}`);
    return e.exit;
  } finally {
    if (app) await (app as DeskApp).close();
  }
}
