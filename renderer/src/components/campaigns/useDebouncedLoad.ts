import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';

export interface DebouncedLoad<T> {
  data: T | null;
  /** A request is waiting for the pause to end or for its answer. */
  pending: boolean;
  error: string | null;
}

/**
 * Loads after `delayMs` without a change to `key` (typing, ticking tags), so the core is asked once per pause
 * rather than per keystroke. Answers to older requests are dropped; a request the core cancelled for a newer one
 * is not an error. `key` null means "nothing to load".
 */
export function useDebouncedLoad<T>(key: string | null, load: () => Promise<T>, delayMs = 200): DebouncedLoad<T> {
  const [state, setState] = useState<DebouncedLoad<T>>({ data: null, pending: key !== null, error: null });
  const seq = useRef(0);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  useEffect(() => {
    const mine = ++seq.current;
    if (key === null) {
      setState({ data: null, pending: false, error: null });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      loader
        .current()
        .then((data) => {
          if (mine === seq.current) setState({ data, pending: false, error: null });
        })
        .catch((e: unknown) => {
          if (mine !== seq.current || (e instanceof ApiError && e.code === 'cancelled')) return;
          setState((s) => ({ ...s, pending: false, error: (e as Error).message }));
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return state;
}
