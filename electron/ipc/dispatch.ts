import type { z } from 'zod';
import { contract, isChannel, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { isAppError } from '../../shared/errors';

export type Handler<C extends Channel> = (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
export type Handlers = { [C in Channel]: Handler<C> };
export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/** "limit: Too big: expected number to be <=1000" — names the field so the caller can fix it. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : 'input';
      if (issue.code === 'unrecognized_keys') return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: required`;
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * The single entry point from any transport (Electron IPC, harness HTTP, tests) into the core:
 * validates the input against the contract before a handler sees it and never lets a stack trace out.
 */
export function createDispatch(handlers: Handlers, log: (msg: string, err?: unknown) => void = () => {}): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${JSON.stringify(channel)}.` } };
    }
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${channel}: ${describeZodError(parsed.error)}.` } };
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
