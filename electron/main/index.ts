import { app, BrowserWindow, ipcMain, Notification, powerSaveBlocker, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type DeskApp } from '../app';
import { recoverInterruptedImports } from '../contacts/import';
import { resolvePaths } from '../paths';
import { allowDevServer, registerAppScheme, serveRenderer } from './renderer-protocol';
import { createSecretStore } from './secrets';
import { APP_ORIGIN, hardenContents, isOurFrame, refusePermissions, windowWebPreferences } from './security';
import { restoredBounds, trackWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = normalize(join(here, '../renderer'));
// A packaged app never takes its page from the environment: ELECTRON_RENDERER_URL would load any site with our preload.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const harden = { devUrl, packaged: app.isPackaged, openExternal: (url: string) => void shell.openExternal(url) };

registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let desk: DeskApp | null = null;
  let blocker: number | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  async function createWindow(): Promise<void> {
    const state = restoredBounds();
    win = new BrowserWindow({
      ...state.bounds,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'SMS Campaign Desk',
      webPreferences: windowWebPreferences(join(here, '../preload/index.cjs'), app.isPackaged),
    });
    if (state.maximized) win.maximize();
    trackWindowState(win);
    hardenContents(win.webContents, harden);
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => (win = null));
    await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  }

  app.on('web-contents-created', (_e, contents) => hardenContents(contents, harden));

  app
    .whenReady()
    .then(async () => {
      refusePermissions(session.defaultSession);
      if (devUrl) allowDevServer(session.defaultSession, devUrl);
      serveRenderer(protocol, rendererDir);

      const nativeBinding = [join(app.getAppPath(), '.electron-native/better_sqlite3.node')].find(
        (p) => !app.isPackaged && existsSync(p),
      );
      try {
        // Inside the try: a PostgreSQL URL in SMS_DESK_DB is refused with a message the dialog shows.
        const paths = resolvePaths({
          db: process.env.SMS_DESK_DB,
          env: { ...process.env, SMS_DESK_DATA_DIR: process.env.SMS_DESK_DATA_DIR ?? app.getPath('userData') },
        });
        desk = await createApp({
          dbPath: paths.dbPath,
          dataDir: paths.dataDir,
          secrets: createSecretStore(paths),
          nativeBinding,
          quickbooks: { openExternal: harden.openExternal },
        });
      } catch (err) {
        const { dialog } = await import('electron');
        dialog.showErrorBox('SMS Campaign Desk cannot open its database', (err as Error).message);
        app.quit();
        return;
      }
      const core = desk;
      // Only the desktop app does this: the CLI shares the database and must not undo an import the app is running.
      recoverInterruptedImports(core.db, core.now);

      ipcMain.handle('desk:invoke', async (event, channel: unknown, input: unknown) => {
        if (!isOurFrame(event.sender, event.senderFrame?.url, win, devUrl))
          return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the app window.' } };
        return core.dispatchUntyped(channel, input);
      });
      core.events.subscribe((name, payload) => {
        win?.webContents.send('desk:event', name, payload);
        if (name === 'campaign:progress') {
          const p = payload as { campaignId: number; total: number; counts: Record<string, number> };
          const active = (p.counts.queued ?? 0) + (p.counts.sending ?? 0) + (p.counts.retry_wait ?? 0);
          // Keep the laptop awake while a campaign is sending; let it sleep as soon as nothing is left.
          if (active > 0 && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
          if (active === 0 && blocker !== null) {
            powerSaveBlocker.stop(blocker);
            blocker = null;
          }
        }
        if (name === 'app:notify' && Notification.isSupported()) {
          const n = payload as { title: string; body: string };
          new Notification({ title: n.title, body: n.body }).show();
        }
      });
      core.startJobs();
      // The relay is how replies, STOPs and receipts arrive; if its port is taken, say so instead of failing silently.
      core.startRelay().catch((err: Error) => {
        core.events.emit('app:notify', {
          title: 'Webhook relay could not start',
          body: `${err.message}. Change webhooks.port in Settings.`,
          level: 'error',
        });
      });
      await createWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0)
          createWindow().catch((err: unknown) => console.error('Could not open the window:', err));
      });
    })
    .catch((err: unknown) => {
      // Start-up failed past the database (the window, the protocol): say why and quit rather than run windowless.
      console.error('SMS Campaign Desk could not start:', err);
      app.quit();
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    if (blocker !== null) powerSaveBlocker.stop(blocker);
    void desk?.close();
  });
}
