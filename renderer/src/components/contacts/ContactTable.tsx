import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContactRow } from '../../../../shared/types/domain';
import type { ContactSort } from '../../../../shared/ipc/channels/contacts';
import { ROW_HEIGHT } from './contact-columns';
import { ContactTableHead } from './ContactTableHead';
import { ContactTableRow } from './ContactTableRow';
import { useRowPlacement } from './useRowPlacement';
import type { ContactSelection } from './useSelection';
import { PAGE_ROWS } from './page-cache';
import type { ContactRows } from './useContactRows';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import './contacts.css';

/**
 * Chromium stops an element at 33,554,428 px and, past 2^24 px (16,777,216), paints rows a pixel or two out of
 * place. Lists taller than this (375,000 rows of 40 px) are laid out compressed and the scroll position is scaled
 * to the rows, so the last of a million contacts can still be reached and every row is drawn where it belongs.
 */
const MAX_SCROLL_PX = 15_000_000;
const OVERSCAN = 8;

/**
 * The contact list as a virtualised table: only the rows on screen (and a few either side) exist in the page,
 * and their pages are fetched as they come into view. Rows are divs with table roles, so assistive technology
 * (and the tests) read it as a table.
 */
export function ContactTable({
  rows,
  busy,
  selectedId,
  onSelect,
  sort,
  onSort,
  selection,
}: {
  rows: ContactRows;
  busy: boolean;
  selectedId: number | null;
  onSelect(c: ContactRow): void;
  sort: ContactSort;
  onSort(s: ContactSort): void;
  selection: ContactSelection;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const count = rows.count;
  const scale = Math.max(1, (count * ROW_HEIGHT) / MAX_SCROLL_PX);
  // The virtualizer re-renders this component itself; the compiler memoises nothing here that could go stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT / scale,
    // With a compressed layout the last screen of rows needs this much more scroll room to be reached exactly.
    paddingEnd: height * (1 - 1 / scale),
    overscan: OVERSCAN,
  });
  const virtualizerRef = useRef(virtualizer);
  const phone = usePhoneFormat();
  useLayoutEffect(() => {
    virtualizerRef.current = virtualizer;
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Pages for the rows on screen first, then the next ones in the direction of the scroll, so a steady scroll
  // rarely meets a row that is not there yet.
  const { cache, newList, listKey } = rows;
  const previousFirst = useRef(first);
  useEffect(() => {
    // A new search starts at its top: the rows on screen now belong to the previous one.
    if (last < 0 || newList) {
      cache.want(0, 0);
      return;
    }
    const up = first < previousFirst.current;
    previousFirst.current = first;
    cache.want(first, last);
    if (up) cache.want(Math.max(0, first - PAGE_ROWS), last);
    else cache.want(first, last + PAGE_ROWS);
  });

  // The rows of a new search or filter are shown from the top.
  const shownList = useRef(listKey);
  useLayoutEffect(() => {
    if (shownList.current === listKey) return;
    shownList.current = listKey;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [listKey]);

  const totalSize = virtualizer.getTotalSize();
  useRowPlacement({ scrollRef, layerRef, virtualizerRef }, { first, scale, count, totalSize, height });

  const selectedIndex = () => {
    for (let i = first; i <= last; i++) if (rows.row(i)?.id === selectedId) return i;
    return -1;
  };
  const reveal = (index: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = (index * ROW_HEIGHT) / scale - el.scrollTop;
    const onScreen = top * scale;
    if (onScreen < 0) el.scrollTop = (index * ROW_HEIGHT) / scale;
    else if (onScreen > el.clientHeight - ROW_HEIGHT)
      el.scrollTop = (index * ROW_HEIGHT - (el.clientHeight - ROW_HEIGHT)) / scale;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = selectedIndex();
    const next = at === -1 ? first : Math.min(count - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
    const c = rows.row(next);
    if (c) {
      onSelect(c);
      reveal(next);
    }
  };

  return (
    <div
      role="table"
      aria-label="Contacts"
      aria-rowcount={count + 1}
      aria-busy={busy || !rows.settled}
      className="ct-table"
    >
      <ContactTableHead
        sort={sort}
        onSort={onSort}
        selection={selection}
        onToggleAll={() => selection.toggleAll(rows.cache.loadedRows())}
      />
      {/* The focusable scroller is the table's row group itself: a focusable box between a table and its rows hides them. */}
      <div
        ref={scrollRef}
        role="rowgroup"
        className="ct-scroll"
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="contact-scroller"
        data-scale={scale}
      >
        <div className="ct-body" style={{ height: totalSize }}>
          <div ref={layerRef} className="ct-layer">
            {items.map((item) => {
              const c = rows.row(item.index);
              return (
                <ContactTableRow
                  key={c ? `c${c.id}` : `i${item.index}`}
                  c={c}
                  index={item.index}
                  selected={!!c && c.id === selectedId}
                  checked={!!c && selection.has(c.id)}
                  onSelect={onSelect}
                  onCheck={selection.toggle}
                  phone={phone}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
