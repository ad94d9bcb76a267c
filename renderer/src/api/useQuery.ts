import { useCallback, useEffect, useRef, useState } from 'react';
import { onEvent } from './client';

type Area = 'contacts' | 'templates' | 'campaigns' | 'inbox' | 'optouts' | 'settings';

export interface Query<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data through the API, reloads when `deps` change (compared by value) and when main says one of
 * `areas` changed. Late answers to older requests are dropped.
 */
export function useQuery<T>(load: () => Promise<T>, deps: unknown[], areas: Area[] = []): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const key = JSON.stringify(deps);
  const areaKey = areas.join(',');
  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    loader
      .current()
      .then((d) => {
        if (mine === seq.current) {
          setData(d);
          setError(null);
        }
      })
      .catch((e: Error) => {
        if (mine === seq.current) setError(e.message);
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, []);
  useEffect(() => reload(), [reload, key]);
  useEffect(() => {
    if (!areaKey) return;
    const wanted = areaKey.split(',');
    return onEvent('app:dataChanged', (p) => {
      if (wanted.includes(p.area)) reload();
    });
  }, [reload, areaKey]);
  return { data, error, loading, reload };
}
