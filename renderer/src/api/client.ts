import type { Channel, EventName, EventPayload, InputOf, OutputOf } from '../../../shared/ipc/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { transport } from './transport';

export class ApiError extends Error {
  readonly code: ErrorInfo['code'];
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
  }
}

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** `api.contacts.list({ ... })` — typed from the contract; the renderer never writes channel strings. */
type ChannelOf<D extends string, V extends string> = Extract<Channel, `${D}:${V}`>;
export type Api = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D>]: (input: InputOf<ChannelOf<D, V>>) => Promise<OutputOf<ChannelOf<D, V>>>;
  };
};

export async function invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await transport.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as OutputOf<C>;
}

export const api = new Proxy({} as Api, {
  get: (_t, domain: string) =>
    new Proxy(
      {},
      { get: (_t2, verb: string) => (input: unknown) => invoke(`${domain}:${verb}` as Channel, input as never) },
    ),
});

export function onEvent<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void {
  return transport.on(name, cb as (p: unknown) => void);
}

export const transportKind = transport.kind;
