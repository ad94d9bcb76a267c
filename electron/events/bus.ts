import type { EventName, EventPayload } from '../../shared/ipc/contract';

type Listener = (name: EventName, payload: unknown) => void;

/** Events from the core to whoever shows them: the Electron window, the harness's SSE stream, tests. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    emit(name, payload) {
      for (const l of listeners) {
        try {
          l(name, payload);
        } catch {
          // A broken listener (closed window) must not stop the core.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
