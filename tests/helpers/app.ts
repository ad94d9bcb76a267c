import { afterEach, beforeEach } from 'vitest';
import { join } from 'node:path';
import { createApp, type AppConfig, type DeskApp } from '../../electron/app';
import type { Channel, InputOf, OutputOf } from '../../shared/ipc/contract';
import { tempDir } from './db';

/**
 * A fresh app on a fresh database for each test, closed and removed after it. `config` is evaluated per test (a
 * clock built in it starts afresh); `set` receives the app, for a test file's own `app` variable.
 */
export function useTempApp(set: (app: DeskApp) => void, config: () => Omit<AppConfig, 'dbPath'> = () => ({})): void {
  let app: DeskApp | null = null;
  let cleanup = () => {};
  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    app = await createApp({ log: () => undefined, ...config(), dbPath: join(t.dir, 'desk.sqlite') });
    set(app);
  });
  afterEach(async () => {
    await app?.close();
    app = null;
    cleanup();
  });
}

/** Calls an IPC channel through the app's dispatch and returns its value, or throws with the channel's error. */
export async function invokeOk<C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** How the Sandbox provider behaves in a test: receipts at once, and no failures, replies or STOPs unless asked. */
export function sandboxBehaviour(
  app: DeskApp,
  rates: { failureRate?: number; replyRate?: number; stopRate?: number } = {},
): void {
  app.settings.set('sandbox.deliveryDelayMs', 0);
  app.settings.set('sandbox.failureRate', rates.failureRate ?? 0);
  app.settings.set('sandbox.replyRate', rates.replyRate ?? 0);
  app.settings.set('sandbox.stopRate', rates.stopRate ?? 0);
}
