import type { ContactRow } from '../../../../shared/types/domain';
import type { ContactListPage } from '../../../../shared/ipc/channels/contacts';

/** Rows per request: a few screens of the table, small enough that the first one answers at once. */
export const PAGE_ROWS = 200;
/** Pages kept in memory; the ones farthest from what is on screen are dropped first. */
const MAX_PAGES = 40;
const RETRY_MS = 2000;

export type PageRequest = { after?: string; offset: number; limit: number };
export type PageLoader = (req: PageRequest) => Promise<ContactListPage>;

/**
 * The rows of one list (one search and filter), fetched a page at a time as the table scrolls. A page is asked for
 * by keyset from the nearest page above it that is known (its last id, plus an offset for any gap), so scrolling
 * down costs one indexed seek per page and a jump to the middle costs one skip, never a re-read from the top.
 */
export class PageCache {
  private readonly pages = new Map<number, ContactRow[]>();
  /** Where every page ever loaded ended, kept after the rows are dropped: the anchors for keyset requests. */
  private readonly cursors = new Map<number, string>();
  private readonly inflight = new Set<number>();
  /** When a page last failed: it is retried after a pause, not on every render. */
  private readonly failedAt = new Map<number, number>();
  total: number | null = null;
  exact = true;
  /** Index of the last page, once a page with rows came back without a next one. */
  private lastPage: number | null = null;
  /** The first page known to be past the end (it came back empty). */
  private emptyFrom: number | null = null;
  error: string | null = null;

  constructor(
    readonly key: string,
    private readonly load: PageLoader,
    private readonly onChange: () => void,
  ) {}

  row(index: number): ContactRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS];
  }

  /** The rows loaded now, in list order (what "select all shown" selects). */
  loadedRows(): ContactRow[] {
    return [...this.pages.entries()].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows);
  }

  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  get loadedAnything(): boolean {
    return this.total !== null;
  }

  /**
   * Rows the table should make room for. A capped count ("10,000+") grows as pages come in, so the user can
   * always scroll one page past what is loaded until the real end is found.
   */
  get count(): number {
    if (this.total === null) return 0;
    if (this.exact) return this.total;
    if (this.lastPage !== null) return this.lastPage * PAGE_ROWS + (this.pages.get(this.lastPage)?.length ?? 0);
    const furthest = Math.max(-1, ...this.pages.keys());
    const guess = Math.max(this.total, (furthest + 2) * PAGE_ROWS);
    return this.emptyFrom === null ? guess : Math.min(guess, this.emptyFrom * PAGE_ROWS);
  }

  /** Starts loading the pages covering rows [first, last] that are neither loaded nor on their way. */
  want(first: number, last: number, maxParallel = 2): void {
    const from = Math.max(0, Math.floor(first / PAGE_ROWS));
    let to = Math.floor(Math.max(first, last) / PAGE_ROWS);
    if (this.lastPage !== null) to = Math.min(to, this.lastPage);
    if (this.emptyFrom !== null) to = Math.min(to, this.emptyFrom - 1);
    if (this.total !== null && this.exact) to = Math.min(to, Math.max(0, Math.ceil(this.total / PAGE_ROWS) - 1));
    for (let p = from; p <= to && this.inflight.size < maxParallel; p++) {
      const failed = this.failedAt.get(p);
      if (failed !== undefined && Date.now() - failed < RETRY_MS) continue;
      if (!this.pages.has(p) && !this.inflight.has(p)) void this.fetch(p);
    }
    this.evict(from, to);
  }

  private request(page: number): PageRequest {
    for (let q = page - 1; q >= 0; q--) {
      const anchor = this.cursors.get(q);
      if (anchor !== undefined) return { after: anchor, offset: (page - q - 1) * PAGE_ROWS, limit: PAGE_ROWS };
    }
    return { offset: page * PAGE_ROWS, limit: PAGE_ROWS };
  }

  private async fetch(page: number): Promise<void> {
    this.inflight.add(page);
    try {
      const res = await this.load(this.request(page));
      this.pages.set(page, res.rows);
      if (res.nextCursor !== null) this.cursors.set(page, res.nextCursor);
      if (res.nextCursor === null && res.rows.length) this.lastPage = page;
      if (!res.rows.length && page > 0) this.emptyFrom = Math.min(this.emptyFrom ?? page, page);
      // A count answered from the top of the list is the one to show; later pages only confirm it.
      if (this.total === null || page === 0) {
        this.total = res.total;
        this.exact = res.totalIsExact;
      }
      this.error = null;
      this.failedAt.delete(page);
    } catch (e) {
      this.error = (e as Error).message;
      this.failedAt.set(page, Date.now());
    } finally {
      this.inflight.delete(page);
      this.onChange();
    }
  }

  private evict(from: number, to: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const far = [...this.pages.keys()].sort((a, b) => distance(b, from, to) - distance(a, from, to));
    for (const p of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }
}

function distance(page: number, from: number, to: number): number {
  return page < from ? from - page : page > to ? page - to : 0;
}
