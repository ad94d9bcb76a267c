import { createServer } from 'node:net';
import { vi, expect } from 'vitest';
import { createApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';
import { platform, StandInBrowserWindow } from './electron-stand-in';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * Boots electron/main as the platform would — import (before ready), then ready — on a fresh data folder, and
 * resolves with its window and what it had registered before ready. The test file must `vi.mock('electron', …)`
 * with the stand-in; everything of ours underneath (the core, its database, the secrets file) is real.
 */
export async function bootMain(options: { packaged: boolean; devUrl?: string }) {
  const t = tempDir('smsdesk-main-');
  // A free relay port, so the app's relay never competes for the default 8787.
  const setup = await createApp({ dbPath: `${t.dir}/desk.sqlite`, dataDir: t.dir, log: () => undefined });
  setup.settings.set('webhooks.port', await freePort());
  await setup.close();
  platform.reset({ packaged: options.packaged, userData: t.dir });
  if (options.devUrl) process.env.ELECTRON_RENDERER_URL = options.devUrl;
  await import('../../../electron/main/index');
  const beforeReady = {
    schemes: [...platform.privilegedSchemes],
    protocolHandlers: platform.protocolHandlers.size,
    ipcHandlers: platform.ipcHandlers.size,
  };
  platform.markReady();
  await vi.waitFor(() => expect(StandInBrowserWindow.created[0]?.loaded).toHaveLength(1), {
    timeout: 30_000,
    interval: 50,
  });
  return {
    win: StandInBrowserWindow.created[0],
    beforeReady,
    /** Quits as the platform would (the app's will-quit handler closes the core), then removes the data folder. */
    async quit() {
      platform.app.emit('will-quit');
      await new Promise((resolve) => setTimeout(resolve, 100));
      delete process.env.ELECTRON_RENDERER_URL;
      t.cleanup();
    },
  };
}

/** A navigation event as Electron passes it to will-navigate / will-redirect handlers. */
export function navigationEvent() {
  const event = {
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}
