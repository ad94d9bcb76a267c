import { describe, expect, it, vi } from 'vitest';
import { platform } from './electron-stand-in';

// electron/preload against the recording stand-in of the platform (contextBridge, ipcRenderer).
vi.mock('electron', async () => {
  const { electron } = await import('./electron-stand-in');
  return { ...electron, default: electron };
});

describe('electron/preload', () => {
  it('exposes only invoke and on for contract names, over the one desk:invoke channel', async () => {
    await import('../../../electron/preload/index');
    expect([...platform.exposed.keys()]).toEqual(['desk']);
    const desk = platform.exposed.get('desk') as {
      invoke(c: string, i: unknown): Promise<unknown>;
      on(e: string, cb: (p: unknown) => void): () => void;
    };
    expect(Object.keys(desk).sort()).toEqual(['invoke', 'on']);
    expect(await desk.invoke('shell:exec', {})).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'Unknown channel shell:exec.' },
    });
    await desk.invoke('app:info', {});
    expect(platform.rendererInvocations).toEqual([['desk:invoke', 'app:info', {}]]);
    expect(() => desk.on('not:an-event', () => undefined)).toThrow(/Unknown event/);
  });
});
