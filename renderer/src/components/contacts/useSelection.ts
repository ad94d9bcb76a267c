import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ContactRow } from '../../../../shared/types/domain';

/** Contacts ticked in the table, or "all matching" (every contact the search and filters find, loaded or not). */
export interface ContactSelection {
  /** How many are selected: with `allMatching`, the list's total. */
  count: number;
  allMatching: boolean;
  /** Every row loaded is ticked (the moment to offer "select all matching"). */
  allShown: boolean;
  ids: ReadonlySet<number>;
  has(id: number): boolean;
  /** Ticks or unticks one row; `range` (Shift+click) applies the same to every row since the last one clicked. */
  toggle(c: ContactRow, index: number, range: boolean): void;
  /** The header box: ticks every row loaded, or clears the selection. */
  toggleAll(loaded: ContactRow[]): void;
  selectAllMatching(): void;
  clear(): void;
}

interface State {
  ids: ReadonlySet<number>;
  allMatching: boolean;
  anchor: number | null;
  /** How many rows were loaded when the header box ticked them all. */
  shown: number | null;
}
const NONE: State = { ids: new Set(), allMatching: false, anchor: null, shown: null };

/**
 * The table's multi-select, Gmail-like. A new search or filter starts with nothing selected (a new sort keeps the
 * same contacts selected).
 */
export function useSelection(
  listKey: string,
  total: number | null,
  row: (index: number) => ContactRow | undefined,
): ContactSelection {
  const [state, setState] = useState<State>(NONE);
  const [key, setKey] = useState(listKey);
  if (key !== listKey) {
    setKey(listKey);
    setState(NONE);
  }
  const rowAt = useRef(row);
  useLayoutEffect(() => {
    rowAt.current = row;
  });

  const toggle = useCallback((c: ContactRow, index: number, range: boolean) => {
    setState((s) => {
      const ids = new Set(s.allMatching ? [] : s.ids);
      const on = !ids.has(c.id);
      if (range && s.anchor !== null && !s.allMatching) {
        for (let i = Math.min(s.anchor, index); i <= Math.max(s.anchor, index); i++) {
          const r = rowAt.current(i);
          if (r && on) ids.add(r.id);
          else if (r) ids.delete(r.id);
        }
      } else if (on) ids.add(c.id);
      else ids.delete(c.id);
      return { ids, allMatching: false, anchor: index, shown: null };
    });
  }, []);
  const toggleAll = useCallback((loaded: ContactRow[]) => {
    setState((s) =>
      s.allMatching || s.ids.size
        ? NONE
        : { ids: new Set(loaded.map((r) => r.id)), allMatching: false, anchor: null, shown: loaded.length },
    );
  }, []);
  const selectAllMatching = useCallback(() => setState({ ...NONE, allMatching: true }), []);
  const clear = useCallback(() => setState(NONE), []);

  const count = state.allMatching ? (total ?? 0) : state.ids.size;
  return {
    count,
    allMatching: state.allMatching,
    allShown: state.allMatching || (state.shown !== null && state.ids.size === state.shown),
    ids: state.ids,
    has: (id) => state.allMatching || state.ids.has(id),
    toggle,
    toggleAll,
    selectAllMatching,
    clear,
  };
}
