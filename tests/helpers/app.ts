import type { DeskApp } from '../../electron/app';

/** Calls an IPC channel through the app's dispatch and returns its value, or throws with the channel's error. */
export async function invokeOk<T>(app: DeskApp, channel: string, input: unknown): Promise<T> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** How the Sandbox provider behaves in a test: receipts at once, and no failures, replies or STOPs unless asked. */
export function sandboxBehaviour(app: DeskApp, rates: { failureRate?: number; replyRate?: number; stopRate?: number } = {}): void {
  app.settings.set('sandbox.deliveryDelayMs', 0);
  app.settings.set('sandbox.failureRate', rates.failureRate ?? 0);
  app.settings.set('sandbox.replyRate', rates.replyRate ?? 0);
  app.settings.set('sandbox.stopRate', rates.stopRate ?? 0);
}
