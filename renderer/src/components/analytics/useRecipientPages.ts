import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { RecipientFilter } from '../../../../shared/analytics';
import type { RecipientRow } from '../../../../shared/ipc/channels/analytics';

const PAGE = 200;

/**
 * The recipients of a campaign, loaded a page at a time as the table scrolls to them (a campaign can have a
 * million). A filter change starts again; answers for an older filter are dropped.
 */
export function useRecipientPages(campaignId: number, outcome: RecipientFilter, version: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, RecipientRow>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(new Set<number>());
  const generation = useRef(0);

  const load = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const mine = generation.current;
      api.analytics
        .recipients({ campaignId, outcome, offset: page * PAGE, limit: PAGE })
        .then((r) => {
          if (mine !== generation.current) return;
          setTotal(r.total);
          setRows((prev) => {
            const next = new Map(prev);
            r.rows.forEach((row, i) => next.set(page * PAGE + i, row));
            return next;
          });
        })
        .catch((e: Error) => mine === generation.current && setError(e.message));
    },
    [campaignId, outcome],
  );

  useEffect(() => {
    generation.current++;
    asked.current = new Set();
    setRows(new Map());
    setTotal(null);
    setError(null);
    load(0);
  }, [load, version]);

  /** Makes sure the rows from `first` to `last` are loaded or on their way. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
    [load],
  );
  return { total, rows, error, ensure };
}
