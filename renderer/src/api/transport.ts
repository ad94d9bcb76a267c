import type { Result } from '../../../shared/ipc/result';

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  kind: 'electron' | 'harness';
}

function electronTransport(bridge: DeskBridge): Transport {
  return {
    kind: 'electron',
    invoke: (channel, input) => bridge.invoke(channel, input) as Promise<Result<unknown>>,
    on: (event, cb) => bridge.on(event, cb),
  };
}

/** The browser harness: same contract over loopback HTTP, token from the URL the harness printed. */
function harnessTransport(): Transport {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) sessionStorage.setItem('desk-token', fromUrl);
  const token = fromUrl ?? sessionStorage.getItem('desk-token') ?? '';
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      const { name, payload } = JSON.parse(msg.data) as { name: string; payload: unknown };
      listeners.get(name)?.forEach((cb) => cb(payload));
    };
  };
  return {
    kind: 'harness',
    async invoke(channel, input) {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
        body: JSON.stringify({ channel, input }),
      });
      if (res.status === 401)
        return {
          ok: false,
          error: {
            code: 'forbidden',
            message: 'The harness token is missing or wrong: open the URL that `npm run web` printed.',
          },
        };
      return (await res.json()) as Result<unknown>;
    },
    on(event, cb) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(cb);
      listeners.set(event, set);
      return () => set.delete(cb);
    },
  };
}

export const transport: Transport = window.desk ? electronTransport(window.desk) : harnessTransport();
