import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CHANNEL_LABEL, CHANNEL_STATUS_LABEL } from '../../../../shared/channel-status';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContactRow } from '../../../../shared/types/domain';
import type { ContactSort, ContactSortColumn } from '../../../../shared/ipc/channels/contacts';
import { Button, Badge } from '../ui';
import { formatDay, fullName, initials } from './format';
import type { ContactSelection } from './useSelection';
import { PAGE_ROWS } from './page-cache';
import type { ContactRows } from './useContactRows';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import './contacts.css';

export const ROW_HEIGHT = 40;
/**
 * Chromium stops an element at 33,554,428 px and, past 2^24 px (16,777,216), paints rows a pixel or two out of
 * place. Lists taller than this (375,000 rows of 40 px) are laid out compressed and the scroll position is scaled
 * to the rows, so the last of a million contacts can still be reached and every row is drawn where it belongs.
 */
const MAX_SCROLL_PX = 15_000_000;
const OVERSCAN = 8;
const SHOWN_TAGS = 3;

/** The columns, in the order the narrow layouts hide them by (3: email, 6: added, then 4: tags, 7: last texted). */
const COLUMNS: { label: string; sort?: ContactSortColumn }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Phone', sort: 'phone' },
  { label: 'Email' },
  { label: 'Tags' },
  { label: 'Status' },
  { label: 'Added', sort: 'added' },
  { label: 'Last texted', sort: 'lastTexted' },
];
/** The direction a column sorts in first: names and numbers A→Z, dates newest first. */
const FIRST_DIRECTION: Record<ContactSortColumn, ContactSort['direction']> = {
  name: 'asc',
  phone: 'asc',
  added: 'desc',
  lastTexted: 'desc',
  replyChance: 'desc',
  optOutRisk: 'desc',
};

function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: ContactSortColumn;
  sort: ContactSort;
  onSort(s: ContactSort): void;
}) {
  const on = sort.by === column;
  const next: ContactSort = on
    ? { by: column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { by: column, direction: FIRST_DIRECTION[column] };
  return (
    <Button
      className={`ct-sort${on ? ' on' : ''}`}
      onClick={() => onSort(next)}
      title={`Sort by ${label.toLowerCase()}`}
    >
      {label}
      <span className="ct-sort-arrow" aria-hidden="true">
        {on ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </Button>
  );
}

function SmsStatus({ c }: { c: ContactRow }) {
  if (c.optedOut) return <Badge tone="bad">Opted out</Badge>;
  if (!c.textable) return <Badge tone="warn">Not textable</Badge>;
  return <Badge tone="good">Textable</Badge>;
}

/** The SMS badge, and every channel's status in words on hover (and for screen readers). */
function Status({ c }: { c: ContactRow }) {
  const words = (['sms', 'email', 'voice'] as const)
    .map((ch) => `${CHANNEL_LABEL[ch]}: ${CHANNEL_STATUS_LABEL[c.reach[ch]].toLowerCase()}`)
    .join(' · ');
  return (
    <span title={words}>
      <SmsStatus c={c} />
      <span className="sr-only"> {words}</span>
    </span>
  );
}

const Row = memo(function Row({
  c,
  index,
  selected,
  checked,
  onSelect,
  onCheck,
  phone,
}: {
  c: ContactRow | undefined;
  index: number;
  selected: boolean;
  checked: boolean;
  onSelect(c: ContactRow): void;
  onCheck(c: ContactRow, index: number, range: boolean): void;
  phone(e164: string): string;
}) {
  if (!c) {
    return (
      <div role="row" aria-rowindex={index + 2} aria-busy="true" className="ct-row placeholder">
        {COLUMNS.map((col) => (
          <div role="cell" key={col.label} className="ct-cell">
            <span className="ct-skeleton" />
          </div>
        ))}
      </div>
    );
  }
  const name = fullName(c);
  const extra = c.tags.length - SHOWN_TAGS;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      data-contact-id={c.id}
      className={`ct-row${selected ? ' selected' : ''}${checked ? ' checked' : ''}${c.optedOut ? ' opted-out' : ''}`}
      onClick={() => onSelect(c)}
    >
      <div role="cell" className="ct-cell ct-name">
        <input
          type="checkbox"
          className="ct-check-box"
          aria-label={`Select ${name || phone(c.phone)}`}
          checked={checked}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onCheck(c, index, (e.nativeEvent as MouseEvent).shiftKey === true)}
        />
        <span className="ct-avatar" aria-hidden="true">
          {initials(name)}
        </span>
        {name ? (
          <span className="ct-ellipsis" title={name}>
            {name}
          </span>
        ) : (
          <span className="muted">No name</span>
        )}
      </div>
      <div role="cell" className="ct-cell mono">
        <span className="ct-ellipsis">{phone(c.phone)}</span>
      </div>
      <div role="cell" className="ct-cell">
        <span className="ct-ellipsis">{c.email ?? ''}</span>
      </div>
      <div role="cell" className="ct-cell ct-tags" title={c.tags.join(', ') || undefined}>
        {c.tags.slice(0, SHOWN_TAGS).map((t) => (
          <Badge key={t}>{t}</Badge>
        ))}
        {extra > 0 && <span className="muted small">+{extra}</span>}
      </div>
      <div role="cell" className="ct-cell">
        <Status c={c} />
      </div>
      <div role="cell" className="ct-cell muted">
        {formatDay(c.createdAt)}
      </div>
      <div role="cell" className="ct-cell muted">
        {c.lastContactedAt ? formatDay(c.lastContactedAt) : 'Never'}
      </div>
    </div>
  );
});

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

  // Where the rendered rows sit: at their own place, or (compressed) where the scaled scroll position puts them.
  // Sizes come from the virtualizer and the resize observer: reading them from the DOM in a scroll handler would
  // force a layout on every scroll event.
  const totalSize = virtualizer.getTotalSize();
  const place = useRef({ first, scale, count, totalSize, height });
  useLayoutEffect(() => {
    place.current = { first, scale, count, totalSize, height };
    const el = scrollRef.current;
    const layer = layerRef.current;
    if (!el || !layer) return;
    const position = () => {
      const { first: base, scale: s, count: n, totalSize: size, height: h } = place.current;
      if (s === 1) {
        layer.style.transform = `translateY(${base * ROW_HEIGHT}px)`;
        return;
      }
      // Where the rows would be without compression. The browser's scroll offset is only whole pixels this far
      // down, so the very end of the range is pinned to the last row rather than left a few pixels short.
      const range = Math.max(1, size - h);
      // The virtualizer read the offset at the start of the scroll event, before any re-render: reading it from
      // the element again here would force a second layout of the table on every scroll event.
      const top = virtualizerRef.current.scrollOffset ?? el.scrollTop;
      const rowsTop = top >= range - 1 ? n * ROW_HEIGHT - h : (top * (n * ROW_HEIGHT - h)) / range;
      layer.style.transform = `translateY(${top - rowsTop + base * ROW_HEIGHT}px)`;
    };
    position();
    if (scale === 1) return;
    // Compressed, one pixel of scroll is `scale` pixels of rows: the wheel is slowed down to match, so a notch
    // still moves the rows the distance the user expects (the scrollbar keeps covering the whole list).
    const wheel = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      const pixels =
        e.deltaMode === 1 ? e.deltaY * ROW_HEIGHT : e.deltaMode === 2 ? e.deltaY * el.clientHeight : e.deltaY;
      el.scrollTop += pixels / place.current.scale;
    };
    // Once per frame, after every scroll handler of the frame (the virtualizer's among them) has run.
    let frame = 0;
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), position()));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', wheel);
    };
  }, [first, scale, count, totalSize, height]);

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
      <div role="rowgroup" className="ct-head">
        <div role="row" aria-rowindex={1} className="ct-row">
          {COLUMNS.map((c, i) => (
            <div
              role="columnheader"
              key={c.label}
              className={`ct-cell${i === 0 ? ' ct-name' : ''}`}
              aria-sort={
                c.sort
                  ? sort.by === c.sort
                    ? sort.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
                  : undefined
              }
            >
              {i === 0 && (
                <input
                  type="checkbox"
                  className="ct-check-box"
                  aria-label={selection.count > 0 ? 'Clear selection' : 'Select all shown'}
                  checked={selection.count > 0}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.count > 0 && !selection.allShown;
                  }}
                  onChange={() => selection.toggleAll(rows.cache.loadedRows())}
                />
              )}
              {c.sort ? <SortHeader label={c.label} column={c.sort} sort={sort} onSort={onSort} /> : c.label}
            </div>
          ))}
        </div>
      </div>
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
                <Row
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
