import type { Session, WebContents, WebPreferences } from 'electron';

/** The renderer's origin: our own files under a custom secure scheme, so the CSP's 'self' means exactly them. */
export const APP_ORIGIN = 'app://desk';

/**
 * A URL's scheme and host ("app://desk", "http://localhost:5173"), or null when it has no host or is not a URL at all
 * (a handler must refuse, not throw, on garbage). Not `URL.origin`: Node's URL (Electron's main process included)
 * follows WHATWG, where a scheme it does not know — our app: — has the opaque origin "null", which would match
 * nothing (or, compared carelessly, anything opaque).
 */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Whether a URL belongs to our renderer: the app:// origin, or the Vite dev server while developing. */
export function isAppUrl(url: string | undefined, devUrl: string | undefined): boolean {
  const origin = originOf(url);
  return origin !== null && (origin === APP_ORIGIN || (!!devUrl && origin === originOf(devUrl)));
}

/**
 * The window's web preferences: the renderer is a web page with no Node, isolated from the preload, in Chromium's
 * sandbox; no <webview>; DevTools only in a development build.
 */
export function windowWebPreferences(preload: string, packaged: boolean): WebPreferences {
  return {
    preload,
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
    devTools: !packaged,
    spellcheck: true,
  };
}

export interface HardenOptions {
  devUrl: string | undefined;
  packaged: boolean;
  /** Opens a link in the user's browser (shell.openExternal). */
  openExternal: (url: string) => void;
}

/**
 * Every web contents (the window and anything created later): it can only ever show our renderer — navigations and
 * redirects elsewhere are stopped, <webview> cannot be attached, new windows are refused (an http(s) link opens in
 * the user's browser instead), and DevTools are shut again in a packaged build.
 */
export function hardenContents(contents: WebContents, options: HardenOptions): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, options.devUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link the user clicked opens in their browser — only http(s), never file:, javascript: or custom schemes.
    let protocolName = '';
    try {
      protocolName = new URL(url).protocol;
    } catch {
      /* not a URL: nothing to open */
    }
    if (protocolName === 'https:' || protocolName === 'http:') options.openExternal(url);
    return { action: 'deny' };
  });
  if (options.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** No permission (camera, microphone, notifications from the page, geolocation…) is ever granted to web content. */
export function refusePermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Whether an IPC message came from our window's own top frame showing our renderer (not an iframe, not elsewhere). */
export function isOurFrame(
  sender: WebContents,
  frameUrl: string | undefined,
  window: { webContents: WebContents } | null,
  devUrl: string | undefined,
): boolean {
  return !!window && sender.id === window.webContents.id && isAppUrl(frameUrl, devUrl);
}
