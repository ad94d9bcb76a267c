import type { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { isAppError } from '../../shared/errors';

export type Handler<C extends Channel> = (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
export type Handlers = { [C in Channel]: Handler<C> };
/** What a transport (Electron IPC, the harness's HTTP) hands in: any name and input, both checked against the contract. */
export type UntypedDispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;
/** In-process callers (the CLI, tests) name a channel of the contract: its input and output types follow from the name. */
export type Dispatch = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

/** "limit: Too big: expected number to be <=1000" — names the field so the caller can fix it. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : 'input';
      if (issue.code === 'unrecognized_keys')
        return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: required`;
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * The single entry point from any transport (Electron IPC, harness HTTP, tests) into the core:
 * validates the input against the contract before a handler sees it and never lets a stack trace out.
 */
export function createDispatch(
  handlers: Handlers,
  log: (msg: string, err?: unknown) => void = () => {},
): UntypedDispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${JSON.stringify(channel)}.` } };
    }
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: `Invalid input for ${channel}: ${describeZodError(parsed.error)}.` },
      };
    }
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (isAppError(err)) return { ok: false, error: { code: err.code, message: err.message } };
      log(`handler ${channel} failed`, err);
      const detail = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message: `Something went wrong in ${channel}: ${detail}` } };
    }
  };
}

/**
 * The same entry point, typed by the contract for in-process callers. The input is still validated at run time, and
 * the value is the one the channel's handler returned: `Handlers` types each handler's output by the same contract.
 */
export function typedDispatch(dispatch: UntypedDispatch): Dispatch {
  return <C extends Channel>(channel: C, input: InputOf<C>) => dispatch(channel, input) as Promise<Result<OutputOf<C>>>;
}
