import type { DeskApp } from '../../electron/app';

/** Calls an IPC channel through the app's dispatch and returns its value, or throws with the channel's error. */
export async function invokeOk<T>(app: DeskApp, channel: string, input: unknown): Promise<T> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
