import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames } from '../../shared/ipc/names';

const channels = new Set<string>(channelNames);
const events = new Set<string>(eventNames);

/**
 * The renderer's only door to main: invoke a contract channel, or listen to a contract event.
 * No raw ipcRenderer, no Node, nothing else.
 */
contextBridge.exposeInMainWorld('desk', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!channels.has(channel))
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${channel}.` } });
    return ipcRenderer.invoke('desk:invoke', channel, input);
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!events.has(event)) throw new Error(`Unknown event ${event}`);
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('desk:event', listener);
    return () => ipcRenderer.removeListener('desk:event', listener);
  },
});
