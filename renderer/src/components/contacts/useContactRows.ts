import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, onEvent } from '../../api/client';
import type { ContactRow } from '../../../../shared/types/domain';
import { PageCache } from './page-cache';
import type { ListQuery } from './filters';

/** After a change in main (an import, an opt-out), the list is fetched again at most this often. */
const REFRESH_MS = 1000;

export interface ContactRows {
  /** The cache new requests go to: the current search and filters. */
  cache: PageCache;
  /** Rows to show: the current list once it has answered, until then the previous one (no flash while typing). */
  count: number;
  total: number | null;
  exact: boolean;
  loaded: boolean;
  /** The current search has answered (the rows shown are its own). */
  settled: boolean;
  /** The search or filters changed and their first page has not come back yet (a refresh of the same list is not). */
  newList: boolean;
  /** Which search and filters the rows shown belong to. */
  listKey: string;
  error: string | null;
  row(index: number): ContactRow | undefined;
  /** Fetch everything again (after the user changed a contact). */
  refresh(): void;
}

export function useContactRows(query: ListQuery): ContactRows {
  const key = JSON.stringify(query);
  const [generation, setGeneration] = useState(0);
  const [, setTick] = useState(0);
  const [shown, setShown] = useState<{ cache: PageCache | null; fallback: PageCache | null }>({
    cache: null,
    fallback: null,
  });

  const cache = useMemo(() => {
    const listQuery = JSON.parse(key) as ListQuery;
    const created: PageCache = new PageCache(
      `${key}#${generation}`,
      (req) => api.contacts.list({ ...listQuery, ...req }),
      () => {
        setTick((t) => t + 1);
        if (!created.loadedAnything) return;
        setShown((prev) => {
          if (prev.cache === created) return prev;
          // The list as it was stays behind the refreshed one for rows the refresh has not fetched yet.
          const sameList = prev.cache !== null && prev.cache.key.split('#')[0] === key;
          return { cache: created, fallback: sameList ? prev.cache : null };
        });
      },
    );
    return created;
  }, [key, generation]);

  // The first page is asked for at once, before the table exists: it carries the count the page is laid out by.
  useEffect(() => cache.want(0, 0), [cache]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent('app:dataChanged', (p) => {
      if (p.area !== 'contacts' || timer) return;
      const wait = Math.max(0, last + REFRESH_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        setGeneration((g) => g + 1);
      }, wait);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const view = shown.cache ?? cache;
  const fallback = shown.fallback;
  return {
    cache,
    count: view.count,
    total: view.total,
    exact: view.exact,
    loaded: view.loadedAnything,
    settled: shown.cache === cache,
    newList: shown.cache !== cache && shown.cache?.key.split('#')[0] !== key,
    listKey: view.key.split('#')[0],
    error: cache.error,
    row: (i) => view.row(i) ?? fallback?.row(i),
    refresh,
  };
}
