/**
 * A recording stand-in for the `electron` module — the platform, not our code — so electron/main and
 * electron/preload can be imported under plain Node and every window option, handler and IPC registration they make
 * is checked. Each part records what it was given; nothing here decides anything for the code under test.
 */
type Listener = (...args: never[]) => unknown;

class Recorder {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  /** Calls every listener of `event` as the platform would. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

let nextContentsId = 1;

export class StandInWebContents extends Recorder {
  readonly id = nextContentsId++;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: unknown[][] = [];
  devToolsClosed = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  closeDevTools(): void {
    this.devToolsClosed++;
  }
}

export class StandInBrowserWindow extends Recorder {
  static readonly created: StandInBrowserWindow[] = [];
  readonly webContents = new StandInWebContents();
  readonly loaded: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    StandInBrowserWindow.created.push(this);
  }
  static getAllWindows(): StandInBrowserWindow[] {
    return StandInBrowserWindow.created;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  isMinimized = () => false;
  isMaximized = () => false;
  isDestroyed = () => false;
  restore = () => undefined;
  focus = () => undefined;
  maximize = () => undefined;
  show = () => undefined;
  getBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
}

type Handler = (...args: unknown[]) => unknown;

/** What the code under test did to the platform, and the knobs a test turns before importing it. */
export const platform = {
  packaged: false,
  userData: '',
  readyCalls: 0,
  markReady: (): void => undefined,
  quits: 0,
  app: new Recorder(),
  ipcHandlers: new Map<string, Handler>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  headersReceived: null as Handler | null,
  openedExternally: [] as string[],
  exposed: new Map<string, unknown>(),
  rendererInvocations: [] as unknown[][],
  rendererListeners: new Recorder(),
  /** Readies a fresh platform: a new app, no windows, nothing registered. */
  reset(options: { packaged: boolean; userData: string }): void {
    Object.assign(platform, {
      packaged: options.packaged,
      userData: options.userData,
      quits: 0,
      app: new Recorder(),
      permissionRequestHandler: null,
      permissionCheckHandler: null,
      headersReceived: null,
    });
    const ready = new Promise<void>((resolve) => (platform.markReady = resolve));
    platform.whenReady = () => ready;
    for (const list of [
      platform.privilegedSchemes,
      platform.openedExternally,
      platform.rendererInvocations,
      StandInBrowserWindow.created,
    ])
      list.length = 0;
    for (const map of [platform.ipcHandlers, platform.protocolHandlers, platform.exposed]) map.clear();
    platform.rendererListeners = new Recorder();
  },
  whenReady: (): Promise<void> => new Promise<void>(() => undefined),
};

const app = {
  get isPackaged() {
    return platform.packaged;
  },
  requestSingleInstanceLock: () => true,
  quit: () => void platform.quits++,
  on: (event: string, listener: Listener) => platform.app.on(event, listener),
  whenReady: () => platform.whenReady(),
  getPath: (name: string) => (name === 'userData' ? platform.userData : `${platform.userData}/${name}`),
  getAppPath: () => platform.userData,
  getVersion: () => '0.0.0-test',
  getName: () => 'SMS Campaign Desk',
};

export const electron = {
  app,
  BrowserWindow: StandInBrowserWindow,
  ipcMain: {
    handle: (channel: string, handler: Handler) => void platform.ipcHandlers.set(channel, handler),
    on: () => undefined,
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void platform.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      void platform.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Handler) => void (platform.permissionRequestHandler = handler),
      setPermissionCheckHandler: (handler: Handler) => void (platform.permissionCheckHandler = handler),
      webRequest: { onHeadersReceived: (handler: Handler) => void (platform.headersReceived = handler) },
    },
  },
  shell: { openExternal: async (url: string) => void platform.openedExternally.push(url), openPath: async () => '' },
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
  Notification: class {
    static isSupported = () => false;
    show = () => undefined;
  },
  powerSaveBlocker: { start: () => 1, stop: () => undefined },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: { showErrorBox: () => undefined },
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void platform.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      platform.rendererInvocations.push(args);
      return { ok: true, value: null };
    },
    on: (event: string, listener: Listener) => platform.rendererListeners.on(event, listener),
    removeListener: (event: string, listener: Listener) => platform.rendererListeners.removeListener(event, listener),
  },
};
