import { app, BrowserWindow, ipcMain, Notification, powerSaveBlocker, protocol, session, shell, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type DeskApp } from '../app';
import { recoverInterruptedImports } from '../contacts/import';
import { resolvePaths } from '../paths';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { createSecretStore } from './secrets';
import { restoredBounds, trackWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = normalize(join(here, '../renderer'));
const devUrl = process.env.ELECTRON_RENDERER_URL;
const APP_ORIGIN = 'app://desk';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json' };

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

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

  /** Our renderer, from the packaged files, under a custom secure origin so the CSP's 'self' means exactly it. */
  function serveRenderer(): void {
    protocol.handle('app', async (request) => {
      const url = new URL(request.url);
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = normalize(join(rendererDir, rel));
      if (!file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
      try {
        const body = await readFile(file);
        return new Response(body, { headers: { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });
  }

  function isOurFrame(sender: WebContents, frameUrl: string | undefined): boolean {
    if (!win || sender.id !== win.webContents.id || !frameUrl) return false;
    const origin = new URL(frameUrl).origin;
    return origin === APP_ORIGIN || (!!devUrl && origin === new URL(devUrl).origin);
  }

  function harden(contents: WebContents): void {
    contents.on('will-navigate', (event, url) => {
      const origin = new URL(url).origin;
      if (origin !== APP_ORIGIN && !(devUrl && origin === new URL(devUrl).origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // A link the user clicked opens in their browser — only http(s), never file:, javascript: or custom schemes.
      const protocolName = new URL(url).protocol;
      if (protocolName === 'https:' || protocolName === 'http:') void shell.openExternal(url);
      return { action: 'deny' };
    });
  }

  async function createWindow(): Promise<void> {
    const state = restoredBounds();
    win = new BrowserWindow({
      ...state.bounds,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'SMS Campaign Desk',
      webPreferences: {
        preload: join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        spellcheck: true,
      },
    });
    if (state.maximized) win.maximize();
    trackWindowState(win);
    harden(win.webContents);
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => (win = null));
    await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  }

  app.on('web-contents-created', (_e, contents) => harden(contents));

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    if (devUrl) {
      // Vite's dev server injects its HMR client; allow exactly that origin and its websocket in development only.
      const dev = new URL(devUrl);
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: {
            ...details.responseHeaders,
            'Content-Security-Policy': [`${CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' ${dev.origin} 'unsafe-inline'`).replace("connect-src 'self'", `connect-src 'self' ws://${dev.host}`).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")}`],
          },
        });
      });
    }
    serveRenderer();

    const paths = resolvePaths({ db: process.env.SMS_DESK_DB, env: { ...process.env, SMS_DESK_DATA_DIR: process.env.SMS_DESK_DATA_DIR ?? app.getPath('userData') } });
    const nativeBinding = [join(app.getAppPath(), '.electron-native/better_sqlite3.node')].find((p) => !app.isPackaged && existsSync(p));
    try {
      desk = await createApp({ dbPath: paths.dbPath, dataDir: paths.dataDir, secrets: createSecretStore(paths), nativeBinding });
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
      if (!isOurFrame(event.sender, event.senderFrame?.url)) return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the app window.' } };
      return core.dispatch(channel, input);
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
      core.events.emit('app:notify', { title: 'Webhook relay could not start', body: `${err.message}. Change webhooks.port in Settings.`, level: 'error' });
    });
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    if (blocker !== null) powerSaveBlocker.stop(blocker);
    void desk?.close();
  });
}
