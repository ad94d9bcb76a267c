import { useLayoutEffect, useRef, type RefObject } from 'react';
import { ROW_HEIGHT } from './contact-columns';

/** What the placement reads from the virtualizer: where it saw the scroll at the start of the scroll event. */
interface ScrollSource {
  scrollOffset: number | null;
}

export interface RowLayout {
  /** The first rendered row. */
  first: number;
  /** How many pixels of rows one pixel of scroll stands for (1 unless the list is compressed). */
  scale: number;
  count: number;
  totalSize: number;
  /** The scroller's visible height. */
  height: number;
}

/**
 * Where the rendered rows sit: at their own place, or (compressed) where the scaled scroll position puts them.
 * Sizes come from the virtualizer and the resize observer: reading them from the DOM in a scroll handler would
 * force a layout on every scroll event.
 */
export function useRowPlacement(
  refs: {
    scrollRef: RefObject<HTMLDivElement | null>;
    layerRef: RefObject<HTMLDivElement | null>;
    virtualizerRef: RefObject<ScrollSource>;
  },
  layout: RowLayout,
): void {
  const { scrollRef, layerRef, virtualizerRef } = refs;
  const { first, scale, count, totalSize, height } = layout;
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
  }, [first, scale, count, totalSize, height, scrollRef, layerRef, virtualizerRef]);
}
