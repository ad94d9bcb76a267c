import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError, isAppError } from '../../shared/errors';
import type { DeskApp } from '../app';
import type { Channel, InputOf, OutputOf } from '../../shared/ipc/contract';

/** Wrong words or options on the command line: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export interface CliContext {
  json: boolean;
  dbPath?: string;
  io: CliIo;
  /** Opens the app (database, migrations) on first use, so `--help` never touches the disk. */
  app(): Promise<DeskApp>;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command<O extends Options = Options> {
  /** Space-separated words, e.g. "settings set". */
  name: string;
  usage: string;
  summary: string;
  options?: O;
  /** How many positional arguments it takes. */
  args?: { min: number; max: number };
  /** Returns the value printed as JSON with --json, and the human text otherwise. */
  run(
    ctx: CliContext,
    parsed: { values: Record<string, unknown>; positionals: string[] },
  ): Promise<{ json: unknown; text: string }>;
}

export function defineCommand<O extends Options>(c: Command<O>): Command {
  return c;
}

export function parseCommandArgs(cmd: Command, argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: cmd.options ?? {}, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(
      `${(err as Error).message.replace(/\. To specify a positional argument.*$/, '')}. Usage: ${cmd.usage}`,
    );
  }
  const { min, max } = cmd.args ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min) throw new UsageError(`missing argument. Usage: ${cmd.usage}`);
  if (parsed.positionals.length > max)
    throw new UsageError(`unexpected argument "${parsed.positionals[max]}". Usage: ${cmd.usage}`);
  return parsed as { values: Record<string, unknown>; positionals: string[] };
}

export function errorExit(err: unknown): { code: string; message: string; exit: 1 | 2 } {
  if (err instanceof UsageError) return { code: 'usage', message: err.message, exit: 2 };
  if (isAppError(err)) return { code: err.code, message: err.message, exit: err.code === 'invalid_input' ? 2 : 1 };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), exit: 1 };
}

/** Unwraps a dispatch result so CLI commands go through the same validated handlers as the UI. */
export async function call<C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.value;
}

/**
 * `call` for an input built from the words on the command line whose types only the channel's schema settles (a
 * `--tone` word, a draft assembled from options): the channel name is still checked here, the input at run time like
 * every transport's, an invalid one ending with exit code 2.
 */
export async function callLoose<C extends Channel>(app: DeskApp, channel: C, input: unknown): Promise<OutputOf<C>> {
  const r = await app.dispatchUntyped(channel, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  // The dispatch answered `channel` with its handler's value, which `Handlers` types by the contract.
  return r.value as OutputOf<C>;
}
