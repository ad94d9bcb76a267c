import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/csp';
import { bootMain, navigationEvent } from './boot';
import { platform, type StandInBrowserWindow } from './electron-stand-in';

// electron/main in development (not packaged), against the recording stand-in of the platform.
vi.mock('electron', async () => {
  const { electron } = await import('./electron-stand-in');
  return { ...electron, default: electron };
});

let win: StandInBrowserWindow;
let quit: () => Promise<void>;
beforeAll(async () => {
  ({ win, quit } = await bootMain({ packaged: false, devUrl: 'http://localhost:5173' }));
});
afterAll(() => quit());

describe('electron/main in development', () => {
  it('allows DevTools and exactly the Vite dev server origin, with its CSP', async () => {
    expect(win.options.webPreferences).toMatchObject({
      devTools: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.loaded).toEqual(['http://localhost:5173']);
    const e = navigationEvent();
    win.webContents.emit('will-redirect', e, 'http://localhost:5173/#/inbox');
    expect(e.prevented).toBe(false);
    let headers: Record<string, string[]> = {};
    platform.headersReceived?.(
      { responseHeaders: {} },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy'][0]).toBe(
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' http://localhost:5173 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:5173")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("frame-src 'self'", "frame-src 'self' app://desk"),
    );
  });
});
