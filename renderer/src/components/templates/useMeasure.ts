import { useEffect, useRef, useState } from 'react';
import { ApiError, api, onEvent } from '../../api/client';
import type { AudienceMeasure } from '../../../../shared/ipc/channels/templates';

export interface MeasureState {
  data: AudienceMeasure | null;
  /** The body `data` was measured for: findings with positions only apply while the body is still this. */
  body: string | null;
  measuring: boolean;
  error: string | null;
}

/**
 * Measures the audience after a pause in typing (a pass over every contact is too much for each keystroke).
 * Answers to older requests are dropped; a request the core replaced with a newer one is not an error.
 */
export function useMeasure(body: string, tag: string, delayMs = 350): MeasureState {
  const [state, setState] = useState<MeasureState>({ data: null, body: null, measuring: false, error: null });
  const [refresh, setRefresh] = useState(0);
  const seq = useRef(0);

  useEffect(
    () =>
      onEvent('app:dataChanged', (p) => {
        if (p.area === 'contacts' || p.area === 'settings') setRefresh((n) => n + 1);
      }),
    [],
  );

  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, measuring: true }));
    const timer = setTimeout(() => {
      api.templates
        .measure({ body, ...(tag ? { tag } : {}) })
        .then((data) => {
          if (mine === seq.current) setState({ data, body, measuring: false, error: null });
        })
        .catch((e: unknown) => {
          if (mine !== seq.current || (e instanceof ApiError && e.code === 'cancelled')) return;
          setState((s) => ({ ...s, measuring: false, error: (e as Error).message }));
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [body, tag, delayMs, refresh]);

  return state;
}
