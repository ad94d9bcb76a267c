import Store from 'electron-store';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const store = new Store<{ window: WindowState }>({
  name: 'window-state',
  defaults: { window: { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false } },
});

/** The last size and place, kept on screen even if a monitor was unplugged since. */
export function restoredBounds(): WindowState {
  const saved = store.get('window');
  const visible = screen.getAllDisplays().some((d) => {
    const a = d.workArea;
    return (
      saved.bounds.x < a.x + a.width &&
      saved.bounds.x + saved.bounds.width > a.x &&
      saved.bounds.y < a.y + a.height &&
      saved.bounds.y + saved.bounds.height > a.y
    );
  });
  return visible
    ? saved
    : { ...saved, bounds: { ...saved.bounds, x: undefined as unknown as number, y: undefined as unknown as number } };
}

export function trackWindowState(win: BrowserWindow): void {
  const save = () => {
    if (win.isDestroyed()) return;
    store.set('window', {
      bounds: win.isMaximized() ? store.get('window').bounds : win.getBounds(),
      maximized: win.isMaximized(),
    });
  };
  win.on('resized', save);
  win.on('moved', save);
  win.on('close', save);
}
