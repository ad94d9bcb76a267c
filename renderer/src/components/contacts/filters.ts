import type { InputOf } from '../../../../shared/ipc/contract';
import type { AudienceFilterInput } from '../../../../shared/audience';
import type { EngagementBand } from '../../../../shared/analytics/engagement';
import type { Channel } from '../../../../shared/types/domain';

/** What the list shows: the search box and the filter bar. */
export interface ContactFilterState {
  search: string;
  tag: string;
  /** '' any, 'textable' can be texted now, 'notTextable' kept but not textable, 'optedOut' said STOP. */
  status: '' | 'textable' | 'notTextable' | 'optedOut';
  segmentId: number | null;
  /** '' any, else an engagement band. */
  band: '' | EngagementBand;
  /** Leave out the contacts the opt-out model rates high risk. */
  excludeHighOptOutRisk: boolean;
  /** '' any, else only the contacts that channel can reach now (a text, an e-mail, a call). */
  reachableBy: '' | Channel;
}

export const NO_FILTERS: ContactFilterState = {
  search: '',
  tag: '',
  status: '',
  segmentId: null,
  band: '',
  excludeHighOptOutRisk: false,
  reachableBy: '',
};

export type ListQuery = Omit<InputOf<'contacts:list'>, 'limit' | 'offset' | 'afterId' | 'after'>;

export function isFiltered(f: ContactFilterState): boolean {
  return !!(
    f.search.trim() ||
    f.tag ||
    f.status ||
    f.segmentId !== null ||
    f.band ||
    f.excludeHighOptOutRisk ||
    f.reachableBy
  );
}

function statusFilter(status: ContactFilterState['status']): { optedOut?: boolean; textable?: boolean } {
  if (status === 'optedOut') return { optedOut: true };
  if (status === 'textable') return { optedOut: false, textable: true };
  if (status === 'notTextable') return { textable: false };
  return {};
}

/** The list channel's input for these filters (paging is added by the table). */
export function toListQuery(f: ContactFilterState): ListQuery {
  const search = f.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...statusFilter(f.status),
    ...(f.segmentId !== null ? { segmentId: f.segmentId } : {}),
    ...(f.band ? { band: f.band } : {}),
    ...(f.excludeHighOptOutRisk ? { optOutRisk: 'exclude-high' as const } : {}),
    ...(f.reachableBy ? { reachableBy: f.reachableBy } : {}),
  };
}

/** The same filters as an audience filter: what export and "Save as segment" take. */
export function toAudienceFilter(f: ContactFilterState): AudienceFilterInput {
  const search = f.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(f.tag ? { tags: [f.tag] } : {}),
    ...statusFilter(f.status),
    ...(f.segmentId !== null ? { segmentId: f.segmentId } : {}),
    ...(f.band ? { band: f.band } : {}),
    ...(f.excludeHighOptOutRisk ? { optOutRisk: 'exclude-high' as const } : {}),
    ...(f.reachableBy ? { reachableBy: f.reachableBy } : {}),
  };
}
