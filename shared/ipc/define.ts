import type { z } from 'zod';

/**
 * A channel: a zod schema for its input and a phantom type for its output.
 * The output is never validated at runtime (main produces it), only typed.
 */
export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });
}

/** Event channels carry a payload type only. */
export interface EventDef<P> {
  payload?: P;
}
export function event<P>(): EventDef<P> {
  return {};
}
