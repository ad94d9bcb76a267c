import { useCallback, useEffect, useRef, useState } from 'react';
import type { AbReport } from '../../../../shared/ipc/channels/abtests';
import { api, onEvent } from '../../api/client';

/** At most one report per this many milliseconds while messages stream in: each one recounts the whole test. */
const MIN_INTERVAL_MS = 1500;

/** The report, reloaded (throttled) whenever campaigns or replies change, and on demand. */
export function useAbReport(id: number) {
  const [report, setReport] = useState<AbReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    const mine = ++seq.current;
    last.current = Date.now();
    api.abtests
      .report({ id })
      .then((r) => {
        if (mine !== seq.current) return;
        setReport(r);
        setError(null);
      })
      .catch((e: Error) => mine === seq.current && setError(e.message));
  }, [id]);

  useEffect(() => {
    setReport(null);
    load();
    const off = onEvent('app:dataChanged', (p) => {
      if (p.area !== 'campaigns' && p.area !== 'inbox') return;
      if (timer.current) return;
      const wait = Math.max(0, MIN_INTERVAL_MS - (Date.now() - last.current));
      timer.current = setTimeout(() => {
        timer.current = null;
        load();
      }, wait);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load]);

  return { report, error, reload: load };
}
