import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bootMain, navigationEvent } from './boot';
import { platform, StandInWebContents, type StandInBrowserWindow } from './electron-stand-in';

// electron/main, packaged, against the recording stand-in of the platform (see electron-stand-in.ts).
vi.mock('electron', async () => {
  const { electron } = await import('./electron-stand-in');
  return { ...electron, default: electron };
});

let win: StandInBrowserWindow;
let beforeReady: Awaited<ReturnType<typeof bootMain>>['beforeReady'];
let quit: () => Promise<void>;
beforeAll(async () => {
  // ELECTRON_RENDERER_URL is set, as an attacker could: a packaged app must ignore it.
  ({ win, beforeReady, quit } = await bootMain({ packaged: true, devUrl: 'https://evil.example' }));
});
afterAll(() => quit());

describe('electron/main in a packaged build', () => {
  it('opens one sandboxed, isolated window with no Node, no <webview> and no DevTools, on our own origin', async () => {
    expect(win.options.webPreferences).toEqual({
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
      spellcheck: true,
    });
    // ELECTRON_RENDERER_URL is a development aid: a packaged app never loads a page named by the environment.
    expect(win.loaded).toEqual(['app://desk/index.html']);
    expect(platform.headersReceived).toBeNull();
    // DevTools opened anyway (a menu accelerator, say) are shut again.
    win.webContents.emit('devtools-opened');
    expect(win.webContents.devToolsClosed).toBe(1);
  });

  it('keeps every web contents on our origin: navigations, redirects, webviews and new windows', async () => {
    platform.openedExternally.length = 0;
    const later = new StandInWebContents();
    platform.app.emit('web-contents-created', {}, later);
    for (const contents of [win.webContents, later]) {
      for (const event of ['will-navigate', 'will-redirect']) {
        for (const [url, allowed] of [
          ['app://desk/index.html#/contacts', true],
          ['https://evil.example/', false],
          ['file:///etc/passwd', false],
          ['not a url', false],
          ['http://localhost:5173/', false],
        ] as const) {
          const e = navigationEvent();
          contents.emit(event, e, url);
          expect([event, url, e.prevented]).toEqual([event, url, !allowed]);
        }
      }
      const webview = navigationEvent();
      contents.emit('will-attach-webview', webview, {}, {});
      expect(webview.prevented).toBe(true);
      for (const url of [
        'https://example.com/help',
        'http://example.com/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'app://desk/index.html',
        '::',
      ]) {
        expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
      }
    }
    // Only the http(s) links went to the user's browser, once per web contents.
    expect(platform.openedExternally).toEqual([
      'https://example.com/help',
      'http://example.com/',
      'https://example.com/help',
      'http://example.com/',
    ]);
  });

  it('grants no permission, registers app: as a secure scheme before ready and serves nothing outside the renderer', async () => {
    expect(beforeReady).toEqual({
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
      protocolHandlers: 0,
      ipcHandlers: 0,
    });
    const answers: boolean[] = [];
    platform.permissionRequestHandler?.({}, 'media', (granted: boolean) => answers.push(granted));
    platform.permissionRequestHandler?.({}, 'notifications', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(platform.permissionCheckHandler?.({}, 'geolocation', 'app://desk', {})).toBe(false);
    const serve = platform.protocolHandlers.get('app');
    expect(serve).toBeDefined();
    expect((await serve!(new Request('app://desk/..%2F..%2Fpackage.json'))).status).toBe(403);
    expect((await serve!(new Request('app://desk/%E0%A4%A'))).status).toBe(400);
  });

  it('answers IPC only from our window showing our renderer, with the real core behind it', async () => {
    expect([...platform.ipcHandlers.keys()]).toEqual(['desk:invoke']);
    const invoke = platform.ipcHandlers.get('desk:invoke')!;
    const forbidden = {
      ok: false,
      error: { code: 'forbidden', message: 'This request did not come from the app window.' },
    };
    const ours = { sender: win.webContents, senderFrame: { url: 'app://desk/index.html' } };
    expect(await invoke(ours, 'app:info', {})).toMatchObject({
      ok: true,
      value: expect.objectContaining({ databasePath: `${platform.userData}/desk.sqlite` }),
    });
    expect(
      await invoke({ sender: new StandInWebContents(), senderFrame: { url: 'app://desk/index.html' } }, 'app:info', {}),
    ).toEqual(forbidden);
    expect(
      await invoke({ sender: win.webContents, senderFrame: { url: 'https://evil.example/' } }, 'app:info', {}),
    ).toEqual(forbidden);
    expect(await invoke({ sender: win.webContents, senderFrame: null }, 'app:info', {})).toEqual(forbidden);
    expect(await invoke({ sender: win.webContents, senderFrame: { url: 'garbage' } }, 'app:info', {})).toEqual(
      forbidden,
    );
  });
});
