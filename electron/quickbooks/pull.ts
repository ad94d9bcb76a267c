import type { QuickBooksApi } from './api';
import { ENTITIES, type Entity } from './records';

/** QuickBooks returns at most 1,000 rows a query page and 1,000 objects a CDC answer. */
export const PAGE_SIZE = 1000;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Every row of one entity, page by page (`STARTPOSITION n MAXRESULTS 1000`), handed to `onPage` as it arrives. */
export async function pullAll(api: QuickBooksApi, entity: Entity, onPage: (rows: unknown[]) => void): Promise<number> {
  let start = 1;
  let total = 0;
  for (;;) {
    const body = await api.get('query', {
      query: `SELECT * FROM ${entity} STARTPOSITION ${start} MAXRESULTS ${PAGE_SIZE}`,
    });
    const page = obj(obj(body).QueryResponse)[entity];
    const rows = Array.isArray(page) ? page : [];
    if (rows.length) onPage(rows);
    total += rows.length;
    if (rows.length < PAGE_SIZE) return total;
    start += PAGE_SIZE;
  }
}

export interface ChangeSet {
  byEntity: Map<Entity, unknown[]>;
  /** True when the answer was full (1,000 objects): the caller pulls everything instead of missing changes. */
  truncated: boolean;
}

/** Change Data Capture since `changedSince` (30 days back at most): changed and deleted objects per entity. */
export async function pullChanges(api: QuickBooksApi, changedSince: string): Promise<ChangeSet> {
  const body = await api.get('cdc', { entities: ENTITIES.join(','), changedSince });
  const byEntity = new Map<Entity, unknown[]>();
  let count = 0;
  const responses = obj(body).CDCResponse;
  for (const r of Array.isArray(responses) ? responses : []) {
    const parts = obj(r).QueryResponse;
    for (const part of Array.isArray(parts) ? parts : []) {
      for (const entity of ENTITIES) {
        const rows = obj(part)[entity];
        if (!Array.isArray(rows)) continue;
        const entityRows: unknown[] = rows;
        byEntity.set(entity, [...(byEntity.get(entity) ?? []), ...entityRows]);
        count += rows.length;
      }
    }
  }
  return { byEntity, truncated: count >= PAGE_SIZE };
}
