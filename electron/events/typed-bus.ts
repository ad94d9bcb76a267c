/**
 * A bus for facts one part of the core tells others in the same process (never sent to the renderer): the part that
 * does the work emits what happened, and listeners decide what follows from it (a notification, an audit line).
 * `E` maps each event name to its payload.
 */
export interface TypedBus<E> {
  emit<K extends keyof E>(name: K, payload: E[K]): void;
  /** Returns what stops listening. */
  on<K extends keyof E>(name: K, listener: (payload: E[K]) => void): () => void;
}

export function createTypedBus<E>(log?: (msg: string, err?: unknown) => void): TypedBus<E> {
  const listeners: { [K in keyof E]?: Set<(payload: E[K]) => void> } = {};
  return {
    emit(name, payload) {
      for (const l of listeners[name] ?? []) {
        try {
          l(payload);
        } catch (err) {
          // A broken listener must not stop the part that emitted (the send loop).
          log?.(`listener of ${String(name)} failed`, err);
        }
      }
    },
    on(name, listener) {
      const set = (listeners[name] ??= new Set());
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
